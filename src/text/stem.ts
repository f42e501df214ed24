/**
 * A light English stemmer: enough to fold "redeemed/redeeming/redeems" and "applies/applied" onto
 * one form. Both sides of a match go through it, so the stems only need to agree, not be words.
 */
const VOWEL = /[aeiouy]/;
const DOUBLE_END = /([bdfgkmnprt])\1$/;
// "used" stays apart: "already used" is a redeemed code, "never use" a card nobody wants.
const IRREGULAR: Record<string, string> = { used: 'used', using: 'us', uses: 'us', use: 'us' };

export function stem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') || w.endsWith('ied')) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is|ys)$/.test(w)) w = w.slice(0, -1);
  w = stripSuffix(w, 'ing') ?? stripSuffix(w, 'ed') ?? w;
  // "code"/"coded", "expire"/"expired", "store"/"stores" meet at the form without the final e.
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

function stripSuffix(word: string, suffix: string): string | undefined {
  if (!word.endsWith(suffix)) return undefined;
  const base = word.slice(0, -suffix.length);
  if (base.length < 3 || !VOWEL.test(base)) return undefined;
  return DOUBLE_END.test(base) ? base.slice(0, -1) : base; // getting → get, scratched → scratch
}
