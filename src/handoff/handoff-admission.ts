import type { HandoffQueue, HandoffRequest } from './handoff-queue';

/**
 * Per-client limits on asking for a person (implemented in src/limits): one client filing
 * hundreds of requests must not push real customers to "number 396 in the queue".
 */
export interface HandoffLimits {
  /** Requests waiting at most (internal mode); a new one past it is refused. Undefined: no cap. */
  maxWaiting: number | undefined;
  /** Counts one new request for its conversation (and its client, when known); false when over a limit. */
  take(request: HandoffRequest): Promise<boolean>;
}

/** Why a new request was not filed: the customer is told, and offered to leave a message. */
export type Refusal = { status: 'busy'; reason: 'queue-full' | 'too-often' };

/**
 * Whether a new request may be filed: the queue cap first (nothing counted when the queue is
 * full), then the per-conversation and per-client counts. The cap reads the shared queue, so it
 * holds across instances; two instances filing at the same moment may each take the last place.
 */
export async function refusal(limits: HandoffLimits | undefined, queue: HandoffQueue, request: HandoffRequest, queued: boolean): Promise<Refusal | undefined> {
  if (!limits) return undefined;
  if (queued && limits.maxWaiting !== undefined && (await queue.waiting()).length >= limits.maxWaiting) return { status: 'busy', reason: 'queue-full' };
  return (await limits.take(request)) ? undefined : { status: 'busy', reason: 'too-often' };
}
