import type { Activity } from 'botbuilder';
import { z } from 'zod';
import {
  IDLE_CONVERSATION_MS,
  KEPT_ACTIVITIES,
  PENDING_CLIENT_ID,
  activityId,
  type ActivityListener,
  type DirectLineConversation,
  type DirectLineStore,
} from '../../channels/directline/conversation-store';
import type { HeldChange, SqliteDatabase, Statement } from './sqlite-database';

const ConversationRowSchema = z.object({ id: z.string(), user_id: z.string(), created_at: z.number() });
const ActivityRowSchema = z.object({ json: z.string() });
const SequenceSchema = z.number().int().nonnegative();
const KnownSequenceSchema = z.object({ known: z.number().int(), next: SequenceSchema });
const ClientIdSchema = z.string();

/** How stale last_active may get before an append refreshes it (each refresh is a page written). */
const TOUCH_EVERY_MS = 60_000;

/**
 * The embedded Direct Line's conversations in SQLite. An activity's sequence is taken inside the
 * write lock (the next after the highest kept), so appends — from this process or another sharing
 * the file — never share one. Each conversation keeps its latest KEPT_ACTIVITIES; the sequence, and
 * so the watermark, keeps counting. Listeners hear this process's appends only: several instances
 * that must hear each other use Redis.
 */
