import { STOPWORDS } from '../text/lexicon';
import type { Utterance } from '../understanding/utterance';

/** Words that only say "a card" and where it came from: with a brand and nothing else, no task has been named yet. */
const CARD_WORDS = new Set(
  ('card cards gift giftcard giftcards egift voucher got have received new this these birthday christmas xmas present ' +
    'grandma grandpa mom mum dad aunt uncle friend boss work today yesterday').split(' '),
);

/**
 * The brand of a message that names a card and asks nothing ("i have a roblox card", "got a $50
 * amazon gift card"): a listed brand the search found, else one named by `otherBrand` (brands
 * without an article). Nothing else may be said but where the card came from ("…for my birthday").
 */
export function cardNamed(utterance: Utterance, otherBrand?: (text: string) => string | null): string | null {
  if (utterance.text.includes('?')) return null;
  const found = utterance.search(null);
  const brand = found.mentioned[0] ?? otherBrand?.(utterance.text) ?? null;
  if (!brand || found.decision !== 'abstain') return null;
  // A listed brand comes as its id ("google-play"), another as its name ("Roblox"): either way, its words.
  const brandWords = new Set(brand.toLowerCase().split(/[^a-z0-9]+/));
  const rest = utterance.tokens.words.filter((w) => !STOPWORDS.has(w) && !CARD_WORDS.has(w) && !brandWords.has(w) && !/^\d+$/.test(w));
  return rest.length === 0 ? brand : null;
}
