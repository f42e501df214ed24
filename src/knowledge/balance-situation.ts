/**
 * What the customer says about their own amounts: "it has $50 on it and my order was like $38" means
 * the balance covers the order, so an entry that explains an order costing more than the balance
 * contradicts them and must not be the answer. Read from the plain words (digits kept, "$" gone).
 */
const HEDGE = '(?:(?:like|about|around|only|just|roughly|maybe|nearly|almost|over|under)\\s)?';
const BALANCE = [
  new RegExp(`\\b(\\d+(?:\\s\\d{2})?)\\s(?:dollars?\\s|bucks\\s|euros?\\s|pounds?\\s)?(?:on it|on the card|on there|left on|loaded)\\b`),
  new RegExp(`\\b(?:balance|card|it)\\s(?:only\\s|just\\s|still\\s)?(?:is|of|has|shows|says|had)\\s${HEDGE}(\\d+)\\b`),
  new RegExp(`\\b(\\d+)\\s(?:dollars?\\s)?(?:gift\\s)?card\\b`),
];
const ORDER = [
  new RegExp(`\\b(?:order|total|cart|purchase|bill|checkout)\\s(?:is|was|of|came to|comes to|costs?|totals?|total is|total was)?\\s?${HEDGE}(\\d+)\\b`),
  new RegExp(`\\b(?:costs?|cost me|priced at|spending|spend)\\s${HEDGE}(\\d+)\\b`),
  new RegExp(`\\b(\\d+)\\s(?:dollars?\\s)?(?:order|purchase|item)\\b`),
];

export type BalanceSituation = 'covers' | 'short' | null;

/** Said in words: "the total was more than what's on the card". */
const SHORT_IN_WORDS = /\b(?:more than (?:whats|what is|the balance|the amount) on (?:the|my|it)|more than (?:the|my) balance|over (?:the|my) balance|not enough (?:money |balance |funds )?on (?:the|my|it))\b/;

export function balanceSituation(words: readonly string[]): BalanceSituation {
  const text = words.join(' ');
  if (SHORT_IN_WORDS.test(text)) return 'short';
  const balance = firstAmount(text, BALANCE);
  const order = firstAmount(text, ORDER);
  if (balance === null || order === null) return null;
  return balance >= order ? 'covers' : 'short';
}

function firstAmount(text: string, patterns: readonly RegExp[]): number | null {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) return Number(match[1]!.replace(' ', '.'));
  }
  return null;
}

/** An entry about an order costing more than what is on the card ("Order total more than the balance."). */
export const OVER_BALANCE = /\b(?:more than (?:the |your |its )?(?:balance|card|value)|over (?:the |your )?balance|exceeds? (?:the |your )?balance|not enough (?:money|balance|funds)|insufficient)\b/i;
