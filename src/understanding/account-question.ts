/**
 * A question about money the marketplace owes ("when do I get paid for cards I sell?"): "sell" in it
 * pulls the model toward the sell flow, but only the team can see a payout. `normalized` is
 * normalizeText's output.
 */
const WHEN_OR_WHERE = /\b(?:when|how long|how soon|how many days|where|still|yet|havent|hasnt|not|never|pending|status)\b/;
const PAYOUT = /\b(?:(?:get|got|been|be|getting) paid|payouts?|pay ?out|payment for|my money|the money (?:from|for)|proceeds)\b/;

export function isPayoutQuestion(normalized: string): boolean {
  const said = normalized.replace(/[’']/g, '');
  return PAYOUT.test(said) && WHEN_OR_WHERE.test(said);
}
