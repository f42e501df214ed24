import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../../core/logger';

type MessageHandler = (message: string) => void;

/** Resolves when `promise` does or `ms` have passed, whichever is first; leaves no timer behind. */
function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The one subscriber connection, shared: channels are subscribed while someone listens, and
 * messages fan out to the local handlers. ioredis subscribes again by itself after a reconnect;
 * a SUBSCRIBE that failed because Redis was down is retried here once the connection is back.
 */
export class Subscriptions {
  private readonly handlers = new Map<string, Set<MessageHandler>>();
  /** Channels Redis confirmed; differs from `handlers` only around failures. */
  private readonly confirmed = new Set<string>();
  /** SUBSCRIBE and UNSUBSCRIBE, in the order they were asked for. */
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: Redis,
    private readonly publish: (channel: string, message: string) => Promise<unknown>,
    private readonly settleChannel: string,
    private readonly log: Logger,
  ) {
    client.on('message', (channel: string, message: string) => this.deliver(channel, message));
    client.on('ready', () => this.reconcile());
  }

  subscribe(channel: string, handler: MessageHandler): () => void {
    let handlers = this.handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(channel, handlers);
      this.enqueue(channel, 'subscribe');
    }
    handlers.add(handler);
    const own = handlers;
    return () => {
      own.delete(handler);
      if (own.size > 0 || this.handlers.get(channel) !== own) return;
      this.handlers.delete(channel);
      this.enqueue(channel, 'unsubscribe');
    };
  }

  /** Resolves once every SUBSCRIBE/UNSUBSCRIBE asked for so far has been answered (or failed). */
  ready(): Promise<void> {
    return this.pending;
  }

  /**
   * Resolves once every message published before the call has reached the local handlers: a
   * marker published now arrives after them, since Redis delivers to one connection in order.
   * The marker is published again until it arrives, in case the subscriber was still reconnecting
   * when it went out. Rejects with RedisUnavailableError while Redis can't be reached.
   */
  async settle(): Promise<void> {
    const token = randomUUID();
    let heard = false;
    let arrive: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const stop = this.subscribe(this.settleChannel, (message) => {
      if (message !== token) return;
      heard = true;
      arrive();
    });
    try {
      await this.ready();
      for (let attempt = 0; !heard; attempt++) {
        await this.publish(this.settleChannel, token);
        await within(arrived, Math.min(50 * 2 ** attempt, 1000));
      }
    } finally {
      stop();
    }
  }

  private deliver(channel: string, message: string): void {
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(message);
      } catch (err) {
        this.log.error('redis-subscriber-failed', { channel, reason: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  private enqueue(channel: string, action: 'subscribe' | 'unsubscribe'): void {
    this.pending = this.pending.then(() => (action === 'subscribe' ? this.subscribeIfWanted(channel) : this.unsubscribeIfUnwanted(channel)));
  }

  // Both check again when their turn comes: a subscribe may have been overtaken by an unsubscribe.
  private async subscribeIfWanted(channel: string): Promise<void> {
    if (!this.handlers.has(channel) || this.confirmed.has(channel)) return;
    try {
      await this.client.subscribe(channel);
      this.confirmed.add(channel);
    } catch (err) {
      this.deferred(channel, 'subscribe', err);
    }
  }

  private async unsubscribeIfUnwanted(channel: string): Promise<void> {
    if (this.handlers.has(channel) || !this.confirmed.has(channel)) return;
    try {
      await this.client.unsubscribe(channel);
      this.confirmed.delete(channel);
    } catch (err) {
      this.deferred(channel, 'unsubscribe', err);
    }
  }

  /** Redis is down: `reconcile` does it when the connection is back. */
  private deferred(channel: string, action: string, err: unknown): void {
    this.log.warn('redis-subscribe-deferred', { channel, action, reason: err instanceof Error ? err.message : String(err) });
  }

  /** After a (re)connect: subscribe what failed while Redis was down, drop what is no longer wanted. */
  private reconcile(): void {
    for (const channel of this.handlers.keys()) if (!this.confirmed.has(channel)) this.enqueue(channel, 'subscribe');
    for (const channel of this.confirmed) if (!this.handlers.has(channel)) this.enqueue(channel, 'unsubscribe');
  }
}
