import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import {
  activityId,
  IDLE_CONVERSATION_MS,
  KEPT_ACTIVITIES,
  PENDING_CLIENT_ID,
  type ActivityListener,
  type DirectLineConversation,
  type DirectLineStore,
} from '../../channels/directline/conversation-store';
import { EtagConflictError } from '../../core/etag-conflict';
import type { Logger } from '../../core/logger';
import { execOrThrow, isRedisUnavailable, LuaScript, safeJson, type HeldTurn, type RedisConnection } from './redis-connection';
import { ETAG_COUNTER } from './redis-storage';

/**
 * Appends an activity: its sequence number is the activities kept plus those dropped, the JSON is
 * completed with its id here (so ids and list order agree however many instances append at once),
 * the list is trimmed to `kept` with the `dropped` counter going up, the conversation's keys are
 * kept alive, and the activity is published — inside the script, so listeners hear appends in order.
 * KEYS[1] the conversation hash, KEYS[2] its activities, KEYS[3] its client ids.
 * ARGV: JSON head (up to the sequence digits), JSON tail (after them), kept, TTL ms, channel,
 * the conversation id as JSON.
 * Returns {sequence, activity JSON}, or nil when there is no such conversation.
 */
const APPEND_ACTIVITY = new LuaScript(
  'directline-append',
  `
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
local dropped = tonumber(redis.call('HGET', KEYS[1], 'dropped') or '0')
local sequence = dropped + redis.call('LLEN', KEYS[2])
local json = ARGV[1] .. string.format('%07d', sequence) .. ARGV[2]
local length = redis.call('RPUSH', KEYS[2], json)
local excess = length - tonumber(ARGV[3])
if excess > 0 then
  redis.call('LTRIM', KEYS[2], excess, -1)
  redis.call('HINCRBY', KEYS[1], 'dropped', excess)
end
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[4]) end
redis.call('PUBLISH', ARGV[5], '{"conversationId":' .. ARGV[6] .. ',"activities":[' .. json .. '],"watermark":' .. (sequence + 1) .. '}')
return {sequence, json}
`,
);

/**
 * Activities after a watermark, read in one step so a concurrent trim can't shift them.
 * KEYS[1] the conversation hash, KEYS[2] its activities. ARGV: the watermark.
 * Returns {total, activities...}, or nil when there is no such conversation.
 */
const ACTIVITIES_SINCE = new LuaScript(
  'directline-since',
  `
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
local dropped = tonumber(redis.call('HGET', KEYS[1], 'dropped') or '0')
local length = redis.call('LLEN', KEYS[2])
local total = dropped + length
local from = math.max(0, math.min(tonumber(ARGV[1]), total) - dropped)
local result = {total}
if from < length then
  for _, json in ipairs(redis.call('LRANGE', KEYS[2], from, -1)) do result[#result + 1] = json end
end
return result
`,
);

/**
 * Claims a client activity id: the first claim marks it pending and gets nil; later ones get what
 * is there. KEYS[1] the conversation hash, KEYS[2] its client ids. ARGV: client id, pending marker, TTL ms.
 * Returns {0} when there is no such conversation, {1} for the first claim, {2, id} for later ones.
 */
const CLAIM_CLIENT_ID = new LuaScript(
  'directline-claim',
  `
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 1 then
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  return {1}
end
return {2, redis.call('HGET', KEYS[2], ARGV[1])}
`,
);

/**
 * Frees a client id if it still holds the claim this instance made (pending, with its token): a
 * settled id stays, and so does another request's claim. KEYS[1] the client ids. ARGV: client id, the claim.
 */
const RELEASE_CLIENT_ID = new LuaScript(
  'directline-release',
  `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end
return 0
`,
);

/**
 * Settles a claimed client id, if the conversation is still there (a deleted one stays deleted).
 * KEYS[1] the conversation hash, KEYS[2] its client ids. ARGV: client id, activity id, TTL ms.
 */
const SETTLE_CLIENT_ID = new LuaScript(
  'directline-settle',
  `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1
`,
);

