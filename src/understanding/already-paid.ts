/**
 * "I already gave them the codes": the one scam story that needs the urgent answer (call the card's
 * issuer now). Found by its shape — someone handed over the numbers, or says they were scammed —
 * because the model may rank a short, calm telling of it as a question. `normalized` is normalizeText's output.
 */
/** Asking whether to ("can I read the code to my son?") is not having done it. */
const HANDED_OVER = /(?<!\b(?:can|could|should|shall|may|do|would|will|to|if) )\b(?:i|we|my (?:mom|mum|dad|wife|husband|grandma|grandpa|mother|father|son|daughter))\s(?:already\s|just\s|then\s|stupidly\s)?(?:gave|sent|read|told|texted|emailed|shared|handed|typed|uploaded|photographed)\b(?! (?:me|us)\b).{0,60}\b(?:numbers?|codes?|pins?|photos?|pictures?|pics?|backs? of the cards?)\b/;
const SCAMMED = /\b(?:i|we|my \w+)\s(?:think\s|fear\s)?(?:i\s|we\s)?(?:just\s)?(?:got|been|was|were|have been|ve been)\s(?:just\s)?scammed\b|^(?:got |been |was |just )?scammed out of\b/;
/** "the codes are already sent", "the pins were given to him". */
const CODES_GONE = /\b(?:codes?|numbers?|pins?|cards?) (?:are|were|was|have been|has been|got) (?:already |all )?(?:sent|given|read out|handed over|redeemed by)\b/;
/** "they took my £400 in amazon vouchers": the cards taken is the story whoever took them. */
const CARDS_TAKEN = /\b(?:took|stole|drained|emptied) (?:my|our|all my|all of my)\b.{0,40}\b(?:cards|vouchers|codes)\b/;

/** "the scammer already redeemed two of my cards". */
const SCAMMER_SPENT = /\b(?:the )?(?:scammers?|guy|man|woman|caller|fraudsters?)\s(?:already\s|has\s|have\s)*(?:redeemed|used|drained|spent|emptied|took)\b/;

/** Reading one's own card to type it in is redeeming it, not handing it over (and "my daughter sent me" a card is a gift). */
const OWN_CARD = /\b(?:my own|myself)\b|\b(?:gift|present) (?:i|we) (?:gave|sent)\b|\b(?:gave|sent) (?:it |them )?(?:to \w+ )?(?:as|for) (?:a |an |his |her |their )?(?:gift|present|birthday|christmas)\b/;

export function isAlreadyPaid(normalized: string): boolean {
  const said = normalized.replace(/[’']/g, '');
  return (HANDED_OVER.test(said) && !OWN_CARD.test(said)) || [SCAMMED, CODES_GONE, CARDS_TAKEN, SCAMMER_SPENT].some((shape) => shape.test(said));
}
