import type { Activity } from 'botbuilder';

/** One Direct Line conversation: its activities in order, as clients read them by watermark. */
export interface DirectLineConversation {
  id: string;
  userId: string;
  /**
   * Serialized, as clients receive them: a string costs the garbage collector nothing to trace
   * and is sent without serializing again on every read.
   */
  activities: string[];
  /** How many of the oldest activities were dropped; watermarks keep counting from the start. */
  dropped: number;
  /** clientActivityID → the id given to that activity, so a retried post is processed once. */
  seenClientIds: Map<string, string>;
  createdAt: number;
  lastActive: number;
}

type Listener = (conversationId: string, activities: string[], watermark: number) => void;

/** Conversations idle this long are forgotten (tokens last 30 minutes; a day leaves room to reconnect). */
export const IDLE_CONVERSATION_MS = 24 * 60 * 60 * 1000;
/** Activities a conversation keeps for clients to read by watermark; older ones are dropped. */
export const KEPT_ACTIVITIES = 1000;

/**
 * Conversations of the embedded Direct Line endpoint, in memory (persistence is its own issue).
 * The watermark is the number of activities a client has seen. Listeners (WebSocket streams)
 * hear every activity added.
 */
export class ConversationStore {
  private readonly conversations = new Map<string, DirectLineConversation>();
  private readonly listeners = new Set<Listener>();

  constructor(private readonly now: () => number = Date.now) {}

  create(id: string, userId: string): DirectLineConversation {
    this.forgetIdle();
    const conversation: DirectLineConversation = { id, userId, activities: [], dropped: 0, seenClientIds: new Map(), createdAt: this.now(), lastActive: this.now() };
    this.conversations.set(id, conversation);
    return conversation;
  }

  /** Bounded memory in a long-running server: idle conversations go (checked as new ones start). */
  private forgetIdle(): void {
    const cutoff = this.now() - IDLE_CONVERSATION_MS;
    for (const [id, conversation] of this.conversations) if (conversation.lastActive < cutoff) this.conversations.delete(id);
  }

  get(id: string): DirectLineConversation | undefined {
    return this.conversations.get(id);
  }

  /** Adds an activity with the next id; returns that id ("conversation|0000003"). */
  append(conversation: DirectLineConversation, activity: Partial<Activity>): Activity {
    const sequence = conversation.dropped + conversation.activities.length;
    const stored = { ...activity, id: `${conversation.id}|${String(sequence).padStart(7, '0')}` } as Activity;
    const json = JSON.stringify(stored);
    conversation.activities.push(json);
    if (conversation.activities.length > KEPT_ACTIVITIES) {
      conversation.activities.shift();
      conversation.dropped++;
    }
    conversation.lastActive = this.now();
    for (const listener of this.listeners) listener(conversation.id, [json], sequence + 1);
    return stored;
  }

  /** Activities (serialized) after a watermark — the count a client has seen — and the new watermark. */
  since(conversation: DirectLineConversation, watermark: number): { activities: string[]; watermark: number } {
    const total = conversation.dropped + conversation.activities.length;
    const from = Math.max(0, Math.min(watermark, total) - conversation.dropped);
    return { activities: conversation.activities.slice(from), watermark: total };
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.conversations.size;
  }
}

/** A Direct Line ActivitySet, `{"activities": [...], "watermark": "N"}`, from serialized activities. */
export function activitySet(activities: readonly string[], watermark: number): string {
  return `{"activities":[${activities.join(',')}],"watermark":"${watermark}"}`;
}
