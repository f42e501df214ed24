import type { EventBus } from '../../core/event-bus';
import type { Logger } from '../../core/logger';
import { safeJson, type RedisConnection } from './redis-connection';

/**
 * The event bus across instances on Redis pub/sub: one channel per topic, messages as JSON.
 * Every subscriber hears every message, the publishing instance's own included (through Redis,
 * not a local shortcut, so nobody hears a message twice). Delivery is at most once: a message
 * published while an instance is disconnected never reaches it.
 */
export class RedisBus implements EventBus {
  constructor(
    private readonly redis: RedisConnection,
    private readonly log: Logger,
  ) {}

  /** Fire and forget, as the interface is: a failure (Redis down) is logged. */
  publish(topic: string, message: unknown): void {
    const json = JSON.stringify(message);
    this.redis.run('bus-publish', (redis) => redis.publish(this.channel(topic), json)).catch((err: unknown) => {
      this.log.warn('bus-publish-failed', { topic, reason: err instanceof Error ? err.message : String(err) });
    });
  }

  subscribe(topic: string, handler: (message: unknown) => void): () => void {
    return this.redis.subscriptions.subscribe(this.channel(topic), (json) => {
      // Each handler on its own: one failing must not keep the message from the others.
      try {
        handler(safeJson(json));
      } catch (err) {
        this.log.error('bus-handler-failed', { topic, reason: err instanceof Error ? err.message : String(err) });
      }
    });
  }

  private channel(topic: string): string {
    return this.redis.key('bus', topic);
  }
}
