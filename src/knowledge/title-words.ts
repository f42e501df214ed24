/**
 * An error's title without the code it opens with: "Error 0x80A107: This gift code has already been
 * used." is matched by its words as "This gift code has already been used." The code itself is found
 * by the error-code index; left in the title, its tokens are words no customer types, which lowered
 * how much of the title any question could say — so the generic "already redeemed" entry won over the
 * brand's own. A title that is nothing but a code ("Error code 2813-xxxx.") keeps its words.
 */
const LEADING_CODE = /^\s*(?:(?:error|err|decline|status)\s+)?(?:code\s+)?(?:#\s*)?(?:0x[0-9a-f]{2,8}|\d{2,4}-[0-9x]{2,4}|[a-z]{1,4}-?[0-9x]*\d[0-9x]*|\d{2,6})\s*(?:[:.\-–—]|\)\s*)\s*/i;
const TRAILING_CODE = /\s*[([](?:(?:error|err|code)\s+)?(?:0x[0-9a-f]{2,8}|\d{2,4}-[0-9x]{2,4}|[a-z]{1,4}-?[0-9x]*\d[0-9x]*)[)\]]\s*\.?$/i;

export function titleWords(title: string): string {
  const stripped = title.replace(LEADING_CODE, '').replace(TRAILING_CODE, '').trim();
  return /[a-z]{3}/i.test(stripped) ? stripped : title;
}
