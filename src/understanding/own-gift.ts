/**
 * A card the customer is giving ("can I buy a gift card for my boss here?", "can I read the code to my
 * son so he can redeem it?"): the scam cue phrases see a boss or a code read out, but nobody is
 * asking the customer for anything. `normalized` is normalizeText's output.
 */
const GIFT_TO = /\b(?:for|to) (?:my|our) (?:boss|son|sons|daughter|daughters|kid|kids|grandson|granddaughter|grandkids?|grandchildren|nephew|niece|friend|mom|mum|dad|wife|husband|teacher|coworkers?|team|staff|employees)\b/;
/** Somebody asking: then it is a story, whoever the card is for. */
const DEMANDED = /\b(?:asked|asks|asking|told|tells|wants|needs|says|said|texted|emailed|called|messaged) (?:me|us)\b|\b(?:wants|needs|asked for|asking for|demand\w*|insist\w*)\b/;

export function isOwnGift(normalized: string): boolean {
  const said = normalized.replace(/[’']/g, '');
  return GIFT_TO.test(said) && !DEMANDED.test(said);
}
