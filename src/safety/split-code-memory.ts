/** How many conversations are remembered; past it the least recently seen is forgotten. */
const DEFAULT_CAPACITY = 10_000;
/** A second half typed later than this is a new message, not the rest of a code. */
const DEFAULT_TTL_MS = 2 * 60_000;

/**
 * Whether the last message of each conversation ended with (part of) a code, so that a code split
 * over two consecutive messages is hidden in both. Bounded (LRU by insertion order of a Map) and
 * short-lived: only the last message counts, and only for a couple of minutes. In memory, per
 * process: the turns of one conversation normally reach the same instance in order.
 */
export class SplitCodeMemory {
  private readonly ends = new Map<string, number>();

  constructor(
    private readonly capacity = DEFAULT_CAPACITY,
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when the previous message of `key` ended with a code, not too long ago. */
  afterCode(key: string): boolean {
    const at = this.ends.get(key);
    return at !== undefined && this.now() - at <= this.ttlMs;
  }

  /** What the latest message of `key` ended with. */
  remember(key: string, endsWithCode: boolean): void {
    this.ends.delete(key);
    if (!endsWithCode) return;
    this.ends.set(key, this.now());
    if (this.ends.size > this.capacity) this.ends.delete(this.ends.keys().next().value!);
  }

  get size(): number {
    return this.ends.size;
  }
}
