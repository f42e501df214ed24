import type { Entry } from './entries';

/**
 * Error codes are the strongest evidence a question carries: "error 2813-0001" names one entry
 * whatever words surround it. Entries' titles and fixes are read for code shapes once ("2813-xxxx",
 * "0x87E10BEF", "E-403", "WC-01", "LGC-2xx", "decline code 05"; x in a code's digits is any one
 * character), kept by their first three characters, and a question's codes are looked up there:
 * an exact code beats a wildcard one, which beats a shared prefix ("error 2813" → "2813-xxxx").
 */
export type CodeMatch = 'exact' | 'wildcard' | 'prefix';

export interface CodeHit {
  entry: Entry;
  /** The code as the entry writes it ("2813-xxxx"). */
  code: string;
  match: CodeMatch;
  /** A confident score for the search's decision; hits of one rank score the same, so they tie. */
  score: number;
}

/** A code without its separators, lower case, and where its printed groups ended ("2813-xxxx" → 2813xxxx, [4]). */
interface Code {
  key: string;
  /** Offsets in `key` where a group ends: a dash, a space, or letters turning into digits. */
  cuts: number[];
}

interface IndexedCode extends Code {
  written: string;
  entry: Entry;
  wild: boolean;
}

const RANK: Record<CodeMatch, number> = { exact: 3, wildcard: 2, prefix: 1 };
const SCORE: Record<CodeMatch, number> = { exact: 1, wildcard: 0.95, prefix: 0.9 };
/** Each weaker rank of hits below the best scores this much less: more than a tie, so the best is answered. */
const STEP_DOWN = 0.1;
const KEY_LENGTH = 3;

// Words that say the number beside them is an error's ("error 2813", "decline code 05", "2813 error").
const CODE_WORDS = new Set(['error', 'errors', 'err', 'errorcode', 'code', 'codes', 'decline', 'declined', 'reason', 'response', 'status']);

// Shapes that are codes wherever an entry prints them: hex numbers, dashed groups with an x
// wildcard, and capital letters dashed to digits ("E-403", "RDM-40x"; "COVID-19" has too many letters).
const STRONG = /\b0x[0-9a-fA-F]{4,8}\b|\b\d{3,4}-(?=[0-9xX]*[xX])[0-9xX]{2,4}\b|\b[A-Z]{1,4}-\d[0-9x]{1,4}\b/g;
// Shapes that are codes only beside an error word: "9001-0003", "E117", a bare "05" or "2813".
const WEAK = /\b\d{3,4}-\d{4}\b|\b[A-Z]{1,4}\d{2,5}\b|\b\d{2,6}\b/g;
const CODE_WORD_BEFORE = new RegExp(`\\b(?:${[...CODE_WORDS].join('|')})(?:\\s+[a-z]+)?[\\s:#]*$`, 'i');
const CODE_WORD_AFTER = new RegExp(`^\\s+(?:${[...CODE_WORDS].join('|')})\\b`, 'i');

export class ErrorCodeIndex {
  private readonly byKey = new Map<string, IndexedCode[]>();
  /** Codes with a wildcard among their first characters ("E-4xx"): too few to key, checked one by one. */
  private readonly wildHeads: IndexedCode[] = [];
  private count = 0;

  /** Built once from every entry; a text without a digit is skipped without a pattern run. */
  constructor(entries: readonly Entry[]) {
    for (const entry of entries) {
      const seen = new Set<string>();
      for (const text of [entry.title, entry.body]) {
        if (!/\d/.test(text)) continue;
        for (const written of codesIn(text)) {
          const code = parse(written);
          if (seen.has(code.key)) continue;
          seen.add(code.key);
          this.add({ ...code, written, entry, wild: isWild(code.key) });
        }
      }
    }
  }

  /** How many codes the entries print. */
  get size(): number {
    return this.count;
  }

  /**
   * The entries whose codes the question names, best first (exact > wildcard > prefix, then the
   * code that fixes more characters), one hit per entry; `accept` picks whose entries count.
   */
  find(words: readonly string[], accept: (entry: Entry) => boolean = () => true): CodeHit[] {
    if (this.count === 0 || !words.some((w) => /\d/.test(w))) return [];
    const best = new Map<Entry, { code: IndexedCode; match: CodeMatch; fixed: number }>();
    for (const query of queryCodes(words)) {
      for (const code of this.candidates(query.key)) {
        if (!accept(code.entry)) continue;
        const match = compare(query, code);
        if (!match) continue;
        const fixed = fixedChars(code.key);
        const known = best.get(code.entry);
        if (!known || RANK[match] > RANK[known.match] || (RANK[match] === RANK[known.match] && fixed > known.fixed)) best.set(code.entry, { code, match, fixed });
      }
    }
    const ranked = [...best.values()].sort((a, b) => RANK[b.match] - RANK[a.match] || b.fixed - a.fixed);
    const top = ranked[0];
    if (!top) return [];
    let step = 0;
    return ranked.map((hit, i) => {
      const prev = ranked[i - 1];
      if (prev && (prev.match !== hit.match || prev.fixed !== hit.fixed)) step++;
      return { entry: hit.code.entry, code: hit.code.written, match: hit.match, score: SCORE[top.match] - step * STEP_DOWN };
    });
  }

