import { isEnglishWord } from '../text/dictionary';
import { normalizeText } from '../text/normalize';
import { TypoCorrector } from '../text/typo-corrector';
import type { OtherBrand } from './other-brands-schema';

/** Names of up to this many words are looked for ("bath and body works"). */
const MAX_WORDS = 4;
/** A typo is forgiven only in a word this long; shorter names ("uber", "lyft") must be exact. */
const TYPO_MIN_LENGTH = 5;

/**
 * The words of a name or a message, lower-cased, apostrophes dropped ("Lowe's" → "lowes"), every
 * other run of punctuation a space ("chick-fil-a" → "chick fil a").
 */
export function nameWords(text: string): string[] {
  return normalizeText(text)
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** A name's key: its words run together, so "door dash" and "doordash" are one. */
export function nameKey(text: string): string {
  return nameWords(text).join('');
}

/**
 * Brands giftbot knows by name but has no article for. `find` reads a name in a message: whole
 * words, the longest name first, one typo forgiven in a word of five letters or more that is not an
 * English word ("robloz" → Roblox, but "lower" is never Lowe's). A name the knowledge base lists is
 * left out: a brand with a knowledge file wins over this list.
 */
export class OtherBrands {
  private readonly byKey = new Map<string, string>();
  /** The project's symmetric-delete corrector over the names long enough to forgive a typo in. */
  private readonly typos: TypoCorrector;

  constructor(brands: readonly OtherBrand[], listed: (key: string) => boolean = () => false) {
    for (const brand of brands) {
      const keys = [brand.name, ...(brand.aliases ?? [])].map(nameKey).filter(Boolean);
      if (keys.some(listed)) continue;
      for (const key of keys) if (!this.byKey.has(key)) this.byKey.set(key, brand.name);
    }
    this.typos = new TypoCorrector(new Set([...this.byKey.keys()].filter((k) => k.length >= TYPO_MIN_LENGTH)));
  }

  get size(): number {
    return new Set(this.byKey.values()).size;
  }

  /** The brand's own name when the text names one of these brands, else null. */
  find(text: string): string | null {
    return this.findAt(text)?.name ?? null;
  }

  /** As find, with the index of the word the name starts at ("swap my roblox for amazon": 2). */
  findAt(text: string): { name: string; word: number } | null {
    const words = nameWords(text);
    for (let n = Math.min(MAX_WORDS, words.length); n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        const name = this.byKey.get(words.slice(i, i + n).join(''));
        if (name) return { name, word: i };
      }
    }
    for (const [i, word] of words.entries()) {
      if (word.length < TYPO_MIN_LENGTH || isEnglishWord(word)) continue;
      const near = this.typos.correct(word);
      if (near?.distance === 1) return { name: this.byKey.get(near.word)!, word: i };
    }
    return null;
  }
}
