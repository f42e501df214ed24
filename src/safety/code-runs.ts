import { evidenceOf, FILLER, FUSED_SECRET, NOT_CODE, type Evidence } from './code-words';
import { describe, joined, JOINT, MAX_GAP, tokenize, type Run, type SecretKind, type Token } from './code-tokens';
import { isCardNumber, judgeByShape, judgeByWords, type Verdict } from './run-verdict';

/**
 * Finds codes in folded text without backtracking regexes: the text is cut into alphanumeric
 * tokens once; neighbouring tokens joined by a separator a person puts between printed groups
 * (space, dot, comma, underscore, slash, hyphen with or without spaces, a line break) form a run;
 * each run is judged by its shape and by the words before it. Every step is linear in the text.
 */
export type { SecretKind } from './code-tokens';

export interface Find {
  start: number;
  end: number;
  kind: SecretKind;
}

export interface Scan {
  finds: Find[];
  /** The text ended with a code, a code-shaped fragment or the word for one ("the pin is"). */
  endsWithCode: boolean;
}

const SENTENCE_END = /[!?]|\.\s|\n[ \t]*\r?\n/;
// "no." and "nr." end with a dot but not a sentence.
const ABBREVIATION = new Set(['no', 'nr', 'num', 'tel', 'ref', 'acct']);
/** How far back (in tokens) a word may sit and still vouch that a number is not a secret. */
const KEEP_REACH = 3;
/** How many unrelated words may stand between a secret's word and its number ("pin for my card is"). */
const SECRET_REACH = 3;

export function findCodes(text: string, afterCode: boolean): Scan {
  const tokens = tokenize(text);
  const finds: Find[] = [];
  let endsWithCode = false;
  let i = 0;
  while (i < tokens.length) {
    if (!tokens[i]!.part) {
      i++;
      continue;
    }
    let last = i;
    while (last + 1 < tokens.length && tokens[last + 1]!.part && joined(text, tokens[last]!, tokens[last + 1]!)) last++;
    const run = describe(text, tokens, i, last);
    const verdict = judge(text, tokens, run, afterCode);
    const atEnd = last === tokens.length - 1;
    if (verdict.hide) {
      const [from, to] = absorb(text, tokens, i, last);
      finds.push({ start: tokens[from]!.start, end: tokens[to]!.end, kind: verdict.kind });
      if (to === tokens.length - 1) endsWithCode = true;
    } else if (atEnd && !verdict.certain && looksLikeFragment(text, tokens, run)) endsWithCode = true;
    i = last + 1;
  }
  return { finds, endsWithCode: endsWithCode || endsWithSecretWord(tokens) };
}

/** The end of a code typed in two goes ("X7KQ", "6006 4912"), not an amount, a date or a time. */
function looksLikeFragment(text: string, tokens: Token[], run: Run): boolean {
  if (run.digits + run.letters < 4) return false;
  if (run.letters > 0) return true;
  const before = text[tokens[run.first]!.start - 1] ?? '';
  return !/[$€£¥]/.test(before) && !/[.,/:]/.test(text.slice(tokens[run.first]!.start, tokens[run.last]!.end));
}

function judge(text: string, tokens: Token[], run: Run, afterCode: boolean): Verdict {
  const card = isCardNumber(tokens, run);
  const fused = run.first === run.last && FUSED_SECRET.test(tokens[run.first]!.text);
  const evidence = fused ? 'secret' : (evidenceBefore(text, tokens, run.first) ?? secretWordAfter(text, tokens, run.last));
  const byWords = evidence ? judgeByWords(evidence, run, card) : undefined;
  const verdict = byWords ?? judgeByShape(text, tokens, run, card);
  if (!verdict.hide && !verdict.certain && afterCode && (run.digits >= 3 || run.digits + run.letters >= 4)) {
    return { hide: true, kind: 'code' };
  }
  return verdict;
}

