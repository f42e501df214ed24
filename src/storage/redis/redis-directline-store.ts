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
import type { Logger } from '../../core/logger';
import { execOrThrow, safeJson, type RedisConnection } from './redis-connection';
import { ACTIVITIES_SINCE, APPEND_ACTIVITY, CLAIM_CLIENT_ID, RELEASE_CLIENT_ID, SETTLE_CLIENT_ID } from './redis-directline-scripts';
import { isRedisUnavailable } from './redis-errors';
import { heldTurn, type HeldDirectLine, type HeldTurn } from './redis-turn-commit';

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
  /** This instance's pending claims, by JSON [conversation, client id]: what a release may free. */
  private readonly claims = new Map<string, string>();
  /** Claims to free once Redis is back, as JSON [conversation, client id, claim]. */
  private readonly unreleased = new Set<string>();

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
    const turn = heldTurn(this.redis);
    if (turn?.conversationId === conversationId) {
      // Part of a held turn: the id is handed out now (a conversation's turns run one at a time,
      // under its lock), the activity kept when the turn is.
      const held = await this.held(turn, conversationId);
      held.base ??= (await this.since(conversationId, Number.MAX_SAFE_INTEGER)).watermark;
      const sequence = held.base + held.activities.length;
      const { head, tail } = jsonAroundSequence(conversationId, activity);
      held.activities.push(`${head}${String(sequence).padStart(7, '0')}${tail}`);
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
    const turn = heldTurn(this.redis);
    if (turn?.conversationId === conversationId) {
      // With the turn that answers it: a retry finds the id only if the answer was kept too.
      (await this.held(turn, conversationId)).clientIds.push([clientId, id]);
      turn.afterCommit.push(() => this.claims.delete(JSON.stringify([conversationId, clientId])));
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
    this.redis.whenReady(this, () => void this.releaseLeftovers());
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

  /** This store's part of a held turn, added on its first write. */
  private async held(turn: HeldTurn, conversationId: string): Promise<HeldDirectLine> {
    const [conversation, activities, clientIds] = this.keys(conversationId) as [string, string, string];
    turn.directLine ??= { keys: { conversation, activities, clientIds }, activities: [], clientIds: [], kept: this.kept, ttlMs: IDLE_CONVERSATION_MS, channel: this.channel() };
    return turn.directLine;
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
