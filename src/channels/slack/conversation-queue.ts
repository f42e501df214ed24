/**
 * Runs tasks one at a time per key, in the order they were queued; different keys run side by
 * side. Two messages of one conversation must not run their turns at once: both would read the
 * same conversation state and the second save would lose the first.
 */
export class ConversationQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Queues `task` behind the key's earlier tasks; resolves or rejects with it. */
  run(key: string, task: () => Promise<void>): Promise<void> {
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

  /** Conversations with a task queued or running. */
  get size(): number {
    return this.tails.size;
  }

  /** Resolves once every queued task, including ones queued while waiting, has finished. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }
}
