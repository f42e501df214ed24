/**
 * Someone else asking for gift cards as payment ("the recruiter says I need to buy a $150 steam card
 * for training", "the hospital only takes google play cards", "my match asked for an ebay card as
 * proof"): the shape every scam story shares, whoever the someone is. A gift given ("my boss gave me
 * a card") or a purchase the customer chose is not this. `normalized` is normalizeText's output.
 */
const SOMEONE = /\b(?:he|she|they|him|her|them|man|woman|guy|lady|someone|somebody|caller|recruiter|employer|match|boyfriend|girlfriend|gf|bf|fiance|hospital|lawyer|attorney|officer|agent|company|boss|manager|ceo|landlord|buyer|seller|irs|police|sheriff|court|bail bonds?|jail|utility|tech support|support)\b/;
const DEMANDS = /\b(?:ask (?:me )?for|asked (?:me )?(?:for|to)|asks (?:me )?(?:for|to)|asking (?:me )?(?:for|to)|wants? (?:me to|a|an|some|\$?\d)|needs? (?:me to|a|an|some|\$?\d|\w+ cards?)|told me to|tells me to|says i (?:need|have|must)|said i (?:need|have|must)|only (?:takes|accepts|take|accept)|demand(?:s|ed|ing)?|insists?)\b/;
const CARDS = /\b(?:gift ?cards?|(?:apple|itunes|google play|steam|amazon|ebay|target|walmart|best buy|razer(?: gold)?|sephora|visa|xbox|playstation|psn|vanilla)(?: gift)? cards?)\b/;
const GIVEN = /\b(?:gave me|give me|got me|bought me|sent me|gifted|as a (?:gift|present|bonus|thank you)|for (?:christmas|my birthday|the team)|to give)\b/;

/** A buyer of something the customer sells paying with a gift card: the overpayment and fake-payment scams ("how does a buyer pay me when I sell my card?" is the customer's own card). */
const BUYER_PAYS = /\b(?:buyer|purchaser|(?:someone|somebody|a guy|a man|a woman|a lady|he|she|they) (?:buying|wants to buy|wanting to buy))\b.{0,80}\b(?:pay|pays|paying|payment|send|sends|sending)\b(?:(?!\b(?:sell|selling|sold|list|listed|listing)\b).){0,50}\bcards?\b/;

export function isCardsDemanded(normalized: string): boolean {
  const said = normalized.replace(/[’']/g, '');
  if (BUYER_PAYS.test(said)) return true;
  if (GIVEN.test(said)) return false;
  const who = SOMEONE.exec(said);
  if (!who) return false;
  const after = said.slice(who.index, who.index + 120);
  const demand = DEMANDS.exec(after);
  if (demand === null) return false;
  // "the irs never asks for gift cards" is what the customer read, not what is happening to them.
  if (/\b(?:never|not|dont|doesnt|do not|does not|wont|would not|wouldnt)\s+$/.test(after.slice(Math.max(0, demand.index - 16), demand.index))) return false;
  return CARDS.test(after.slice(demand.index, demand.index + 70));
}
