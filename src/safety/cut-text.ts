/**
 * The longest message giftbot reads, by default (MAX_MESSAGE_LENGTH). A support question with a
 * pasted error is well under 1,000 characters, and Slack itself advises keeping message text under
 * 4,000; past that a message is a paste or an attack, and the bot answers its beginning.
 */
export const DEFAULT_MAX_MESSAGE_LENGTH = 4000;

/**
 * How far back from the cut a split code can reach. Codes, PINs and card numbers, with their
 * separators, are at most ~40 characters; a token longer than this is no single code.
 */
const CODE_REACH = 64;

const WHITESPACE = /\s/;
// A group that could be part of a code written in pieces ("AQ4T G7XRLD …", "4111 1111 …", "AQ4T -
// G7XR"): letters, digits and separators with at least one digit, upper-case letters, or a lone separator.
const CODE_GROUP = /^(?:(?=\P{N}*\p{N})[\p{L}\p{N}\-_.,/]+|[\p{Lu}\p{N}]{3,8}|[-_.,/|:]+)$/u;

/**
 * `text` cut to at most `max` UTF-16 units (string length), for every reader and store after it.
 *
 * A cut through a code would leave half of it, which the redactor may no longer recognise, so the
 * word the cut lands in is dropped, and so are the digit-bearing groups just before it (the first
 * groups of a spaced code). Dropping stops CODE_REACH characters back: nothing longer is one code,
 * and a message of nothing but digits still keeps its beginning. Never splits a surrogate pair.
 * Linear in `max`; text within the limit comes back as it is.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, Math.floor(max));
  // Half an emoji is not a character.
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  const floor = Math.max(0, end - CODE_REACH);
  const cutInWord = end > 0 && !WHITESPACE.test(text[end]!) && !WHITESPACE.test(text[end - 1]!);
  if (cutInWord) {
    let start = end;
    while (start > floor && !WHITESPACE.test(text[start - 1]!)) start--;
    // A "word" reaching past the floor is no code; drop the reach and keep the rest of it.
    end = start;
  }
  // Earlier groups of a code printed in pieces, while they look like code groups.
  for (;;) {
    let stop = end;
    while (stop > floor && WHITESPACE.test(text[stop - 1]!)) stop--;
    let start = stop;
    while (start > floor && !WHITESPACE.test(text[start - 1]!)) start--;
    const reachedWordStart = start === 0 || WHITESPACE.test(text[start - 1]!);
    if (start === stop || !reachedWordStart || !CODE_GROUP.test(text.slice(start, stop))) break;
    end = start;
  }
  // The floor may fall inside an emoji too.
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end).trimEnd();
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}
