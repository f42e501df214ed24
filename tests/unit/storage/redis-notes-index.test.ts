import { silentLogger } from '../../../src/core/logger';
import type { TeamNote } from '../../../src/handoff/team-notes';
import { openRedisBackend, type RedisBackend } from '../../../src/storage/redis/redis-backend';
import { RedisConnection } from '../../../src/storage/redis/redis-connection';
import { startRedis, type RedisServer } from '../../helpers/redis-server';

/**
 * Team notes on Redis are read per conversation (a chat's internal notes) from a list per
 * conversation kept beside the log, not by scanning the whole log. Entries written before that
 * index existed (by an older giftbot) are the first `legacy` of the log: only those are scanned.
 * Purging a conversation empties both, and keeps the legacy count true.
 */
jest.setTimeout(60_000);

let redis: RedisServer;
let raw: RedisConnection;
beforeAll(async () => {
  redis = await startRedis();
  raw = await RedisConnection.open({ url: redis.url, log: silentLogger, prefix: 'raw-unused:' });
});
afterAll(async () => {
  await raw?.close();
  await redis?.stop();
});

let n = 0;
const note = (conversationId: string, text: string): TeamNote => ({ at: new Date(Date.UTC(2026, 0, 1, 0, ++n)).toISOString(), log: 'internal', conversationId, channel: 'directline', values: { note: text } });
const texts = (notes: TeamNote[]) => notes.map((e) => e.values.note);

async function open(prefix: string): Promise<RedisBackend> {
  return openRedisBackend({ url: redis.url, log: silentLogger, transcriptDays: 1, prefix });
}

test('when notes were written before the index, then a conversation reads those (scanned) and its new ones (indexed), oldest first, and a purge takes both', async () => {
  const prefix = 'notes-legacy:';
  // An older giftbot's log: entries pushed on the list alone.
  const older = [note('c-1', 'old one'), note('c-2', 'old two'), { ...note('c-1', 'old survey'), log: 'survey' }];
  await raw.commands.rpush(`${prefix}log:notes`, ...older.map((e) => JSON.stringify(e)));
  const backend = await open(prefix);
  try {
    // Nothing indexed yet: the whole log is scanned.
    expect(texts(await backend.notes.readConversation!('c-1'))).toEqual(['old one', 'old survey']);
    await backend.notes.append(note('c-1', 'new one'));
    await backend.notes.append(note('c-2', 'new two'));
    await backend.notes.append(note('c-1', 'new three'));
    expect(await raw.commands.get(`${prefix}log:notes:legacy`)).toBe('3');
    expect((await raw.commands.lrange(`${prefix}log:notes:by:c-1`, 0, -1)).map((json) => (JSON.parse(json) as TeamNote).values.note)).toEqual(['new one', 'new three']);
    expect(texts(await backend.notes.readConversation!('c-1'))).toEqual(['old one', 'old survey', 'new one', 'new three']);
    expect(texts(await backend.notes.readConversation!('c-2'))).toEqual(['old two', 'new two']);
    expect(await backend.notes.readConversation!('c-none')).toEqual([]);
    expect(await backend.notes.read()).toHaveLength(6);

    await backend.purgeConversation('c-1');
    expect(await backend.notes.readConversation!('c-1')).toEqual([]);
    expect(await raw.commands.exists(`${prefix}log:notes:by:c-1`)).toBe(0);
    // Two of the three older entries were c-1's: one older entry is left to scan.
    expect(await raw.commands.get(`${prefix}log:notes:legacy`)).toBe('1');
    expect(texts(await backend.notes.readConversation!('c-2'))).toEqual(['old two', 'new two']);
    expect(texts(await backend.notes.read())).toEqual(['old two', 'new two']);
  } finally {
    await backend.close();
  }
});

test('when every note was written with the index, then a conversation is read from its own list alone, not the log', async () => {
  const prefix = 'notes-indexed:';
  const backend = await open(prefix);
  try {
    await backend.notes.append(note('c-9', 'first'));
    await backend.notes.append(note('c-8', 'other'));
    await backend.notes.append(note('c-9', 'second'));
    expect(await raw.commands.get(`${prefix}log:notes:legacy`)).toBe('0');
    // Pushed on the log alone, after the index began: a conversation's read doesn't see it, which
    // shows the log isn't scanned (read() still does: it is the whole log).
    await raw.commands.rpush(`${prefix}log:notes`, JSON.stringify(note('c-9', 'not indexed')));
    expect(texts(await backend.notes.readConversation!('c-9'))).toEqual(['first', 'second']);
    expect(texts(await backend.notes.read())).toEqual(['first', 'other', 'second', 'not indexed']);
  } finally {
    await backend.close();
  }
});
