/**
 * "I already gave them the codes": the one scam story that needs the urgent answer (call the card's
 * issuer now). Found by its shape — someone handed over the numbers, or says they were scammed —
 * because the model may rank a short, calm telling of it as a question. `normalized` is normalizeText's output.
 */
const HANDED_OVER = /\b(?:i|we|my (?:mom|mum|dad|wife|husband|grandma|grandpa|mother|father|son|daughter))\s(?:already\s|just\s|then\s|stupidly\s)?(?:gave|sent|read|told|texted|emailed|shared|handed|typed|uploaded|photographed)\b.{0,60}\b(?:numbers?|codes?|pins?|photos?|pictures?|pics?|backs? of the cards?)\b/;
const SCAMMED = /\b(?:i|we|my \w+)\s(?:think\s|fear\s)?(?:i\s|we\s)?(?:just\s)?(?:got|been|was|were|have been|ve been)\s(?:just\s)?scammed\b/;

/** "the scammer already redeemed two of my cards". */
const SCAMMER_SPENT = /\bthe (?:scammers?|guy|man|woman|caller|fraudsters?)\s(?:already\s|has\s|have\s)*(?:redeemed|used|drained|spent|emptied|took)\b/;

export function isAlreadyPaid(normalized: string): boolean {
  const said = normalized.replace(/[’']/g, '');
  return HANDED_OVER.test(said) || SCAMMED.test(said) || SCAMMER_SPENT.test(said);
}