/**
 * Keeps a held Direct Line turn (see HeldTurn) in one step, or nothing of it: the bot's state
 * (eTags checked as RedisStorage's write does), the activities (their ids were handed out from the
 * sequence `base`, so no other append may have come in between), the client ids they settle and the
 * turn's transcript lines; then trims, keeps the keys alive and publishes the activities, as the
 * append and transcript scripts do.
 * KEYS: 1 the conversation hash, 2 its activities, 3 its client ids, 4 the eTag counter, then the
 * n state items, then (with transcript lines) the transcript list, its channel's index and the
 * conversation's transcript channels.
 * ARGV: 1 kept, 2 TTL ms, 3 channel, 4 the conversation id as JSON, 5 base, 6 m activities,
 * 7 c client ids, 8 n state items, 9 state TTL ms, 10 t transcript lines, 11 transcript lines kept,
 * 12 transcript TTL ms, 13 now ms, 14 index cutoff ms, 15 transcript channel id, 16 the conversation
 * id; then the m activity JSONs, c pairs of client id and activity id, n pairs of document and expected eTag, t lines.
 * Returns {0} when there is no such conversation (and the turn has activities or client ids), {1} when another append came first, {2, i} when
 * state item i's eTag didn't match, {3} when kept (now, or by this same commit before).
 */
const COMMIT_TURN = new LuaScript(
  'directline-commit',
  `
local m, c, n, t = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[10])
-- A turn of another channel (/api/messages, Slack) keeps only state and transcript: no conversation here.
if (m > 0 or c > 0) and redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
local activities, clients, docs, lines = 17, 17 + m, 17 + m + 2 * c, 17 + m + 2 * c + 2 * n
local dropped = tonumber(redis.call('HGET', KEYS[1], 'dropped') or '0')
local sequence = dropped + redis.call('LLEN', KEYS[2])
if m > 0 and sequence ~= tonumber(ARGV[5]) then
  -- The same commit again (ioredis resending after a reconnect, its first reply lost): already kept.
  local first = tonumber(ARGV[5]) - dropped
  if first >= 0 and redis.call('LINDEX', KEYS[2], first) == ARGV[activities] then return {3} end
  return {1}
end
for i = 1, n do
  local expected = ARGV[docs + 2 * i - 1]
  if expected ~= '' and expected ~= '*' then
    local current = redis.call('HGET', KEYS[4 + i], 'etag')
    if current and current ~= expected then return {2, i} end
  end
end
for i = 1, n do
  local etag = tostring(redis.call('INCR', KEYS[4]))
  redis.call('HSET', KEYS[4 + i], 'doc', ARGV[docs + 2 * i - 2], 'etag', etag)
  redis.call('PEXPIRE', KEYS[4 + i], ARGV[9])
end
if m > 0 then
  local length = redis.call('RPUSH', KEYS[2], unpack(ARGV, activities, activities + m - 1))
  local excess = length - tonumber(ARGV[1])
  if excess > 0 then
    redis.call('LTRIM', KEYS[2], excess, -1)
    redis.call('HINCRBY', KEYS[1], 'dropped', excess)
  end
end
for j = 0, c - 1 do redis.call('HSET', KEYS[3], ARGV[clients + 2 * j], ARGV[clients + 2 * j + 1]) end
if m > 0 or c > 0 then for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end end
if t > 0 then
  local list, index, channels = KEYS[5 + n], KEYS[6 + n], KEYS[7 + n]
  redis.call('RPUSH', list, unpack(ARGV, lines, lines + t - 1))
  redis.call('LTRIM', list, -tonumber(ARGV[11]), -1)
  redis.call('ZADD', index, ARGV[13], ARGV[16])
  redis.call('ZREMRANGEBYSCORE', index, '-inf', '(' .. ARGV[14])
  redis.call('SADD', channels, ARGV[15])
  for _, key in ipairs({list, index, channels}) do redis.call('PEXPIRE', key, ARGV[12]) end
end
if m > 0 then
  local json = table.concat({unpack(ARGV, activities, activities + m - 1)}, ',')
  redis.call('PUBLISH', ARGV[3], '{"conversationId":' .. ARGV[4] .. ',"activities":[' .. json .. '],"watermark":' .. (sequence + m) .. '}')
end
return {3}
`,
);

