import { z } from 'zod';
import { AgentSchema, HandoffStateSchema } from './handoff-queue';

/**
 * One closed conversation with people, kept for search, the customer's history, reports and
 * evidence (issue 15). Written when a handoff closes (ended, cancelled, timed-out, external done);
 * everything in it is already redacted, like the transcript it is made from.
 */
export const ArchivedConversationSchema = z.object({
  handoffId: z.string().min(1),
  conversationId: z.string().min(1),
  channel: z.string().min(1),
  /** The channel's user id (from the conversation reference): earlier conversations are found by it. */
  userId: z.string().nullable(),
  brand: z.string().nullable(),
  amount: z.number().nullable(),
  /** ISO 4217, when the customer said it (e.g. "€50"). */
  currency: z.string().nullable(),
  /** ISO 3166 alpha-2, when known (e.g. from amazon.de or the customer's words). */
  country: z.string().nullable(),
  agent: AgentSchema.nullable(),
  state: HandoffStateSchema,
  /** The agent's resolution reason at End, from the configured list; null when not ended by an agent. */
  reason: z.string().nullable(),
  tags: z.array(z.string()),
  /** The customer's one line from the request. */
  summary: z.string(),
  filedAt: z.number(),
  acceptedAt: z.number().nullable(),
  closedAt: z.number(),
  /** The transcript as plain text (redacted), what full-text search reads. */
  text: z.string(),
});
export type ArchivedConversation = z.infer<typeof ArchivedConversationSchema>;

/** The most one search answers. */
export const ARCHIVE_LIMIT_MAX = 500;

/** A search over past conversations: every given field must hold; `text` matches all its words. */
export const ArchiveQuerySchema = z.object({
  brand: z.string().min(1).max(80).optional(),
  /** An agent id (`token:<name>` or `aad:<id>`). */
  agent: z.string().min(1).max(200).optional(),
  reason: z.string().min(1).max(80).optional(),
  tag: z.string().min(1).max(40).optional(),
  text: z.string().min(1).max(200).optional(),
  channel: z.string().min(1).max(40).optional(),
  userId: z.string().min(1).max(200).optional(),
  /** Closed at or after, ms since the epoch. */
  from: z.number().int().nonnegative().optional(),
  /** Closed before, ms since the epoch. */
  to: z.number().int().nonnegative().optional(),
  limit: z.number().int().min(1).max(ARCHIVE_LIMIT_MAX).default(50),
});
export type ArchiveQuery = z.input<typeof ArchiveQuerySchema>;

/** Reports read at most this many conversations for one date range. */
export const REPORT_RANGE_MAX = 50_000;

/**
 * Where closed conversations are kept: memory (tests), SQLite (FTS5 for text) or Redis (its own
 * word index). Saving the same handoff id again replaces it.
 */
export interface ConversationArchive {
  save(entry: ArchivedConversation): Promise<void>;
  get(handoffId: string): Promise<ArchivedConversation | undefined>;
  /** Newest closed first, at most `limit`. */
  search(query: ArchiveQuery): Promise<ArchivedConversation[]>;
  /** Every conversation closed in [from, to), oldest first, at most REPORT_RANGE_MAX: what reports count. */
  range(from: number, to: number): Promise<ArchivedConversation[]>;
  /** A person's request to delete their data. */
  removeConversation(conversationId: string): Promise<void>;
  /**
   * Deletes every entry closed before `before` (ms), words and indexes too: the archive holds
   * transcript text, so it follows TRANSCRIPT_DAYS like the transcripts. How many went.
   */
  expire(before: number): Promise<number>;
}

/** Bounded, so a long-running test server doesn't grow without limit. */
const MEMORY_KEPT = 10_000;

export class MemoryArchive implements ConversationArchive {
  private readonly entries = new Map<string, ArchivedConversation>();

  async save(entry: ArchivedConversation): Promise<void> {
    this.entries.delete(entry.handoffId);
    this.entries.set(entry.handoffId, structuredClone(ArchivedConversationSchema.parse(entry)));
    if (this.entries.size > MEMORY_KEPT) this.entries.delete(this.entries.keys().next().value!);
  }

  async get(handoffId: string): Promise<ArchivedConversation | undefined> {
    const entry = this.entries.get(handoffId);
    return entry && structuredClone(entry);
  }

  async search(query: ArchiveQuery): Promise<ArchivedConversation[]> {
    const q = ArchiveQuerySchema.parse(query);
    return [...this.entries.values()]
      .filter((e) => matchesQuery(e, q))
      .sort((a, b) => b.closedAt - a.closedAt)
      .slice(0, q.limit)
      .map((e) => structuredClone(e));
  }

  async range(from: number, to: number): Promise<ArchivedConversation[]> {
    return [...this.entries.values()].filter((e) => e.closedAt >= from && e.closedAt < to).sort((a, b) => a.closedAt - b.closedAt).slice(0, REPORT_RANGE_MAX).map((e) => structuredClone(e));
  }

  async removeConversation(conversationId: string): Promise<void> {
    for (const [id, e] of this.entries) if (e.conversationId === conversationId) this.entries.delete(id);
  }

  async expire(before: number): Promise<number> {
    let count = 0;
    for (const [id, e] of this.entries) if (e.closedAt < before && this.entries.delete(id)) count++;
    return count;
  }
}

/**
 * Whether an entry meets every condition of a parsed query, its words included: the memory store's
 * search, and the Redis store's re-check of what its index sets found (a save may race the search).
 */
export function matchesQuery(e: ArchivedConversation, q: z.output<typeof ArchiveQuerySchema>): boolean {
  const words = new Set(archiveWords(`${e.summary} ${e.text}`));
  return (
    (q.brand === undefined || e.brand === q.brand) &&
    (q.agent === undefined || e.agent?.id === q.agent) &&
    (q.reason === undefined || e.reason === q.reason) &&
    (q.tag === undefined || e.tags.includes(q.tag)) &&
    (q.channel === undefined || e.channel === q.channel) &&
    (q.userId === undefined || e.userId === q.userId) &&
    (q.from === undefined || e.closedAt >= q.from) &&
    (q.to === undefined || e.closedAt < q.to) &&
    archiveWords(q.text ?? '').every((w) => words.has(w))
  );
}

/** Lower-case words of letters and digits: how every archive matches text, so the stores agree. */
export function archiveWords(text: string): string[] {
  return text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
}
