import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from '../../app/logger';
import {
  activityId,
  IDLE_CONVERSATION_MS,
  KEPT_ACTIVITIES,
  PENDING_CLIENT_ID,
  type ActivityListener,
  type DirectLineConversation,
  type DirectLineStore,
} from '../../channels/directline/conversation-store';
import { execOrThrow, LuaScript, safeJson, type RedisConnection } from './redis-connection';

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

const ConversationRowSchema = z.tuple([z.string().nullable(), z.string().nullable()]);
const AppendReplySchema = z.tuple([z.number(), z.string()]).nullable();
const SinceReplySchema = z.tuple([z.number()], z.string()).nullable();
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
    const reply = ClaimReplySchema.parse(await this.redis.script(CLAIM_CLIENT_ID, keys, [clientId, PENDING_CLIENT_ID, IDLE_CONVERSATION_MS]));
    if (reply[0] === 0) throw new Error(`no Direct Line conversation ${conversationId}`);
    return reply[0] === 2 ? reply[1] : undefined;
  }

  async settleClientId(conversationId: string, clientId: string, id: string): Promise<void> {
    const keys = [this.conversationKey(conversationId), this.clientIdsKey(conversationId)];
    await this.redis.script(SETTLE_CLIENT_ID, keys, [clientId, id, IDLE_CONVERSATION_MS]);
  }

  async releaseClientId(conversationId: string, clientId: string): Promise<void> {
    await this.redis.run('directline-release', (redis) => redis.hdel(this.clientIdsKey(conversationId), clientId));
  }

  async delete(conversationId: string): Promise<void> {
    await this.redis.run('directline-delete', (redis) => redis.del(...this.keys(conversationId)));
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
