/** An append-only log of records: what the team reads later (audit, surveys, messages left, unanswered questions). */
export interface RecordLog<T> {
  append(entry: T): Promise<void>;
  /** Every entry, oldest first. */
  read(): Promise<T[]>;
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
}
