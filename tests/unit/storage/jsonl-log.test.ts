import { mkdir, mkdtemp, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { JsonlLog } from '../../../src/storage/jsonl-log';

const EntrySchema = z.object({ n: z.number().int(), note: z.string() });
type Entry = z.infer<typeof EntrySchema>;

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'giftbot-jsonl-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('JsonlLog', () => {
  test('when 100 entries are appended at once, then every one is a whole JSON line, in the order appended', async () => {
    const file = path.join(dir, 'log.jsonl');
    const log = new JsonlLog(file, EntrySchema);

    await Promise.all(Array.from({ length: 100 }, (_, n) => log.append({ n, note: `entry ${n} ${'x'.repeat(n * 50)}` })));

    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(100);
    const parsed = lines.map((line) => EntrySchema.parse(JSON.parse(line)));
    expect(parsed.map((e) => e.n)).toEqual(Array.from({ length: 100 }, (_, n) => n));
    expect((await log.read()).map((e) => e.n)).toEqual(parsed.map((e) => e.n));
  });

  test('when the folder does not exist yet, then the first append creates it', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'audit.jsonl');
    const log = new JsonlLog(file, EntrySchema);

    await log.append({ n: 1, note: 'first' });

    expect(existsSync(file)).toBe(true);
    expect(await log.read()).toEqual([{ n: 1, note: 'first' }]);
  });

  test('when nothing has been written, then read() gives an empty list', async () => {
    const log = new JsonlLog(path.join(dir, 'missing', 'none.jsonl'), EntrySchema);

    expect(await log.read()).toEqual([]);
  });

  test('when a line is torn or does not fit the schema, then it is skipped and reported with its line number', async () => {
    const file = path.join(dir, 'log.jsonl');
    await writeFile(file, ['{"n":1,"note":"ok"}', '{"n":2,"no', '', '{"n":"three","note":"wrong type"}', '{"n":4,"note":"ok too"}', ''].join('\n'));
    const bad: Array<[number, string]> = [];
    const log = new JsonlLog(file, EntrySchema, (line, reason) => bad.push([line, reason]));

    expect(await log.read()).toEqual([
      { n: 1, note: 'ok' },
      { n: 4, note: 'ok too' },
    ]);
    expect(bad.map(([line]) => line)).toEqual([2, 4]);
    for (const [, reason] of bad) {
      expect(reason.length).toBeGreaterThan(0);
      expect(reason.length).toBeLessThanOrEqual(200);
    }
  });

  test('when an entry does not fit the schema, then append throws and nothing is written', async () => {
    const file = path.join(dir, 'log.jsonl');
    const log = new JsonlLog(file, EntrySchema);
    await log.append({ n: 1, note: 'good' });

    expect(() => log.append({ n: 1.5, note: 'not whole' } as Entry)).toThrow();
    expect(() => log.append({ n: 2 } as unknown as Entry)).toThrow();

    await log.append({ n: 3, note: 'good again' });
    expect(await readFile(file, 'utf8')).toBe('{"n":1,"note":"good"}\n{"n":3,"note":"good again"}\n');
  });

  test('when an entry has fields the schema does not know, then only the schema fields are written', async () => {
    const file = path.join(dir, 'log.jsonl');
    const log = new JsonlLog(file, EntrySchema);

    await log.append({ n: 1, note: 'x', secret: 'do not keep' } as Entry);

    expect(await readFile(file, 'utf8')).toBe('{"n":1,"note":"x"}\n');
  });

  test('when a write fails, then the same log still writes later entries', async () => {
    // While the log's path is taken by a folder, appending fails; once it is free, appends work again.
    const file = path.join(dir, 'log.jsonl');
    await mkdir(file);
    const log = new JsonlLog(file, EntrySchema);
    await expect(log.append({ n: 1, note: 'fails' })).rejects.toThrow();

    await rmdir(file);
    await log.append({ n: 2, note: 'fine' });

    expect(await log.read()).toEqual([{ n: 2, note: 'fine' }]);
  });
});