/** The nearest telling word before token `at`, within the sentence and before any earlier number. */
function evidenceBefore(text: string, tokens: Token[], at: number): Evidence | undefined {
  let unrelated = 0;
  for (let j = at - 1; j >= 0 && j >= at - 10; j--) {
    const t = tokens[j]!;
    if (sentenceEndsBetween(text, t, tokens[j + 1]!)) return undefined;
    const evidence = evidenceOf(t.lower, tokens[j - 1]?.lower);
    if (evidence) return evidence === 'secret' || evidence === 'code' || at - j <= KEEP_REACH ? evidence : undefined;
    if (t.digits > 0) return undefined;
    if (!FILLER.has(t.lower) && ++unrelated > SECRET_REACH) return undefined;
  }
  return undefined;
}

function sentenceEndsBetween(text: string, a: Token, b: Token): boolean {
  const gap = text.slice(a.end, Math.min(b.start, a.end + MAX_GAP));
  return SENTENCE_END.test(gap) && !(ABBREVIATION.has(a.lower) && /^\.\s*$/.test(gap));
}

/** "4821 is my pin", "73920145 is the access number": the word for a secret right after it. */
function secretWordAfter(text: string, tokens: Token[], at: number): Evidence | undefined {
  for (let j = at + 1; j < tokens.length && j <= at + 4; j++) {
    const t = tokens[j]!;
    if (sentenceEndsBetween(text, tokens[j - 1]!, t)) return undefined;
    const evidence = evidenceOf(t.lower, j - 1 > at ? tokens[j - 1]!.lower : undefined);
    // "access" before "number"/"code": read on, the pair decides.
    const pair = j + 1 < tokens.length ? evidenceOf(tokens[j + 1]!.lower, t.lower) : undefined;
    if (pair === 'secret' || pair === 'code' || pair === 'error') return pair === 'error' ? undefined : pair;
    if (evidence) return evidence === 'secret' || evidence === 'code' ? evidence : undefined;
    if (!FILLER.has(t.lower)) return undefined;
  }
  return undefined;
}

/** "the pin is", "access number:" at the very end: the number is probably in the next message. */
function endsWithSecretWord(tokens: Token[]): boolean {
  for (let j = tokens.length - 1; j >= 0 && j >= tokens.length - 4; j--) {
    const t = tokens[j]!;
    if (FILLER.has(t.lower)) continue;
    const evidence = evidenceOf(t.lower, tokens[j - 1]?.lower);
    return evidence === 'secret' || evidence === 'code';
  }
  return false;
}

/** Letter groups joined to a hidden code by a dash, dot or slash ("aq4t-g7xrld-aeqt") belong to it. */
function absorb(text: string, tokens: Token[], first: number, last: number): [number, number] {
  const joinsTight = (a: Token, b: Token): boolean => {
    const gap = text.slice(a.end, Math.min(b.start, a.end + MAX_GAP));
    return b.start - a.end <= MAX_GAP && /[^\s]/.test(gap) && JOINT.test(gap);
  };
  const fits = (t: Token): boolean => t.digits === 0 && t.text.length >= 2 && t.text.length <= 8 && !NOT_CODE.has(t.lower);
  // With a space, only a group as long as one of the code's own ("aq4t g7xrld aeqt").
  const lengths = new Set<number>();
  for (let k = first; k <= last && k < first + 8; k++) lengths.add(tokens[k]!.text.length);
  const evenGroup = (t: Token, a: Token, b: Token): boolean =>
    last > first && lengths.has(t.text.length) && /^[a-z]+$/.test(t.text) && b.start - a.end <= 3 && /^[ \t]+$/.test(text.slice(a.end, b.start));
  let from = first;
  let to = last;
  for (let k = 0; k < 2 && from > 0 && fits(tokens[from - 1]!) && joinsTight(tokens[from - 1]!, tokens[from]!); k++) from--;
  for (let k = 0; k < 2 && to + 1 < tokens.length && fits(tokens[to + 1]!) && joinsTight(tokens[to]!, tokens[to + 1]!); k++) to++;
  if (from === first && from > 0 && fits(tokens[from - 1]!) && evenGroup(tokens[from - 1]!, tokens[from - 1]!, tokens[from]!)) from--;
  if (to === last && to + 1 < tokens.length && fits(tokens[to + 1]!) && evenGroup(tokens[to + 1]!, tokens[to]!, tokens[to + 1]!)) to++;
  return [from, to];
}
