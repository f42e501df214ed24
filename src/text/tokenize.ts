import { normalizeText } from './normalize';

// A domain as people write it, with an optional scheme or www in front: "https://www.amazon.co.uk".
// It starts at a letter or digit that begins a run of domain characters (after leading dots or
// dashes, or after ".."), never inside one: tried from every character of a run ("a-a-a-…",
// "1.1.1.…"), each try scanning to the run's end, the pattern was quadratic.
const DOMAIN = /(?=[a-z0-9])(?:(?<![a-z0-9.-])|(?<=\.\.)|(?<=(?:^|[^a-z0-9.-])[.-]+))(?:https?:\/\/)?(?:www\.)?([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,})(?![a-z0-9-])/g;
const WORD = /[a-z0-9]+/g;

export interface Tokens {
  /** Plain words, in order: letters and digits only, apostrophes dropped ("won't" → "wont"). */
  words: string[];
  /** For each word, the index in `domains` of the domain it was part of, or -1. */
  wordDomain: number[];
  /** Domains written in the text ("amazon.co.uk"), without scheme, www or path. */
  domains: string[];
}

/** Splits text into words and domains. Input is normalised here; callers pass raw text. */
export function tokenize(raw: string): Tokens {
  return tokenizeNormalized(normalizeText(raw));
}

/** As tokenize, for text already passed through normalizeText (a message is normalised once a turn). */
export function tokenizeNormalized(normalized: string): Tokens {
  const text = normalized.replace(/'/g, '');
  const domains: string[] = [];
  const spans: Array<[number, number]> = [];
  // Most text has no "x.yz" at all, and then the full domain pattern need not run.
  const maybeDomain = /[a-z0-9]\.[a-z]{2}/.test(text);
  for (const match of maybeDomain ? text.matchAll(DOMAIN) : []) {
    domains.push(match[1]!);
    spans.push([match.index, match.index + match[0].length]);
  }
  const words: string[] = [];
  const wordDomain: number[] = [];
  let span = 0;
  for (const match of text.matchAll(WORD)) {
    while (span < spans.length && spans[span]![1] <= match.index) span++;
    const inside = span < spans.length && spans[span]![0] <= match.index;
    words.push(match[0]);
    wordDomain.push(inside ? span : -1);
  }
  return { words, wordDomain, domains };
}
