import type { Activity, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';
import { z } from 'zod';
import { DEFAULT_TRANSCRIPT_LIMITS } from '../bounded-transcript-store';
import { safeJson, type RedisConnection } from './redis-connection';
import { LuaScript } from './redis-lua-script';
import { heldTurn } from './redis-turn-commit';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Logs one activity: appends it, keeps the latest `kept`, and pushes the expiry back. Also keeps
 * the channel's index (conversation → last write, for listTranscripts; stale entries pruned) and
 * the conversation's channels (so a conversation can be deleted without knowing its channel).
 * KEYS[1] the transcript list, KEYS[2] the channel's index, KEYS[3] the conversation's channels.
 * ARGV: activity JSON, kept, TTL ms, now ms, index cutoff ms, conversation id, channel id.
 */
const LOG_ACTIVITY = new LuaScript(
  'transcript-log',
  `
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[6])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('SADD', KEYS[3], ARGV[7])
redis.call('PEXPIRE', KEYS[3], ARGV[3])
return 1
`,
);

/** Deletes one transcript and its index entries. KEYS as LOG_ACTIVITY; ARGV: conversation id, channel id. */
const DELETE_TRANSCRIPT = new LuaScript(
  'transcript-delete',
  `
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('SREM', KEYS[3], ARGV[2])
return 1
`,
);

/** What a stored activity must at least be; botbuilder's Activity type is not checked field by field. */
const StoredActivitySchema = z.looseObject({ type: z.string(), timestamp: z.string().optional() });

export interface RedisTranscriptOptions {
  /** Transcripts nobody logs to for this many days expire (TRANSCRIPT_DAYS). */
  days: number;
  /** The most recent activities kept per conversation. */
  perConversation?: number;
  now?: () => number;
}

/** Transcripts shared by every instance: a capped list per conversation that expires when idle. */
export class RedisTranscriptStore implements TranscriptStore {
  private readonly ttlMs: number;
  private readonly kept: number;
  private readonly now: () => number;

  constructor(
    private readonly redis: RedisConnection,
    options: RedisTranscriptOptions,
    private readonly onBadEntry: (conversationId: string, reason: string) => void = () => undefined,
  ) {
    this.ttlMs = options.days * DAY_MS;
    this.kept = options.perConversation ?? DEFAULT_TRANSCRIPT_LIMITS.perConversation;
    this.now = options.now ?? Date.now;
  }

  /** Inside a turn held by the turn commit (redis-turn-commit.ts), the line is kept with the turn. */
  async logActivity(activity: Activity): Promise<void> {
    const { channelId, conversation } = activity;
    const turn = heldTurn(this.redis);
    if (turn?.conversationId === conversation.id && (turn.transcript?.channelId ?? channelId) === channelId) {
      const [list, index, channels] = this.keys(channelId, conversation.id) as [string, string, string];
      turn.transcript ??= { channelId, keys: { list, index, channels }, lines: [], kept: this.kept, ttlMs: this.ttlMs };
      turn.transcript.lines.push(JSON.stringify(activity));
      return;
    }
    const now = this.now();
    await this.redis.script(LOG_ACTIVITY, this.keys(channelId, conversation.id), [JSON.stringify(activity), this.kept, this.ttlMs, now, now - this.ttlMs, conversation.id, channelId]);
  }

  async getTranscriptActivities(channelId: string, conversationId: string, _continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    const stored = await this.redis.run('transcript-read', (redis) => redis.lrange(this.listKey(channelId, conversationId), 0, -1));
    const since = startDate?.getTime() ?? 0;
    const items = this.parse(conversationId, stored).filter((a) => !a.timestamp || new Date(a.timestamp).getTime() >= since);
    return { items, continuationToken: '' };
  }

  async listTranscripts(channelId: string): Promise<PagedResult<TranscriptInfo>> {
    const ids = await this.redis.run('transcript-list', (redis) => redis.zrangebyscore(this.indexKey(channelId), this.now() - this.ttlMs, '+inf'));
    const firsts = await this.redis.run('transcript-list', (redis) => Promise.all(ids.map((id) => redis.lindex(this.listKey(channelId, id), 0))));
    const items = ids.map((id, i) => ({ channelId, id, created: this.createdAt(id, firsts[i] ?? null) }));
    return { items, continuationToken: '' };
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    await this.redis.script(DELETE_TRANSCRIPT, this.keys(channelId, conversationId), [conversationId, channelId]);
  }

  /** Every channel's transcript of the conversation (a person's request to delete their data). */
  async deleteConversation(conversationId: string): Promise<void> {
    const channels = await this.redis.run('transcript-channels', (redis) => redis.smembers(this.channelsKey(conversationId)));
    for (const channelId of channels) await this.deleteTranscript(channelId, conversationId);
  }

  /** The KEYS of both scripts. */
  private keys(channelId: string, conversationId: string): string[] {
    return [this.listKey(channelId, conversationId), this.indexKey(channelId), this.channelsKey(conversationId)];
  }

  private listKey(channelId: string, conversationId: string): string {
    return this.redis.key('transcript', `${channelId}|${conversationId}`);
  }

  /** The channel's conversations, scored by their last write. */
  private indexKey(channelId: string): string {
    return this.redis.key('transcripts', channelId);
  }

  /** The channels a conversation has transcripts in. */
  private channelsKey(conversationId: string): string {
    return this.redis.key('transcript-channels', conversationId);
  }

  private parse(conversationId: string, stored: readonly string[]): Activity[] {
    const activities: Activity[] = [];
    for (const json of stored) {
      const read = StoredActivitySchema.safeParse(safeJson(json));
      // The schema checks the shape that matters here; the rest is botbuilder's Activity as logged.
      if (read.success) activities.push(read.data as unknown as Activity);
      else this.onBadEntry(conversationId, read.error.message.slice(0, 200));
    }
    return activities;
  }

  /** When the transcript began: its oldest kept activity's time (older ones may have been trimmed). */
  private createdAt(conversationId: string, first: string | null): Date {
    const [activity] = first === null ? [] : this.parse(conversationId, [first]);
    return new Date(activity?.timestamp ?? this.now());
  }
}
