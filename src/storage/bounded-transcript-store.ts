import type { Activity, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';

export interface TranscriptLimits {
  /** The most recent activities kept per conversation. */
  perConversation: number;
  /** Conversations kept; the one idle longest goes first. */
  conversations: number;
}

export const DEFAULT_TRANSCRIPT_LIMITS: TranscriptLimits = { perConversation: 500, conversations: 10_000 };

/**
 * Transcripts in memory, bounded: the embedded default must not grow without limit in a
 * long-running server. Keeps the latest activities of the most recently active conversations —
 * what a support agent needs when a conversation is handed over. (Persistent storage is its own
 * issue; it implements the same botbuilder TranscriptStore interface.)
 */
export class BoundedTranscriptStore implements TranscriptStore {
  // Map order is recency: a conversation is re-inserted when it logs, so the first key is the oldest.
  // Activities are kept serialized: strings cost the garbage collector nothing to trace.
  private readonly conversations = new Map<string, { channelId: string; id: string; created: Date; activities: string[] }>();

  constructor(private readonly limits: TranscriptLimits = DEFAULT_TRANSCRIPT_LIMITS) {}

  async logActivity(activity: Activity): Promise<void> {
    const key = `${activity.channelId}|${activity.conversation.id}`;
    const existing = this.conversations.get(key);
    const entry = existing ?? { channelId: activity.channelId, id: activity.conversation.id, created: new Date(activity.timestamp ?? Date.now()), activities: [] };
    this.conversations.delete(key);
    this.conversations.set(key, entry);
    entry.activities.push(JSON.stringify(activity));
    if (entry.activities.length > this.limits.perConversation) entry.activities.splice(0, entry.activities.length - this.limits.perConversation);
    while (this.conversations.size > this.limits.conversations) this.conversations.delete(this.conversations.keys().next().value!);
  }

  async getTranscriptActivities(channelId: string, conversationId: string, _continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    const activities = (this.conversations.get(`${channelId}|${conversationId}`)?.activities ?? []).map((json) => JSON.parse(json) as Activity);
    const since = startDate?.getTime() ?? 0;
    return { items: activities.filter((a) => !a.timestamp || new Date(a.timestamp).getTime() >= since), continuationToken: '' };
  }

  async listTranscripts(channelId: string): Promise<PagedResult<TranscriptInfo>> {
    const items = [...this.conversations.values()].filter((c) => c.channelId === channelId).map((c) => ({ channelId: c.channelId, id: c.id, created: c.created }));
    return { items, continuationToken: '' };
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    this.conversations.delete(`${channelId}|${conversationId}`);
  }
}
