import type { LimitKind } from './client-limits';
import type { LimitSpec } from './limit-spec';

/**
 * The limits when nothing is configured: far above one person (or one office behind one address)
 * chatting, far below the flood of the security review (2,000 conversations in 23 s, 400 handoff
 * requests in 7.4 s).
 */
export const LIMIT_DEFAULTS: Record<LimitKind, Exclude<LimitSpec, 'off'>> = {
  /** Direct Line tokens generated or refreshed without the secret, per client address. */
  'tokens-per-ip': { points: 60, seconds: 600 },
  /** New Direct Line conversations per client address. */
  'conversations-per-ip': { points: 30, seconds: 600 },
  /** Direct Line posts per client address, all its conversations together. */
  'posts-per-ip': { points: 300, seconds: 60 },
  /** Posts into one conversation: a burst of 30 (20 sent at once must pass), 2 a second on average. */
  'posts-per-conversation': { points: 30, seconds: 15 },
  /** Everything that starts work (tokens, conversations, posts, /api/messages), all clients together. */
  overall: { points: 300, seconds: 1 },
  /** Requests for a person per conversation. */
  'handoffs-per-conversation': { points: 3, seconds: 3600 },
  /** Requests for a person per client address (Direct Line). */
  'handoffs-per-ip': { points: 10, seconds: 3600 },
};

/** HANDOFF_QUEUE_MAX: requests waiting for an agent at most. */
export const DEFAULT_HANDOFF_QUEUE_MAX = 200;
