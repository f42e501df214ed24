/**
 * Where requests for a person go. The in-memory queue serves the embedded setup and tests; the
 * agent console and persistent queues implement the same interface.
 */
export interface HandoffRequest {
  conversationId: string;
  channel: string;
  /** One line from the customer, already redacted. */
  summary: string;
  brand: string | null;
  /** Entry ids of the fixes already tried, so the agent doesn't repeat them. */
  tried: string[];
}

export interface QueuedHandoff extends HandoffRequest {
  id: string;
  filedAt: number;
  /** 1 for the next in line. */
  position: number;
}

export interface HandoffQueue {
  file(request: HandoffRequest): Promise<QueuedHandoff>;
  /** The open request of a conversation, if any. */
  find(conversationId: string): Promise<QueuedHandoff | undefined>;
  /** Leaves the queue; true when there was a request to cancel. */
  cancel(conversationId: string): Promise<boolean>;
}

export class InMemoryHandoffQueue implements HandoffQueue {
  private readonly open: Array<HandoffRequest & { id: string; filedAt: number }> = [];
  private nextId = 1;

  constructor(private readonly now: () => number = Date.now) {}

  async file(request: HandoffRequest): Promise<QueuedHandoff> {
    const existing = await this.find(request.conversationId);
    if (existing) return existing;
    const entry = { ...request, id: `h${this.nextId++}`, filedAt: this.now() };
    this.open.push(entry);
    return { ...entry, position: this.open.length };
  }

  async find(conversationId: string): Promise<QueuedHandoff | undefined> {
    const index = this.open.findIndex((r) => r.conversationId === conversationId);
    return index < 0 ? undefined : { ...this.open[index]!, position: index + 1 };
  }

  async cancel(conversationId: string): Promise<boolean> {
    const index = this.open.findIndex((r) => r.conversationId === conversationId);
    if (index >= 0) this.open.splice(index, 1);
    return index >= 0;
  }

  /** Everything waiting, oldest first (for tests and the coming agent console). */
  list(): QueuedHandoff[] {
    return this.open.map((r, i) => ({ ...r, position: i + 1 }));
  }
}
