import { z } from 'zod';
import { HandoffRecordSchema, OPEN_STATES, heldBy, type Agent, type HandoffChange, type HandoffQueue, type HandoffRecord, type HandoffRequest, type HandoffState } from '../../handoff/handoff-queue';
import type { SqliteDatabase, Statement } from './sqlite-database';

const RecordRowSchema = z.object({ id: z.string(), record: z.string() });

/** A list of states as one bound parameter (`state IN (SELECT value FROM json_each(?))`): one statement for any list. */
const statesParam = (states: readonly HandoffState[]): string => JSON.stringify(states);
const OPEN = statesParam(OPEN_STATES);

/**
 * The handoff queue in SQLite. A record is kept whole as JSON, with the columns queries need
 * (state, channel and conversation, queue time, agent) beside it. Every change is a compare-and-set on the
 * state in SQL, so two agents accepting at once — in one process or two — can't both win.
 */
export class SqliteHandoffQueue implements HandoffQueue {
  private readonly insert: Statement<[string, string, string, string, number, string | null, string]>;
  private readonly byId: Statement<[string]>;
  private readonly byIdInStates: Statement<[string, string]>;
  private readonly openByConversation: Statement<[string, string, string]>;
  private readonly waitingRows: Statement<[]>;
  private readonly activeRowsOf: Statement<[string]>;
  private readonly updateIfInStates: Statement<[string, string | null, string, string, string]>;
  private readonly removeConversationRows: Statement<[string]>;
  private readonly activeCountOf: Statement<[string]>;

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare('INSERT INTO handoff_requests (id, channel, conversation_id, state, queued_at, agent_id, record) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.byId = db.prepare('SELECT id, record FROM handoff_requests WHERE id = ?');
    this.byIdInStates = db.prepare('SELECT id, record FROM handoff_requests WHERE id = ? AND state IN (SELECT value FROM json_each(?))');
    this.openByConversation = db.prepare('SELECT id, record FROM handoff_requests WHERE channel = ? AND conversation_id = ? AND state IN (SELECT value FROM json_each(?))');
    this.waitingRows = db.prepare("SELECT id, record FROM handoff_requests WHERE state = 'waiting' ORDER BY queued_at, n");
    this.activeRowsOf = db.prepare("SELECT id, record FROM handoff_requests WHERE state = 'active' AND agent_id = ? ORDER BY n");
    this.updateIfInStates = db.prepare(
      'UPDATE handoff_requests SET state = ?, agent_id = ?, record = ? WHERE id = ? AND state IN (SELECT value FROM json_each(?))',
    );
    this.removeConversationRows = db.prepare('DELETE FROM handoff_requests WHERE conversation_id = ?');
    this.activeCountOf = db.prepare("SELECT COUNT(*) AS n FROM handoff_requests WHERE state = 'active' AND agent_id = ?");
  }

  async file(request: HandoffRequest, state: 'waiting' | 'external', at: number): Promise<HandoffRecord> {
    // Check and insert under one write lock; the partial unique index backs it up against other processes.
    return this.db.write(() => {
      const existing = this.openByConversation.get(request.channel, request.conversationId, OPEN);
      if (existing !== undefined) return this.parse(existing);
      const id = `h${this.db.next('handoff')}-${at.toString(36)}`;
      const record = HandoffRecordSchema.parse({ ...request, id, state, filedAt: at, queuedAt: at, waitingSince: at, acceptedAt: null, closedAt: null, agent: null, toldPosition: null });
      this.insert.run(record.id, record.channel, record.conversationId, record.state, record.queuedAt, record.agent?.id ?? null, JSON.stringify(record));
      return record;
    });
  }

  async get(id: string): Promise<HandoffRecord | undefined> {
    const row = this.db.readOne(() => this.byId.get(id));
    return row === undefined ? undefined : this.parse(row);
  }

  async openFor(channel: string, conversationId: string): Promise<HandoffRecord | undefined> {
    // Asked every turn (the handoff gate): one indexed lookup, no BEGIN/COMMIT around it.
    const row = this.db.readOne(() => this.openByConversation.get(channel, conversationId, OPEN));
    return row === undefined ? undefined : this.parse(row);
  }

  async waiting(): Promise<HandoffRecord[]> {
    return this.db.readOne(() => this.waitingRows.all()).map((row) => this.parse(row));
  }

  async assignedTo(agentId: string): Promise<HandoffRecord[]> {
    return this.db.readOne(() => this.activeRowsOf.all(agentId)).map((row) => this.parse(row));
  }

  async transition(id: string, from: readonly HandoffState[], change: HandoffChange, expectedAgentId?: string | null): Promise<HandoffRecord | undefined> {
    const states = statesParam(from);
    return this.db.write(() => {
      const row = this.byIdInStates.get(id, states);
      if (row === undefined) return undefined;
      const stored = this.parse(row);
      // The holder is read under the same write lock as the change, so no other move can come between.
      if (!heldBy(stored, expectedAgentId)) return undefined;
      const record = HandoffRecordSchema.parse({ ...stored, ...definedOnly(change) });
      const { changes } = this.updateIfInStates.run(record.state, record.agent?.id ?? null, JSON.stringify(record), id, states);
      // Under the write lock the row can't have moved since the SELECT; the WHERE makes the update say so if it did.
      return changes === 1 ? record : undefined;
    });
  }

  async claim(id: string, agent: Agent, at: number, capacity: number): Promise<HandoffRecord | 'full' | undefined> {
    const waiting = statesParam(['waiting']);
    // The count and the change under one write lock: another process assigning at once waits for it.
    return this.db.write(() => {
      const row = this.byIdInStates.get(id, waiting);
      if (row === undefined) return undefined;
      const { n } = z.object({ n: z.number() }).parse(this.activeCountOf.get(agent.id));
      if (n >= capacity) return 'full';
      const record = HandoffRecordSchema.parse({ ...this.parse(row), state: 'active', agent, acceptedAt: at });
      const { changes } = this.updateIfInStates.run(record.state, agent.id, JSON.stringify(record), id, waiting);
      return changes === 1 ? record : undefined;
    });
  }

  /** Deletes every request of a conversation id, on every channel, open or closed; how many went. */
  async deleteConversation(conversationId: string): Promise<number> {
    return this.db.write(() => this.removeConversation(conversationId));
  }

  /** As deleteConversation, synchronously, so a caller's `db.write` can join it to other deletions. */
  removeConversation(conversationId: string): number {
    return this.removeConversationRows.run(conversationId).changes;
  }

  /** A row back into a record; one that doesn't fit the schema is an error, never handed on. */
  private parse(row: unknown): HandoffRecord {
    const parsedRow = RecordRowSchema.safeParse(row);
    if (!parsedRow.success) throw this.db.damaged('a handoff request', parsedRow.error);
    try {
      return HandoffRecordSchema.parse(JSON.parse(parsedRow.data.record));
    } catch (err) {
      throw this.db.damaged(`handoff request ${parsedRow.data.id}`, err);
    }
  }
}

/** A change's keys that are set: `{ agent: undefined }` means "not part of the change", not "no agent". */
function definedOnly(change: HandoffChange): HandoffChange {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
}