export class SqliteDirectLineStore implements DirectLineStore {
  private readonly listeners = new Set<ActivityListener>();
  /** Appends a held turn has made so far, uncommitted: the next one's sequence comes after them. */
  private readonly heldAppends = new WeakMap<HeldChange, number>();
  private readonly insertConversation: Statement<[string, string, number, number]>;
  private readonly selectConversation: Statement<[string]>;
  private readonly removeConversationRow: Statement<[string]>;
  private readonly removeIdle: Statement<[number]>;
  private readonly touch: Statement<[number, string, number]>;
  private readonly nextSequence: Statement<[string]>;
  private readonly knownNextSequence: Statement<[string, string]>;
  private readonly insertActivity: Statement<[string, number, string]>;
  private readonly trim: Statement<[string, number]>;
  private readonly activitiesFrom: Statement<[string, number]>;
  private readonly selectClientId: Statement<[string, string]>;
  private readonly upsertClientId: Statement<[string, string, string, string]>;
  private readonly removeClientId: Statement<[string, string]>;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => number = Date.now,
  ) {
    this.insertConversation = db.prepare('INSERT INTO directline_conversations (id, user_id, created_at, last_active) VALUES (?, ?, ?, ?)');
    this.selectConversation = db.prepare('SELECT id, user_id, created_at FROM directline_conversations WHERE id = ?');
    // Activities and client ids go with their conversation (ON DELETE CASCADE).
    this.removeConversationRow = db.prepare('DELETE FROM directline_conversations WHERE id = ?');
    this.removeIdle = db.prepare('DELETE FROM directline_conversations WHERE last_active < ?');
    // At most once a minute: idle is measured in hours, and an unchanged row costs no write.
    this.touch = db.prepare('UPDATE directline_conversations SET last_active = ? WHERE id = ? AND last_active < ?');
    this.nextSequence = db.prepare<[string]>('SELECT COALESCE(MAX(seq) + 1, 0) FROM directline_activities WHERE conversation_id = ?').pluck();
    // Both in one statement, so one snapshot without BEGIN/COMMIT: a held append asks it every reply.
    this.knownNextSequence = db.prepare(
      'SELECT EXISTS (SELECT 1 FROM directline_conversations WHERE id = ?) AS known, (SELECT COALESCE(MAX(seq) + 1, 0) FROM directline_activities WHERE conversation_id = ?) AS next',
    );
    this.insertActivity = db.prepare('INSERT INTO directline_activities (conversation_id, seq, json) VALUES (?, ?, ?)');
    this.trim = db.prepare('DELETE FROM directline_activities WHERE conversation_id = ? AND seq < ?');
    this.activitiesFrom = db.prepare('SELECT json FROM directline_activities WHERE conversation_id = ? AND seq >= ? ORDER BY seq');
    this.selectClientId = db.prepare<[string, string]>('SELECT activity_id FROM directline_client_ids WHERE conversation_id = ? AND client_id = ?').pluck();
    // Settling a client id of a conversation that has gone meanwhile is a no-op, as in memory.
    this.upsertClientId = db.prepare(
      `INSERT INTO directline_client_ids (conversation_id, client_id, activity_id)
       SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM directline_conversations WHERE id = ?)
       ON CONFLICT (conversation_id, client_id) DO UPDATE SET activity_id = excluded.activity_id`,
    );
    this.removeClientId = db.prepare('DELETE FROM directline_client_ids WHERE conversation_id = ? AND client_id = ?');
  }

  /** Starts a conversation (afresh, if the id was used before); idle ones are forgotten on the way. */
  async create(id: string, userId: string): Promise<DirectLineConversation> {
    const createdAt = this.now();
    this.db.write(() => {
      this.removeIdle.run(createdAt - IDLE_CONVERSATION_MS);
      this.removeConversationRow.run(id);
      this.insertConversation.run(id, userId, createdAt, createdAt);
    });
    return { id, userId, createdAt };
  }

  async get(id: string): Promise<DirectLineConversation | undefined> {
    const row = this.db.readOne(() => this.selectConversation.get(id));
    return row === undefined ? undefined : this.conversation(row);
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<Activity> {
    const held = this.db.holding();
    if (held?.conversationId === conversationId) {
      // Part of a turn held by `atomically`: the sequence is taken now (a conversation's turns run one
      // at a time), the row written when the turn commits.
      const earlier = this.heldAppends.get(held) ?? 0;
      const next = this.db.readOne(() => this.knownSequence(conversationId)) + earlier;
      this.heldAppends.set(held, earlier + 1);
      const stored = { ...activity, id: activityId(conversationId, next) } as Activity;
      const json = JSON.stringify(stored);
      this.db.writeFor(conversationId, () => {
        this.requireConversation(conversationId);
        return this.insert(conversationId, next, json);
      });
      return stored;
    }
    const { stored, notify } = this.db.write(() => {
      this.requireConversation(conversationId);
      const next = this.sequence(conversationId);
      const withId = { ...activity, id: activityId(conversationId, next) } as Activity;
      return { stored: withId, notify: this.insert(conversationId, next, JSON.stringify(withId)) };
    });
    notify();
    return stored;
  }

  /** Inside a write: the activity, trimming and the conversation's last activity; listeners hear of it after the commit. */
  private insert(conversationId: string, sequence: number, json: string): () => void {
    this.insertActivity.run(conversationId, sequence, json);
    this.trim.run(conversationId, sequence + 1 - KEPT_ACTIVITIES);
    const now = this.now();
    this.touch.run(now, conversationId, now - TOUCH_EVERY_MS);
    // A listener never hears of an activity that was rolled back.
    return () => {
      for (const listener of this.listeners) listener(conversationId, [json], sequence + 1);
    };
  }

  async since(conversationId: string, watermark: number): Promise<{ activities: string[]; watermark: number }> {
    // One snapshot: the rows and the new watermark agree even while another process appends.
    return this.db.read(() => {
      const total = this.knownSequence(conversationId);
      const activities = this.activitiesFrom.all(conversationId, Math.max(0, watermark)).map((row) => this.activityJson(row, conversationId));
      return { activities, watermark: total };
    });
  }

  async claimClientId(conversationId: string, clientId: string): Promise<string | undefined> {
    return this.db.write(() => {
      this.requireConversation(conversationId);
      const existing = this.selectClientId.get(conversationId, clientId);
      if (existing !== undefined) return this.clientActivityId(existing, conversationId);
      this.upsertClientId.run(conversationId, clientId, PENDING_CLIENT_ID, conversationId);
      return undefined;
    });
  }

  async settleClientId(conversationId: string, clientId: string, activityId: string): Promise<void> {
    // With the turn that answers it, when held: a retry finds the id only if the answer was kept too.
    this.db.writeFor(conversationId, () => void this.upsertClientId.run(conversationId, clientId, activityId, conversationId));
  }

  async releaseClientId(conversationId: string, clientId: string): Promise<void> {
    this.db.write(() => this.removeClientId.run(conversationId, clientId));
  }

  async delete(conversationId: string): Promise<void> {
    this.db.write(() => this.removeConversation(conversationId));
  }

  /** As delete, synchronously, so a caller's `db.write` can join it to other deletions; 1 if it existed. */
  removeConversation(conversationId: string): number {
    return this.removeConversationRow.run(conversationId).changes;
  }

  /** Forgets conversations with no activity since `before` (epoch ms), with their activities; how many went. */
  async forgetIdle(before: number): Promise<number> {
    return this.db.write(() => this.removeIdle.run(before).changes);
  }

  listen(listener: ActivityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private requireConversation(id: string): void {
    if (this.selectConversation.get(id) === undefined) throw new Error(`no Direct Line conversation ${id}`);
  }

  /** As requireConversation then sequence, in one statement. */
  private knownSequence(conversationId: string): number {
    const parsed = KnownSequenceSchema.safeParse(this.knownNextSequence.get(conversationId, conversationId));
    if (!parsed.success) throw this.db.damaged(`the activities of Direct Line conversation ${conversationId}`, parsed.error);
    if (parsed.data.known !== 1) throw new Error(`no Direct Line conversation ${conversationId}`);
    return parsed.data.next;
  }

  private sequence(conversationId: string): number {
    const parsed = SequenceSchema.safeParse(this.nextSequence.get(conversationId));
    if (!parsed.success) throw this.db.damaged(`the activities of Direct Line conversation ${conversationId}`, parsed.error);
    return parsed.data;
  }

  private conversation(row: unknown): DirectLineConversation {
    const parsed = ConversationRowSchema.safeParse(row);
    if (!parsed.success) throw this.db.damaged('a Direct Line conversation', parsed.error);
    return { id: parsed.data.id, userId: parsed.data.user_id, createdAt: parsed.data.created_at };
  }

  private activityJson(row: unknown, conversationId: string): string {
    const parsed = ActivityRowSchema.safeParse(row);
    if (!parsed.success) throw this.db.damaged(`an activity of Direct Line conversation ${conversationId}`, parsed.error);
    return parsed.data.json;
  }

  private clientActivityId(value: unknown, conversationId: string): string {
    const parsed = ClientIdSchema.safeParse(value);
    if (!parsed.success) throw this.db.damaged(`a client id of Direct Line conversation ${conversationId}`, parsed.error);
    return parsed.data;
  }
}