const ConversationRowSchema = z.tuple([z.string().nullable(), z.string().nullable()]);
const AppendReplySchema = z.tuple([z.number(), z.string()]).nullable();
const SinceReplySchema = z.tuple([z.number()], z.string()).nullable();
const CommitReplySchema = z.union([z.tuple([z.literal(0)]), z.tuple([z.literal(1)]), z.tuple([z.literal(2), z.number()]), z.tuple([z.literal(3)])]);
const ClaimReplySchema = z.union([z.tuple([z.literal(0)]), z.tuple([z.literal(1)]), z.tuple([z.literal(2), z.string()])]);
/** What an append publishes: the same arguments local listeners get. */
const AppendedSchema = z.object({ conversationId: z.string(), activities: z.array(z.looseObject({})), watermark: z.number() });

/**
 * The embedded Direct Line's conversations, shared by every instance: a hash per conversation,
 * its activities in a capped list, its client ids in a hash; all expire when idle. Appends are
 * published, so a client's WebSocket on any instance hears activities added on any other.
 */
export class RedisDirectLineStore implements DirectLineStore {
  private readonly listeners = new Set<ActivityListener>();
  private stopSubscription: (() => void) | undefined;
  /** This instance's pending claims, by JSON [conversation, client id]: what a release may free. */
  private readonly claims = new Map<string, string>();
  /** Claims to free once Redis is back, as JSON [conversation, client id, claim]. */
  private readonly unreleased = new Set<string>();
  private releaseArmed = false;

  constructor(
    private readonly redis: RedisConnection,
    private readonly log: Logger,
    private readonly kept: number = KEPT_ACTIVITIES,
  ) {}

  async create(id: string, userId: string): Promise<DirectLineConversation> {
    const createdAt = Date.now();
    await this.redis.run('directline-create', (redis) =>
      execOrThrow(
        redis
          .multi()
          // Creating again starts over, as the memory store does.
          .del(...this.keys(id))
          .hset(this.conversationKey(id), 'userId', userId, 'createdAt', String(createdAt), 'dropped', '0')
          .pexpire(this.conversationKey(id), IDLE_CONVERSATION_MS)
          .exec(),
      ),
    );
    return { id, userId, createdAt };
  }

