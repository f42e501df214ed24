/**
 * Messages between the parts of giftbot that may live in different instances: a customer's words
 * for the agent holding them, a queue change for every console. In one process, a local fan-out;
 * with Redis, pub/sub. Messages are plain JSON.
 */
export interface EventBus {
  publish(topic: string, message: unknown): void;
  subscribe(topic: string, handler: (message: unknown) => void): () => void;
}

/** One process: handlers run synchronously, in subscription order, each isolated from the others' failures. */
export class LocalBus implements EventBus {
  private readonly topics = new Map<string, Set<(message: unknown) => void>>();

  constructor(private readonly onError: (err: unknown) => void = () => undefined) {}

  publish(topic: string, message: unknown): void {
    // A round trip through JSON, as over Redis: no handler can share or change the sender's objects.
    const copy = (): unknown => JSON.parse(JSON.stringify(message));
    for (const handler of this.topics.get(topic) ?? []) {
      try {
        handler(copy());
      } catch (err) {
        this.onError(err);
      }
    }
  }

  subscribe(topic: string, handler: (message: unknown) => void): () => void {
    const handlers = this.topics.get(topic) ?? new Set();
    this.topics.set(topic, handlers);
    handlers.add(handler);
    return () => handlers.delete(handler);
  }
}
