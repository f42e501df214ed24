import { findCodes, type Find, type SecretKind } from './code-runs';
import { fold } from './fold-text';

/**
 * Finds gift-card claim codes, PINs and card numbers in a message and replaces them before
 * anything stores, logs or matches the text. Detection runs on a folded copy (full-width digits,
 * zero-width joiners and look-alike letters undone) so hiding tricks don't work; the replacement
 * is made in the original text, so everything else the person wrote stays as they wrote it.
 * What counts as a code is in code-runs.ts (shapes) and code-words.ts (the words around them).
 */
export type { SecretKind } from './code-runs';

export interface Redaction {
  text: string;
  found: SecretKind[];
  /** The message ended with a code, a code-shaped fragment or the word for one: pass it on as the next message's `afterCode`. */
  endsWithCode: boolean;
}

/** What the redactor remembers between two messages of one conversation (no secret in it). */
export interface RedactionContext {
  /** The previous message ended with a code, a code-shaped fragment or the word for one ("the pin is"). */
  afterCode: boolean;
}

export const REDACTED = '[code hidden]';

// Only letters and digits can make a code; a message without one has nothing to hide.
const ALPHANUMERIC = /[A-Za-z0-9\u00C0-\uFFFF]/;

export function redactSecrets(raw: string, context?: RedactionContext): Redaction {
  if (!ALPHANUMERIC.test(raw)) return { text: raw, found: [], endsWithCode: false };
  const { text, origin } = fold(raw);
  const { finds, endsWithCode } = findCodes(text, context?.afterCode ?? false);
  if (finds.length === 0) return { text: raw, found: [], endsWithCode };
  return { text: replaceSpans(raw, origin, finds), found: [...new Set(finds.map((f) => f.kind))], endsWithCode };
}

/** Finds come in text order and never overlap (each is one run of tokens). */
function replaceSpans(raw: string, origin: number[], spans: Find[]): string {
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    const start = origin[span.start]!;
    const lastOrigin = origin[span.end - 1]!;
    const end = lastOrigin + (raw.codePointAt(lastOrigin)! > 0xffff ? 2 : 1);
    out += raw.slice(cursor, start) + REDACTED;
    cursor = end;
  }
  // Invisible characters right after a code belong to it.
  return out + raw.slice(cursor).replace(/^[\u200B-\u200F\u2060\uFEFF]+/, '');
}
