/**
 * Corrects a misspelt word to the closest word of a vocabulary ("vaild" → "valid", "cod" → "code"),
 * or leaves it unknown. A symmetric-delete index makes a lookup a handful of map probes, so it stays
 * fast with a vocabulary of any size; candidates are confirmed by true edit distance.
 */
export interface Correction {
  word: string;
  distance: number;
}

export class TypoCorrector {
  private readonly deletes = new Map<string, string[]>();
  /** The longest vocabulary word: a word more than two letters longer can't be within two edits. */
  private readonly longest: number = 0;

  /** `commonness` breaks ties between equally close words; by default they are all alike. */
  constructor(private readonly vocabulary: ReadonlySet<string>, private readonly commonness: (word: string) => number = () => 0) {
    for (const word of vocabulary) {
      this.longest = Math.max(this.longest, word.length);
      if (word.length < 3) continue;
      for (const variant of deletionsOf(word)) {
        const list = this.deletes.get(variant);
        if (list) list.push(word);
        else this.deletes.set(variant, [word]);
      }
    }
  }

  has(word: string): boolean {
    return this.vocabulary.has(word);
  }

  /** Vocabulary words sharing a deletion with `word`: everything within two edits, and some more. */
  private candidates(word: string): Set<string> {
    const found = new Set<string>();
    for (const variant of [word, ...deletionsOf(word)]) {
      if (this.vocabulary.has(variant)) found.add(variant);
      for (const candidate of this.deletes.get(variant) ?? []) found.add(candidate);
    }
    return found;
  }

  /** The vocabulary word itself, its closest correction, or undefined when nothing is close enough. */
  correct(word: string): Correction | undefined {
    if (this.vocabulary.has(word)) return { word, distance: 0 };
    const maxDistance = allowedDistance(word);
    // Its deletions alone would be quadratic in a long word's length (20 KB pasted as one word).
    if (maxDistance === 0 || word.length > this.longest + maxDistance) return undefined;
    let best: Correction | undefined;
    let bestFrequency = -1;
    for (const candidate of this.candidates(word)) {
      const distance = editDistance(word, candidate, maxDistance);
      if (distance > maxDistance || (distance === 2 && candidate[0] !== word[0])) continue;
      const frequency = this.commonness(candidate);
      if (!best || distance < best.distance || (distance === best.distance && frequency > bestFrequency)) {
        best = { word: candidate, distance };
        bestFrequency = frequency;
      }
    }
    return best;
  }
}

/** Short words are too easy to turn into other words: one edit from 3 letters, two from 7. */
function allowedDistance(word: string): number {
  if (word.length < 3 || /\d/.test(word)) return 0;
  return word.length >= 7 ? 2 : 1;
}

function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal-string-alignment distance (a transposition counts as one edit), stopping past `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
  }
  return rows[a.length]![b.length]!;
}