  async get(id: string): Promise<DirectLineConversation | undefined> {
    const row = await this.redis.run('directline-get', (redis) => redis.hmget(this.conversationKey(id), 'userId', 'createdAt'));
    const [userId, createdAt] = ConversationRowSchema.parse(row);
    return userId === null || createdAt === null ? undefined : { id, userId, createdAt: Number(createdAt) };
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<Activity> {
    const turn = this.redis.holding();
    if (turn?.conversationId === conversationId) {
      // Part of a turn held by `atomically`: the id is handed out now (a conversation's turns run one
      // at a time, under its lock), the activity kept when the turn is.
      turn.base ??= (await this.since(conversationId, Number.MAX_SAFE_INTEGER)).watermark;
      const sequence = turn.base + turn.activities.length;
      const { head, tail } = jsonAroundSequence(conversationId, activity);
      turn.activities.push(`${head}${String(sequence).padStart(7, '0')}${tail}`);
      return { ...activity, id: activityId(conversationId, sequence) } as Activity;
    }
    const { head, tail } = jsonAroundSequence(conversationId, activity);
    const args = [head, tail, this.kept, IDLE_CONVERSATION_MS, this.channel(), JSON.stringify(conversationId)];
    const reply = AppendReplySchema.parse(await this.redis.script(APPEND_ACTIVITY, this.keys(conversationId), args));
    if (reply === null) throw new Error(`no Direct Line conversation ${conversationId}`);
    return { ...activity, id: activityId(conversationId, reply[0]) } as Activity;
  }

  async since(conversationId: string, watermark: number): Promise<{ activities: string[]; watermark: number }> {
    const from = Number.isFinite(watermark) ? Math.max(0, Math.floor(watermark)) : 0;
    const keys = [this.conversationKey(conversationId), this.activitiesKey(conversationId)];
    const reply = SinceReplySchema.parse(await this.redis.script(ACTIVITIES_SINCE, keys, [from]));
    if (reply === null) throw new Error(`no Direct Line conversation ${conversationId}`);
    const [total, ...activities] = reply;
    return { activities, watermark: total };
  }

  async claimClientId(conversationId: string, clientId: string): Promise<string | undefined> {
    const keys = [this.conversationKey(conversationId), this.clientIdsKey(conversationId)];
    // Each claim is marked with its own token, so that only this request's release can free it.
    const claim = `${PENDING_CLIENT_ID}:${randomUUID()}`;
    let reply: z.infer<typeof ClaimReplySchema>;
    try {
      reply = ClaimReplySchema.parse(await this.redis.script(CLAIM_CLIENT_ID, keys, [clientId, claim, IDLE_CONVERSATION_MS]));
    } catch (err) {
      // Redis may have taken the claim and lost only its reply: free it once Redis is back.
      if (isRedisUnavailable(err)) this.releaseWhenBack(conversationId, clientId, claim);
      throw err;
    }
    if (reply[0] === 0) throw new Error(`no Direct Line conversation ${conversationId}`);
    if (reply[0] === 1) this.claims.set(JSON.stringify([conversationId, clientId]), claim);
    return reply[0] === 2 ? (reply[1].startsWith(PENDING_CLIENT_ID) ? PENDING_CLIENT_ID : reply[1]) : undefined;
  }

  async settleClientId(conversationId: string, clientId: string, id: string): Promise<void> {
    const turn = this.redis.holding();
    if (turn?.conversationId === conversationId) {
      // With the turn that answers it: a retry finds the id only if the answer was kept too.
      turn.clientIds.push([clientId, id]);
      return;
    }
    this.claims.delete(JSON.stringify([conversationId, clientId]));
    const keys = [this.conversationKey(conversationId), this.clientIdsKey(conversationId)];
    await this.redis.script(SETTLE_CLIENT_ID, keys, [clientId, id, IDLE_CONVERSATION_MS]);
  }

  /**
   * Frees this instance's claim (the post failed). With Redis down — the usual reason a post fails —
   * it is freed once Redis is back rather than failing too: a claim left pending would turn the
   * client's retries away (409) for a day.
   */
  async releaseClientId(conversationId: string, clientId: string): Promise<void> {
    const key = JSON.stringify([conversationId, clientId]);
    const claim = this.claims.get(key);
    if (claim === undefined) return;
    this.claims.delete(key);
    await this.release(conversationId, clientId, claim);
  }

  private async release(conversationId: string, clientId: string, claim: string): Promise<void> {
    try {
      await this.redis.script(RELEASE_CLIENT_ID, [this.clientIdsKey(conversationId)], [clientId, claim]);
      this.unreleased.delete(JSON.stringify([conversationId, clientId, claim]));
    } catch (err) {
      if (!isRedisUnavailable(err)) throw err;
      this.releaseWhenBack(conversationId, clientId, claim);
      this.log.warn('directline-release-deferred', { conversation: conversationId, reason: err.message });
    }
  }

  private releaseWhenBack(conversationId: string, clientId: string, claim: string): void {
    this.unreleased.add(JSON.stringify([conversationId, clientId, claim]));
    if (this.releaseArmed) return;
    this.releaseArmed = true;
    this.redis.commands.once('ready', () => {
      this.releaseArmed = false;
      void this.releaseLeftovers();
    });
  }

  private async releaseLeftovers(): Promise<void> {
    for (const entry of [...this.unreleased]) {
      const [conversationId, clientId, claim] = z.tuple([z.string(), z.string(), z.string()]).parse(JSON.parse(entry));
      await this.release(conversationId, clientId, claim).catch((err: unknown) => {
        this.log.warn('directline-release-failed', { conversation: conversationId, reason: err instanceof Error ? err.message : String(err) });
      });
    }
  }

  async delete(conversationId: string): Promise<void> {
    await this.redis.run('directline-delete', (redis) => redis.del(...this.keys(conversationId)));
  }

  /**
   * Runs `fn`, a turn of the conversation, holding back what it keeps here — its activities and
   * the client ids they settle — and what RedisStorage and RedisTranscriptStore on the same
   * connection write for the conversation (its state, its transcript lines); then keeps it all in one script. Redis going away part way through a turn leaves
   * nothing of it: no message kept without its answer, no bot a step ahead of what the customer saw.
   */
  async atomically<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    const turn: HeldTurn = { conversationId, open: true, activities: [], clientIds: [], state: new Map(), stateTtlMs: 0, transcript: undefined };
    let result: T;
    try {
      result = await this.redis.hold(turn, fn);
    } finally {
      turn.open = false;
    }
    const { activities, clientIds, transcript } = turn;
    if (activities.length === 0 && clientIds.length === 0 && turn.state.size === 0 && !transcript) return result;
    const state = [...turn.state];
    const keys = [...this.keys(conversationId), this.redis.key(ETAG_COUNTER), ...state.map(([key]) => key), ...(transcript?.keys ?? [])];
    const now = Date.now();
    const args = [
      this.kept,
      IDLE_CONVERSATION_MS,
      this.channel(),
      JSON.stringify(conversationId),
      turn.base ?? 0,
      activities.length,
      clientIds.length,
      state.length,
      turn.stateTtlMs,
      transcript?.lines.length ?? 0,
      transcript?.kept ?? 0,
      transcript?.ttlMs ?? 0,
      now,
      now - (transcript?.ttlMs ?? 0),
      transcript?.channelId ?? '',
      conversationId,
      ...activities,
      ...clientIds.flat(),
      ...state.flatMap(([, item]) => [item.doc, item.eTag]),
      ...(transcript?.lines ?? []),
    ];
    const reply = CommitReplySchema.parse(await this.redis.script(COMMIT_TURN, keys, args));
    if (reply[0] === 0) throw new Error(`no Direct Line conversation ${conversationId}`);
    // Another writer came first (the conversation's lock was lost): nothing was kept, the post fails and may be sent again.
    if (reply[0] === 1) throw new EtagConflictError(`directline/${conversationId}`);
    if (reply[0] === 2) throw new EtagConflictError(state[reply[1] - 1]![0]);
    for (const [clientId] of clientIds) this.claims.delete(JSON.stringify([conversationId, clientId]));
    return result;
  }

