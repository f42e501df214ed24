import type { HandoffLimits } from '../handoff/handoff-admission';
import type { HandoffRequest } from '../handoff/handoff-queue';
import type { ClientLimits } from './client-limits';
import { clientOrigin } from './client-origin';

/**
 * The handoff queue's limits from the client limits: per conversation (keyed by channel and
 * conversation id, so one channel can't spend another's allowance), per client address when the
 * request came straight from the client, and the cap on requests waiting.
 */
export function handoffLimits(limits: ClientLimits, maxWaiting: number | undefined): HandoffLimits {
  return {
    maxWaiting,
    async take(request: HandoffRequest): Promise<boolean> {
      const result = await limits.consumeAll([
        ['handoffs-per-conversation', `${request.channel}:${request.conversationId}`],
        ['handoffs-per-ip', clientOrigin.ip()],
      ]);
      return result.ok;
    },
  };
}
