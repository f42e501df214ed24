import { redactSecrets, type SecretKind } from './secret-redactor';

/** Deeper than this, a value holds nothing a person typed; it is cut rather than walked. */
const MAX_DEPTH = 32;

/**
 * The only strings left as sent: identifiers the channel (not the person) assigns and that routing,
 * authentication and replies need. They look like codes (random ids, GUIDs), so redacting them
 * would break conversations; every other string, object keys included, is redacted. `*` is any
 * array index. On Direct Line the server sets all of these itself, whatever the client sent.
 */
export const PROTOCOL_PATHS: ReadonlySet<string> = new Set([
  'type',
  'id',
  'channelId',
  'serviceUrl',
  'timestamp',
  'replyToId',
  'conversation.id',
  'conversation.tenantId',
  'from.id',
  'from.aadObjectId',
  'recipient.id',
  'recipient.aadObjectId',
  'membersAdded.*.id',
  'membersRemoved.*.id',
  'entities.*.mentioned.id',
  'channelData.tenant.id',
  'channelData.team.id',
  'channelData.channel.id',
]);

/**
 * Kept only in the shape its client makes: Web Chat matches its message with the echo by
 * `clientActivityID`, a random lower-case base-36 string (Math.random().toString(36)), and stamps
 * every message with `localTimestamp` (Date#toISOString, whose digit groups read as a code and set
 * off the "I've hidden a code" notice on every message). Any other value is redacted like the rest.
 */
const KEPT_IN_SHAPE: ReadonlyMap<string, RegExp> = new Map([
  ['channelData.clientActivityID', /^[a-z0-9]{6,16}$/],
  ['localTimestamp', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?(?:Z|[+-]\d{2}:\d{2})$/],
]);

export interface RedactOptions {
  /** The previous message of this conversation ended with (part of) a code: its rest may open `text`. */
  afterCode?: boolean;
  /** Applied to every string before it is redacted (the configured length cut): a long string in any field costs the redactor as much as a long text. */
  cut?: (text: string) => string;
}

/** An activity with codes hidden in every string, what kinds were found, and whether its text ends in a code. */
export interface Redacted<T> {
  activity: T;
  found: SecretKind[];
  endsWithCode: boolean;
}

/**
 * Hides claim codes, PINs and card numbers in every string of an activity of any type, at any
 * depth (cut at MAX_DEPTH), object keys included, except the PROTOCOL_PATHS. Returns a copy; the
 * original is untouched. Only `text` gets the split-code context: a code is split over two messages'
 * text, not over two fields.
 */
export function redactActivity<T extends object>(activity: T, options: RedactOptions = {}): Redacted<T> {
  const found = new Set<SecretKind>();
  let endsWithCode = false;
  const cut = options.cut ?? ((text: string) => text);
  const hide = (text: string): string => {
    const result = redactSecrets(cut(text));
    result.found.forEach((kind) => found.add(kind));
    return result.text;
  };
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(activity)) {
    if (key === 'text' && typeof value === 'string') {
      const result = redactSecrets(cut(value), { afterCode: options.afterCode ?? false });
      result.found.forEach((kind) => found.add(kind));
      endsWithCode = result.endsWithCode;
      put(copy, key, result.text);
    } else {
      put(copy, hide(key), walk(value, key, 1, hide));
    }
  }
  return { activity: copy as T, found: [...found], endsWithCode };
}

function walk(value: unknown, path: string, depth: number, hide: (text: string) => string): unknown {
  if (typeof value === 'string') return PROTOCOL_PATHS.has(path) || KEPT_IN_SHAPE.get(path)?.test(value) ? value : hide(value);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (depth >= MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.map((v) => walk(v, `${path}.*`, depth + 1, hide));
  const out: Record<string, unknown> = {};
  // Keys are what the sender chose: a code can be a key as well as a value.
  for (const [key, v] of Object.entries(value)) put(out, hide(key), walk(v, `${path}.${key}`, depth + 1, hide));
  return out;
}

/** An own property, even for a "__proto__" key (plain assignment would set the prototype instead). */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty only where it matters: it is several times slower than assignment, and every
  // key of every activity passes here.
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
