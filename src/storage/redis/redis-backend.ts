import type { Logger } from '../../core/logger';
import { AuditLogEntrySchema } from '../../handoff/handoff-audit';
import { TeamNoteSchema } from '../../handoff/team-notes';
import type { Backend } from '../backend';
import { RedisArchive } from './redis-archive';
import { RedisBus } from './redis-bus';
import { RedisConnection } from './redis-connection';
import { RedisDirectLineStore } from './redis-directline-store';
import { RedisHandoffQueue } from './redis-handoff-queue';
import { RedisLocks, type RedisLockOptions } from './redis-locks';
import { RedisRecordLog } from './redis-record-log';
import { RedisStorage } from './redis-storage';
import { RedisTranscriptStore } from './redis-transcript-store';
import { commitTurn } from './redis-turn-commit';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RedisBackendOptions {
  /** REDIS_URL: redis:// or rediss:// (TLS). */
  url: string;
  log: Logger;
  /** TRANSCRIPT_DAYS: transcripts, idle conversation state and closed handoff requests expire after this. */
  transcriptDays: number;
  /** Starts every key and channel (default "giftbot:"); instances that share state share it. */
  prefix?: string;
  locks?: RedisLockOptions;
}

export type RedisBackend = Backend & {
  /** Deletes everything kept about one conversation (a person's request to delete their data). */
  purgeConversation(conversationId: string): Promise<null>;
  /**
   * Resolves once this instance's subscriptions are in place and every message published before
   * the call has reached its local listeners (tests wait on it instead of sleeping).
   */
  settle(): Promise<void>;
};

/**
 * Everything in one Redis, so several giftbot instances behind a load balancer (no sticky
 * sessions) share state, queue, Direct Line conversations, locks and events. Rejects with
 * RedisUnavailableError if Redis can't be reached at start; later outages fail commands fast
 * while the clients reconnect.
 */
export async function openRedisBackend(options: RedisBackendOptions): Promise<RedisBackend> {
  const { log } = options;
  const redis = await RedisConnection.open({ url: options.url, log, prefix: options.prefix });
  const retentionMs = options.transcriptDays * DAY_MS;
  const badEntry = (name: string) => (index: number, reason: string) => log.warn('redis-log-entry-unreadable', { log: name, index, reason });
  const storage = new RedisStorage(redis, { ttlMs: retentionMs });
  const transcripts = new RedisTranscriptStore(redis, { days: options.transcriptDays }, (conversation, reason) => log.warn('redis-transcript-entry-unreadable', { conversation, reason }));
  const handoff = new RedisHandoffQueue(redis, { closedTtlMs: retentionMs, onBadRecord: (id, reason) => log.warn('redis-handoff-unreadable', { handoff: id, reason }) });
  const audit = new RedisRecordLog(redis, 'audit', AuditLogEntrySchema, badEntry('audit'));
  // Notes are read per conversation (a chat's internal notes): indexed, so that reads no whole log.
  const notes = new RedisRecordLog(redis, 'notes', TeamNoteSchema, badEntry('notes'), { byConversation: true });
  const directLine = new RedisDirectLineStore(redis, log);
  const locks = new RedisLocks(redis, log, options.locks);
  const archive = new RedisArchive(redis, (handoff, reason) => log.warn('redis-archive-unreadable', { handoff, reason }));
  return {
    kind: 'redis',
    storage,
    transcripts,
    handoff,
    audit,
    notes,
    archive,
    directLine,
    locks,
    bus: new RedisBus(redis, log),
    atomically: (conversationId, fn) => locks.run(conversationId, () => commitTurn(redis, conversationId, fn)),
    limitStore: { client: redis.commands, keyPrefix: redis.key('limit', '') },
    async purgeConversation(conversationId: string): Promise<null> {
      // The audit log stays, as with SQLite: it records who acted, and holds nothing the person wrote.
      await Promise.all([
        storage.deleteConversation(conversationId),
        transcripts.deleteConversation(conversationId),
        handoff.deleteConversation(conversationId),
        notes.deleteConversation(conversationId),
        directLine.delete(conversationId),
        archive.removeConversation(conversationId),
      ]);
      // Not counted: these deletes don't report how much went (the CLI says so rather than guess).
      return null;
    },
    // Redis expires transcripts itself (a TTL of TRANSCRIPT_DAYS on every write); the archive's
    // entries and word sets are kept until closedAt passes the cut-off, so they are expired here.
    expireTranscripts: async (before) => ({ transcript: 0, archive: await archive.expire(before.getTime()) }),
    async ping(): Promise<void> {
      // No offline queue: while Redis is away this rejects at once; a hung one is cut off by the caller's timeout.
      await redis.run('ping', (client) => client.ping());
      // The relay between instances (agent messages, queue changes) needs the subscriber connected too.
      if (redis.subscriber.status !== 'ready') throw new Error(`the subscriber connection is ${redis.subscriber.status}`);
    },
    settle: () => redis.subscriptions.settle(),
    close: () => redis.close(),
  };
}
