import type { Activity } from 'botbuilder';

/** One Direct Line conversation: who it belongs to. Its activities live beside it in the store. */
export interface DirectLineConversation {
  id: string;
  userId: string;
  createdAt: number;
}

/** Hears every activity added to any conversation (on this instance, or — with Redis — any). */
export type ActivityListener = (conversationId: string, activities: string[], watermark: number) => void;

/**
 * Where the embedded Direct Line keeps its conversations: the activities in order, as clients read
 * them by watermark (the number of activities a client has seen). Activities are kept serialized,
 * as clients receive them. In memory for tests; SQLite by default; Redis for several instances.
 */
export interface DirectLineStore {
  create(id: string, userId: string): Promise<DirectLineConversation>;
  get(id: string): Promise<DirectLineConversation | undefined>;
  /** Adds an activity with the next id ("conversation|0000003") and tells the listeners. */
  append(conversationId: string, activity: Partial<Activity>): Promise<Activity>;
  /** Activities (serialized) after a watermark, and the new watermark. */
  since(conversationId: string, watermark: number): Promise<{ activities: string[]; watermark: number }>;
  /**
   * A client's retry of a post (same clientActivityID) must run once: the first claim gets
   * undefined and must `settle` it with the activity's id (or `release` it on failure); later
   * claims get that id — or `pending` while the first is still running.
   */
  claimClientId(conversationId: string, clientId: string): Promise<string | undefined>;
  settleClientId(conversationId: string, clientId: string, activityId: string): Promise<void>;
  releaseClientId(conversationId: string, clientId: string): Promise<void>;
  /** Forgets a conversation and its activities (a person's request to delete their data). */
  delete(conversationId: string): Promise<void>;
  listen(listener: ActivityListener): () => void;
}

export const PENDING_CLIENT_ID = 'pending';

/** Conversations idle this long are forgotten (tokens last 30 minutes; a day leaves room to reconnect). */
export const IDLE_CONVERSATION_MS = 24 * 60 * 60 * 1000;
/** Activities a conversation keeps for clients to read by watermark; older ones are dropped. */
export const KEPT_ACTIVITIES = 1000;

interface Kept extends DirectLineConversation {
  activities: string[];
  /** How many of the oldest activities were dropped; watermarks keep counting from the start. */
  dropped: number;
  clientIds: Map<string, string>;
  lastActive: number;
}

/** In memory, bounded: idle conversations go as new ones start, and each keeps its latest activities. */
export class MemoryDirectLineStore implements DirectLineStore {
  private readonly conversations = new Map<string, Kept>();
  private readonly listeners = new Set<ActivityListener>();

  constructor(private readonly now: () => number = Date.now) {}

  async create(id: string, userId: string): Promise<DirectLineConversation> {
    this.forgetIdle();
    const kept: Kept = { id, userId, createdAt: this.now(), activities: [], dropped: 0, clientIds: new Map(), lastActive: this.now() };
    this.conversations.set(id, kept);
    return { id, userId, createdAt: kept.createdAt };
  }

  private forgetIdle(): void {
    const cutoff = this.now() - IDLE_CONVERSATION_MS;
    for (const [id, conversation] of this.conversations) if (conversation.lastActive < cutoff) this.conversations.delete(id);
  }

  async get(id: string): Promise<DirectLineConversation | undefined> {
    const kept = this.conversations.get(id);
    return kept && { id: kept.id, userId: kept.userId, createdAt: kept.createdAt };
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<Activity> {
    const conversation = this.kept(conversationId);
    const sequence = conversation.dropped + conversation.activities.length;
    const stored = { ...activity, id: activityId(conversationId, sequence) } as Activity;
    const json = JSON.stringify(stored);
    conversation.activities.push(json);
    if (conversation.activities.length > KEPT_ACTIVITIES) {
      conversation.activities.shift();
      conversation.dropped++;
    }
    conversation.lastActive = this.now();
    for (const listener of this.listeners) listener(conversationId, [json], sequence + 1);
    return stored;
  }

  async since(conversationId: string, watermark: number): Promise<{ activities: string[]; watermark: number }> {
    const conversation = this.kept(conversationId);
    const total = conversation.dropped + conversation.activities.length;
    const from = Math.max(0, Math.min(watermark, total) - conversation.dropped);
    return { activities: conversation.activities.slice(from), watermark: total };
  }

  async claimClientId(conversationId: string, clientId: string): Promise<string | undefined> {
    const ids = this.kept(conversationId).clientIds;
    const existing = ids.get(clientId);
    if (existing === undefined) ids.set(clientId, PENDING_CLIENT_ID);
    return existing;
  }

  async settleClientId(conversationId: string, clientId: string, activityId: string): Promise<void> {
    this.conversations.get(conversationId)?.clientIds.set(clientId, activityId);
  }

  async releaseClientId(conversationId: string, clientId: string): Promise<void> {
    this.conversations.get(conversationId)?.clientIds.delete(clientId);
  }

  async delete(conversationId: string): Promise<void> {
    this.conversations.delete(conversationId);
  }

  listen(listener: ActivityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.conversations.size;
  }

  private kept(id: string): Kept {
    const conversation = this.conversations.get(id);
    if (!conversation) throw new Error(`no Direct Line conversation ${id}`);
    return conversation;
  }
}

/** "conversation|0000003": ids sort in order, and the watermark is the sequence plus one. */
export function activityId(conversationId: string, sequence: number): string {
  return `${conversationId}|${String(sequence).padStart(7, '0')}`;
}

/** A Direct Line ActivitySet, `{"activities": [...], "watermark": "N"}`, from serialized activities. */
export function activitySet(activities: readonly string[], watermark: number): string {
  return `{"activities":[${activities.join(',')}],"watermark":"${watermark}"}`;
}