  /** Listeners hear appends made by any instance; the channel is subscribed while anyone listens. */
  listen(listener: ActivityListener): () => void {
    this.listeners.add(listener);
    this.stopSubscription ??= this.redis.subscriptions.subscribe(this.channel(), (message) => this.deliver(message));
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0 || !this.stopSubscription) return;
      this.stopSubscription();
      this.stopSubscription = undefined;
    };
  }

  private deliver(message: string): void {
    const read = AppendedSchema.safeParse(safeJson(message));
    if (!read.success) {
      this.log.warn('directline-message-unreadable', { reason: read.error.message.slice(0, 200) });
      return;
    }
    const { conversationId, activities, watermark } = read.data;
    // Local listeners get the activities serialized; JSON.stringify gives back exactly the stored
    // text, since that text was JSON.stringify's own output.
    const serialized = activities.map((activity) => JSON.stringify(activity));
    for (const listener of [...this.listeners]) {
      try {
        listener(conversationId, serialized, watermark);
      } catch (err) {
        this.log.error('directline-listener-failed', { conversation: conversationId, reason: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  private channel(): string {
    return this.redis.key('directline');
  }

  private keys(conversationId: string): string[] {
    return [this.conversationKey(conversationId), this.activitiesKey(conversationId), this.clientIdsKey(conversationId)];
  }

  private conversationKey(id: string): string {
    return this.redis.key('dl', 'conversation', id);
  }

  private activitiesKey(id: string): string {
    return this.redis.key('dl', 'activities', id);
  }

  private clientIdsKey(id: string): string {
    return this.redis.key('dl', 'client-ids', id);
  }
}

/**
 * The activity's JSON around its sequence number, which only the append script knows:
 * `{"id":"<conversation>|` + digits + `", …the rest}`. The id comes first; JSON key order carries no meaning.
 */
export function jsonAroundSequence(conversationId: string, activity: Partial<Activity>): { head: string; tail: string } {
  const { id: _replaced, ...rest } = activity;
  const restJson = JSON.stringify(rest);
  const head = `{"id":${JSON.stringify(`${conversationId}|`).slice(0, -1)}`;
  return { head, tail: restJson === '{}' ? '"}' : `",${restJson.slice(1)}` };
}
