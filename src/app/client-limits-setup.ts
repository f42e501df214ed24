import type { Config } from '../config/config';
import type { Logger } from '../core/logger';
import { ClientLimits, type LimitSettings } from '../limits/client-limits';
import { describeLimit } from '../limits/limit-spec';
import type { Backend } from '../storage/backend';
import type { Metrics } from './metrics';

/** The RATE_LIMIT_* settings by kind. */
export function limitSettings(config: Config): LimitSettings {
  return {
    'tokens-per-ip': config.RATE_LIMIT_TOKENS_PER_IP,
    'conversations-per-ip': config.RATE_LIMIT_CONVERSATIONS_PER_IP,
    'posts-per-ip': config.RATE_LIMIT_POSTS_PER_IP,
    'posts-per-conversation': config.RATE_LIMIT_POSTS_PER_CONVERSATION,
    overall: config.RATE_LIMIT_OVERALL,
    'handoffs-per-conversation': config.RATE_LIMIT_HANDOFFS_PER_CONVERSATION,
    'handoffs-per-ip': config.RATE_LIMIT_HANDOFFS_PER_IP,
  };
}

/** The per-client limits, counted in the backend's Redis when there is one (so they hold across instances). */
export function createClientLimits(config: Config, backend: Backend, metrics: Metrics, log: Logger): ClientLimits {
  const settings = limitSettings(config);
  let warned = 0;
  const limits = new ClientLimits({
    settings,
    ...(backend.limitStore ? { shared: backend.limitStore } : {}),
    onRefused: (kind) => metrics.limited(kind),
    // Only if the in-memory insurance failed too; logged sparingly, a flood must not flood the log.
    onStoreFailed: (kind, reason) => {
      if (warned++ % 1000 === 0) log.warn('limit-store-failed', { limit: kind, reason });
    },
  });
  log.info('limits', { store: backend.limitStore ? 'redis' : 'memory', ...Object.fromEntries(Object.entries(settings).map(([kind, spec]) => [kind, describeLimit(spec)])), queueMax: config.HANDOFF_QUEUE_MAX });
  return limits;
}
