import { redactSecrets, type SecretKind } from './secret-redactor';

/** Deeper than this, a value holds nothing a person typed; it is cut rather than walked. */
const MAX_DEPTH = 32;

/** What a message says in its `text` and its `value` (card submissions), with codes hidden. */
export interface Redacted<T> {
  activity: T;
  found: SecretKind[];
}

/**
 * Hides claim codes, PINs and card numbers in a message's text and in every string of its value.
 * Returns a copy; the original is untouched (the turn may still need to know a code was there).
 */
export function redactActivity<T extends { text?: string; value?: unknown }>(activity: T): Redacted<T> {
  const found = new Set<SecretKind>();
  const copy = { ...activity };
  if (typeof copy.text === 'string') copy.text = hide(copy.text, found);
  if (copy.value !== undefined) copy.value = redactValue(copy.value, found, 0);
  return { activity: copy, found: [...found] };
}

function hide(text: string, found: Set<SecretKind>): string {
  const result = redactSecrets(text);
  result.found.forEach((kind) => found.add(kind));
  return result.text;
}

function redactValue(value: unknown, found: Set<SecretKind>, depth: number): unknown {
  if (typeof value === 'string') return hide(value, found);
  if (depth >= MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, found, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, found, depth + 1)]));
  }
  return value;
}