  private add(code: IndexedCode): void {
    this.count++;
    const head = code.key.slice(0, KEY_LENGTH);
    if (isWild(head)) {
      this.wildHeads.push(code);
      return;
    }
    const list = this.byKey.get(head);
    if (list) list.push(code);
    else this.byKey.set(head, [code]);
  }

  private candidates(key: string): IndexedCode[] {
    const keyed = this.byKey.get(key.slice(0, KEY_LENGTH)) ?? [];
    return this.wildHeads.length ? [...keyed, ...this.wildHeads] : keyed;
  }
}

/** Code shapes in an entry's text: strong ones anywhere, weak ones only beside an error word. */
function codesIn(text: string): string[] {
  const out: string[] = [];
  const taken: Array<[number, number]> = [];
  for (const m of text.matchAll(STRONG)) {
    out.push(m[0]);
    taken.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(WEAK)) {
    const end = m.index + m[0].length;
    if (!taken.some(([s, e]) => m.index < e && end > s) && besideCodeWord(text, m.index, end)) out.push(m[0]);
  }
  return out;
}

/**
 * An error word just before text[start, end) — perhaps one word between, no punctuation ("error
 * code 05", "decline code: 05") — or just after it ("2813 error"). "code; COVID-19" is no code.
 */
function besideCodeWord(text: string, start: number, end: number): boolean {
  return CODE_WORD_BEFORE.test(text.slice(Math.max(0, start - 40), start)) || CODE_WORD_AFTER.test(text.slice(end, end + 16));
}

/**
 * The codes a question may name, from its words (lower case, split at dashes and spaces, so
 * "2813-0001", "2813 0001" and "E-117"/"E117" read alike). A bare number counts beside an error
 * word, or when it is the message's only number and has three digits or more.
 */
function queryCodes(words: readonly string[]): Code[] {
  const out: Code[] = [];
  const numbers = words.filter((w) => /\d/.test(w)).length;
  const nearWord = (i: number) => [words[i - 1], words[i - 2], words[i + 1]].some((w) => w !== undefined && CODE_WORDS.has(w));
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    if (!/\d/.test(w)) {
      // Letters then a number: "e 403", "rdm 401" (the error words themselves are no code's letters).
      if (next && /^[a-z]{1,4}$/.test(w) && !CODE_WORDS.has(w) && /^\d[0-9x]{1,4}$/.test(next)) out.push({ key: w + next, cuts: [w.length] });
      continue;
    }
    if (/^0x[0-9a-f]{4,8}$/.test(w)) out.push({ key: w, cuts: [] });
    else if (/^[0-9a-f]{8}$/.test(w) && /[a-f]/.test(w)) out.push({ key: `0x${w}`, cuts: [] }); // hex typed without its 0x
    else if (/^[a-z]{1,4}\d[0-9x]{1,4}$/.test(w)) out.push({ key: w, cuts: [w.search(/\d/)] });
    else if (/^\d{3,4}$/.test(w) && next && /^[0-9x]{4}$/.test(next)) out.push({ key: w + next, cuts: [w.length] });
    if (/^\d{2,6}$/.test(w) && (nearWord(i) || (numbers === 1 && w.length >= 3))) out.push({ key: w, cuts: [] });
  }
  return out;
}

function parse(written: string): Code {
  const groups = written.toLowerCase().split(/[-\s]+/);
  const cuts: number[] = [];
  let key = '';
  for (const group of groups) {
    if (key) cuts.push(key.length);
    const turn = /^[a-z]+\d/.test(group) && !group.startsWith('0x') ? group.search(/\d/) : -1;
    if (turn > 0) cuts.push(key.length + turn);
    key += group;
  }
  return { key, cuts };
}

/** A wildcard is an x after the code's first digit (a hex number's "0x" is its prefix, not one). */
function isWild(key: string): boolean {
  if (key.startsWith('0x')) return false;
  const digit = key.search(/\d/);
  return digit >= 0 && key.indexOf('x', digit) > 0;
}

function fixedChars(key: string): number {
  if (!isWild(key)) return key.length;
  const digit = key.search(/\d/);
  return key.length - [...key.slice(digit)].filter((c) => c === 'x').length;
}

function compare(query: Code, code: IndexedCode): CodeMatch | undefined {
  const q = query.key;
  const c = code.key;
  if (q === c) return 'exact';
  if (q.length === c.length) return code.wild && fits(q, code, 0) ? 'wildcard' : undefined;
  // A code's first group said alone ("error 2813" for "2813-xxxx"), or a family the entry names by its first group.
  if (q.length < c.length) return q.length >= KEY_LENGTH && code.cuts.includes(q.length) && fits(q, code, 0) ? 'prefix' : undefined;
  return c.length >= KEY_LENGTH && !code.wild && query.cuts.includes(c.length) && q.startsWith(c) ? 'prefix' : undefined;
}

/** `q` fits the code from `from` on, each x of the code's digits taking any one character. */
function fits(q: string, code: IndexedCode, from: number): boolean {
  const digit = code.wild ? code.key.search(/\d/) : Infinity;
  for (let k = from; k < q.length; k++) {
    const c = code.key[k];
    if (c !== q[k] && !(c === 'x' && k > digit)) return false;
  }
  return true;
}
