import { normalizeText } from './normalize';

/** Where a hidden code was, as the redactor writes it. */
const CODE_MARK = /\[code hidden\]/g;

/** Lower case, no apostrophes, letters and digits separated by single spaces. */
export function simplify(text: string): string {
  return simplifyNormalized(normalizeText(text));
}

/** As simplify, for text already passed through normalizeText (so a message is normalised once). */
export function simplifyNormalized(normalized: string): string {
  return normalized.replace(/'/g, '').replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Words in a reply that mean "nothing to say here" — the text that's left once a code is hidden. */
export function isBlank(text: string): boolean {
  return normalizeText(text.replace(CODE_MARK, '')).replace(/[^a-z0-9]/g, '') === '';
}
