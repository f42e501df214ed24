/**
 * Whether a message is written in another language giftbot meets (Spanish, German, French,
 * Portuguese, Italian): counted by their everyday words, which English rarely uses. Two such words
 * and fewer English ones is enough; brand names and numbers count for neither.
 */
const OTHER = new Set(
  ('hola gracias tarjeta tarjetas regalo como puedo quiero necesito ayuda por favor tengo mi una para que esta codigo canjear vender ' +
    'hallo danke karte gutschein wie kann ich mein meine eine ist nicht bitte einlösen einloesen verkaufen hilfe habe und der die das ' +
    'bonjour merci carte cadeau comment puis je mon ma une est pas vendre aide avec utiliser ai ' +
    'olá ola obrigado obrigada cartão cartao presente posso meu minha não nao vender ajuda com usar resgatar ' +
    'ciao grazie carta regalo posso mio vendere aiuto non è').split(' '),
);
const ENGLISH = new Set('i my the a an to is it how can do you want card gift code help and of for with on this that what sell redeem please'.split(' '));

export function looksNonEnglish(text: string): boolean {
  const words = text.toLowerCase().normalize('NFC').split(/[^\p{L}]+/u).filter(Boolean);
  let other = 0;
  let english = 0;
  for (const w of words) {
    if (ENGLISH.has(w)) english++;
    else if (OTHER.has(w)) other++;
  }
  return other >= 2 && other > english;
}
