import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';

/** An append-only log of records: what the team reads later (audit, surveys, messages left). */
export interface RecordLog<T> {
  append(entry: T): Promise<void>;
  /** Every entry, oldest first. */
  read(): Promise<T[]>;
}

/**
 * A JSON Lines file, one record a line. Appends are chained so lines never interleave; a line
 * that doesn't parse (a torn write, a hand edit) is skipped and reported, never fatal.
 */
export class JsonlLog<S extends z.ZodType> implements RecordLog<z.infer<S>> {
  private tail: Promise<void> = Promise.resolve();
  private ready: Promise<unknown> | undefined;

  constructor(
    private readonly file: string,
    private readonly schema: S,
    private readonly onBadLine: (line: number, reason: string) => void = () => undefined,
  ) {}

  append(entry: z.infer<S>): Promise<void> {
    const line = `${JSON.stringify(this.schema.parse(entry))}\n`;
    this.ready ??= mkdir(path.dirname(this.file), { recursive: true });
    const write = this.tail.then(() => this.ready).then(() => appendFile(this.file, line, 'utf8'));
    this.tail = write.catch(() => undefined);
    return write;
  }

  async read(): Promise<Array<z.infer<S>>> {
    await this.tail;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const entries: Array<z.infer<S>> = [];
    text.split('\n').forEach((line, index) => {
      if (!line.trim()) return;
      try {
        entries.push(this.schema.parse(JSON.parse(line)));
      } catch (err) {
        this.onBadLine(index + 1, err instanceof Error ? err.message.slice(0, 200) : 'unreadable');
      }
    });
    return entries;
  }
}

/** In memory, for tests and the terminal chat. */
export class MemoryLog<T> implements RecordLog<T> {
  readonly entries: T[] = [];

  async append(entry: T): Promise<void> {
    this.entries.push(entry);
  }

  async read(): Promise<T[]> {
    return [...this.entries];
  }
}
