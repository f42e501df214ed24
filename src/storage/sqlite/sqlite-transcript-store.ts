import type { Activity, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';
import { z } from 'zod';
import type { SqliteDatabase, Statement } from './sqlite-database';

const ActivityRowSchema = z.object({ json: z.string() });
/** Activities are botbuilder's shape, written by logActivity; reading checks only that one is an object. */
const ActivityJsonSchema = z.looseObject({});
const TranscriptRowSchema = z.object({ conversation_id: z.string(), created: z.number() });

/**
 * Transcripts in SQLite, each activity one row (serialized; redacted upstream, before logging), in
 * insertion order. Kept until `expire` (TRANSCRIPT_DAYS) or a deletion; paging isn't needed at this
 * size, so every read returns everything with an empty continuation token, like the bounded store.
 */
export class SqliteTranscriptStore implements TranscriptStore {
  private readonly insert: Statement<[string, string, number, string]>;
  private readonly select: Statement<[string, string, number]>;
  private readonly list: Statement<[string]>;
  private readonly removeTranscript: Statement<[string, string]>;
  private readonly removeConversationRows: Statement<[string]>;
  private readonly removeBefore: Statement<[number]>;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare('INSERT INTO transcript_activities (channel_id, conversation_id, at, json) VALUES (?, ?, ?, ?)');
    this.select = db.prepare('SELECT json FROM transcript_activities WHERE channel_id = ? AND conversation_id = ? AND at >= ? ORDER BY id');
    this.list = db.prepare(
      'SELECT conversation_id, MIN(at) AS created FROM transcript_activities WHERE channel_id = ? GROUP BY conversation_id ORDER BY MIN(id)',
    );
    this.removeTranscript = db.prepare('DELETE FROM transcript_activities WHERE channel_id = ? AND conversation_id = ?');
    this.removeConversationRows = db.prepare('DELETE FROM transcript_activities WHERE conversation_id = ?');
    this.removeBefore = db.prepare('DELETE FROM transcript_activities WHERE at < ?');
  }

  async logActivity(activity: Activity): Promise<void> {
    const channelId = activity.channelId;
    const conversationId = activity.conversation?.id;
    if (!channelId || !conversationId) throw new Error('A transcript activity needs a channelId and a conversation id.');
    const json = JSON.stringify(activity);
    const at = this.timeOf(activity);
    // Inside a turn held by `atomically`, the line commits with the turn: never an answer with its line missing.
    this.db.writeFor(conversationId, () => void this.insert.run(channelId, conversationId, at, json));
  }

  async getTranscriptActivities(channelId: string, conversationId: string, _continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    const since = startDate?.getTime() ?? 0;
    const rows = this.db.readOne(() => this.select.all(channelId, conversationId, since));
    return { items: rows.map((row, index) => this.activity(row, `${channelId}/${conversationId}`, index)), continuationToken: '' };
  }

  async listTranscripts(channelId: string): Promise<PagedResult<TranscriptInfo>> {
    const rows = this.db.readOne(() => this.list.all(channelId));
    const items = rows.map((row) => {
      const parsed = TranscriptRowSchema.safeParse(row);
      if (!parsed.success) throw this.db.damaged(`a transcript of ${channelId}`, parsed.error);
      return { channelId, id: parsed.data.conversation_id, created: new Date(parsed.data.created) };
    });
    return { items, continuationToken: '' };
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    this.db.write(() => this.removeTranscript.run(channelId, conversationId));
  }

  /** Deletes activities logged (or stamped) before `before`; how many went. */
  async expire(before: Date): Promise<number> {
    return this.db.write(() => this.removeBefore.run(before.getTime()).changes);
  }

  /** Deletes a conversation's transcript on every channel; how many activities went. */
  async deleteConversation(conversationId: string): Promise<number> {
    return this.db.write(() => this.removeConversation(conversationId));
  }

  /** As deleteConversation, synchronously, so a caller's `db.write` can join it to other deletions. */
  removeConversation(conversationId: string): number {
    return this.removeConversationRows.run(conversationId).changes;
  }

  /** The activity's own timestamp (a Date, or a string after a JSON round trip), else when it was logged. */
  private timeOf(activity: Activity): number {
    const stamped = activity.timestamp === undefined ? Number.NaN : new Date(activity.timestamp).getTime();
    return Number.isFinite(stamped) ? stamped : this.now();
  }

  private activity(row: unknown, transcript: string, index: number): Activity {
    try {
      const { json } = ActivityRowSchema.parse(row);
      // The row holds what logActivity serialized from an Activity; the schema checks it is an object.
      return ActivityJsonSchema.parse(JSON.parse(json)) as unknown as Activity;
    } catch (err) {
      throw this.db.damaged(`activity ${index} of transcript ${transcript}`, err);
    }
  }
}
