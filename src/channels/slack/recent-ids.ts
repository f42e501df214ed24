/**
 * Remembers the last `capacity` ids seen, oldest forgotten first. Slack redelivers an event it
 * thinks was not acknowledged (up to three retries over about five minutes, same `event_id`), so
 * a few thousand ids are plenty and memory stays bounded.
 */
export class RecentIds {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  /** True the first time `id` is offered, false while it is still remembered. */
  firstTime(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > this.capacity) {
      const oldest = this.seen.values().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
    return true;
  }
}
