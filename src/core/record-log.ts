/** An append-only log of records: what the team reads later (audit, surveys, messages left, unanswered questions). */
export interface RecordLog<T> {
  append(entry: T): Promise<void>;
  /** Every entry, oldest first. */
  read(): Promise<T[]>;
  /**
   * The entries about one conversation (those whose `conversationId` is it), oldest first, where the
   * store can find them without reading the whole log; callers filter `read()` when it is absent.
   */
  readConversation?(conversationId: string): Promise<T[]>;
}

/** In memory, for tests and the terminal chat; the server keeps its logs in SQLite or Redis. */
export class MemoryLog<T> implements RecordLog<T> {
  readonly entries: T[] = [];

  async append(entry: T): Promise<void> {
    this.entries.push(entry);
  }

  async read(): Promise<T[]> {
    return [...this.entries];
  }

  async readConversation(conversationId: string): Promise<T[]> {
    return this.entries.filter((e) => conversationOf(e) === conversationId);
  }
}

function conversationOf(entry: unknown): unknown {
  return typeof entry === 'object' && entry !== null && 'conversationId' in entry ? entry.conversationId : undefined;
}
