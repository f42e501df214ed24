import { normalizeText } from './normalize';

const DOMAIN = /^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/;

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
  const tokens: Tokens = { words: [], wordDomain: [], domains: [] };
  for (const chunk of normalizeText(raw).split(' ')) {
    const host = chunk.replace(/^[^a-z0-9]+/, '').replace(/^https?:\/\//, '').replace(/^www\./, '').split(/[/?#]/)[0] ?? '';
    const bare = host.replace(/[^a-z0-9]+$/, '');
    const domainIndex = DOMAIN.test(bare) ? tokens.domains.push(bare) - 1 : -1;
    const hostWords = domainIndex >= 0 ? new Set(bare.split(/[.-]/)) : undefined;
    for (const word of chunk.replace(/'/g, '').split(/[^a-z0-9]+/)) {
      if (!word) continue;
      tokens.words.push(word);
      tokens.wordDomain.push(hostWords?.has(word) ? domainIndex : -1);
    }
  }
  return tokens;
}
