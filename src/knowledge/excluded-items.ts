/**
 * What an entry says a card can't pay for ("Gift cards can't pay for bullion, coins, paper money…",
 * "can't be used at ATMs or for cash back"): each item becomes a short phrasing of the entry, so a question about an item category ("can I buy a silver coin with it?") finds the
 * eligibility entry rather than whichever entry shares its everyday words. Read from the text the
 * article already has, so it holds for articles giftbot was never tuned on.
 */
const REFUSAL = /\b(?:can't|cannot|can not|won't|isn't|aren't)\s(?:be\s)?(?:used (?:for|at|to buy|on)|spent on|pay for|paid for|buy|purchase|cover)\s/gi;
const MAX_ITEMS = 12;

export function excludedItems(text: string): string[] {
  const items: string[] = [];
  for (const match of text.matchAll(REFUSAL)) {
    // The list runs to the end of the sentence or a dash ("… gift cards — pay for those another way").
    const rest = text.slice(match.index + match[0].length).split(/[.;:!?]|\s[—–-]\s/)[0] ?? '';
    // "…an item gift cards can't pay for, or a balance…": the refusal ended the clause, no list follows.
    if (/^\s*,/.test(rest)) continue;
    for (const part of rest.split(/,|\bor\b|\band\b/)) {
      const item = part.replace(/^\s*(?:for|on|at|to|a|an|the|other|any)\s+/i, '').trim();
      const words = item.split(/\s+/).filter(Boolean);
      if (words.length >= 1 && words.length <= 3 && /^[a-z]/i.test(item)) items.push(item.toLowerCase());
      if (items.length >= MAX_ITEMS) return items;
    }
  }
  return items;
}
