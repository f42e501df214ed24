/**
 * Runs the turns of one conversation one at a time. In one process a chain of promises per key is
 * enough; with several instances (Redis) the lock is shared as well.
 */
export interface ConversationLocks {
  /** Runs `task` once every task queued before it under `key` has finished; resolves or rejects with it. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Resolves once nothing is queued or running. */
  idle(): Promise<void>;
}

/** The in-process chain: tasks of one key in arrival order, keys independent. */
export class LocalLocks implements ConversationLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    // The chain goes on after a failure: the caller hears about it through `result`.
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }

  /** Keys with a task queued or running. */
  get size(): number {
    return this.tails.size;
  }
}
