import { redactActivity, type RedactOptions } from './redact-activity';
import type { SecretKind } from './secret-redactor';
import { SplitCodeMemory } from './split-code-memory';

/**
 * What a channel's edge found and hid, carried on the redacted activity for the bot's warning. A
 * symbol: object spreads copy it along with the activity, JSON (every store, the log) leaves it out.
 */
export const FOUND_AT_EDGE = Symbol('giftbot.foundAtEdge');

/** The fields the edge reads; everything else of the activity is redacted without being read. */
interface ActivityLike {
  type?: string;
  channelId?: string;
  conversation?: { id?: string };
}

/** Whether `activity` is a copy a channel's edge made and redacted (it carries the edge's mark). */
export function redactedAtEdge(activity: object): boolean {
  return FOUND_AT_EDGE in activity;
}

/** The kinds an edge found in `activity`, or none. */
export function foundAtEdge(activity: object): SecretKind[] {
  const found = (activity as { [FOUND_AT_EDGE]?: unknown })[FOUND_AT_EDGE];
  return Array.isArray(found) ? (found as SecretKind[]) : [];
}

/**
 * Redaction at a channel's edge: every incoming activity, of every type, is cut (text) and
 * redacted over the whole activity before anything stores, logs or relays it, and a code split over
 * two consecutive messages of one conversation is caught by remembering whether the previous
 * message ended with one.
 */
export class IncomingRedactor {
  private readonly memory: SplitCodeMemory;

  constructor(private readonly options: { cut?: (text: string) => string; memory?: SplitCodeMemory } = {}) {
    this.memory = options.memory ?? new SplitCodeMemory();
  }

  /** A redacted copy of `activity`, marked with what was found (see foundAtEdge). */
  redact<T extends object>(activity: T): T {
    const { type, channelId, conversation } = activity as ActivityLike;
    // Only messages are what a person types in sequence; typing indicators between the halves of a
    // code don't break the sequence.
    const key = type === 'message' && typeof conversation?.id === 'string' ? `${channelId ?? ''}\u0000${conversation.id}` : undefined;
    const options: RedactOptions = { afterCode: key !== undefined && this.memory.afterCode(key), ...(this.options.cut ? { cut: this.options.cut } : {}) };
    const { activity: copy, found, endsWithCode } = redactActivity(activity, options);
    if (key !== undefined) this.memory.remember(key, endsWithCode);
    const already = foundAtEdge(activity);
    Object.defineProperty(copy, FOUND_AT_EDGE, { value: [...new Set([...already, ...found])], enumerable: true, writable: true, configurable: true });
    return copy;
  }
}
