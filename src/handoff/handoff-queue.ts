import { z } from 'zod';

/**
 * waiting → active (an agent accepted) → ended; waiting → cancelled (the customer left) or
 * timed-out (nobody accepted in time); external: handed to a contact centre with handoff.initiate.
 */
export const HandoffStateSchema = z.enum(['waiting', 'active', 'external', 'ended', 'cancelled', 'timed-out']);
export type HandoffState = z.infer<typeof HandoffStateSchema>;

/** States in which the conversation is with people, and the bot keeps quiet. */
export const OPEN_STATES: readonly HandoffState[] = ['waiting', 'active', 'external'];

export const AgentSchema = z.object({
  /** Stable: `token:<name>` for token agents, `aad:<object id>` for Teams SSO. */
  id: z.string().min(1),
  name: z.string().min(1),
});
export type Agent = z.infer<typeof AgentSchema>;

export const HandoffRequestSchema = z.object({
  conversationId: z.string().min(1),
  channel: z.string().min(1),
  /** Where replies go later: a Bot Framework ConversationReference, opaque here. */
  reference: z.record(z.string(), z.unknown()),
  /** One line from the customer, already redacted. */
  summary: z.string(),
  brand: z.string().nullable(),
  amount: z.number().nullable(),
  /** For a swap, the brand id wanted instead, so the agent's swap link keeps it; absent on requests filed before issue 15. */
  wanted: z.string().nullable().optional(),
  /** ISO 4217 currency of the amount and ISO 3166 alpha-2 country, when the bot learned them (issue 15's context panel). */
  currency: z.string().nullable().optional(),
  country: z.string().nullable().optional(),
  /** Entry ids of the fixes already tried, so the agent doesn't repeat them. */
  tried: z.array(z.string()),
});
export type HandoffRequest = z.infer<typeof HandoffRequestSchema>;

export const WrapUpSchema = z.object({
  reason: z.string().min(1).max(80),
  tags: z.array(z.string().min(1).max(40)).max(10),
});
export type WrapUp = z.infer<typeof WrapUpSchema>;

export const HandoffRecordSchema = HandoffRequestSchema.extend({
  id: z.string().min(1),
  state: HandoffStateSchema,
  filedAt: z.number(),
  /** Queue order: the filing time, kept when an agent hands the request back, so it keeps its place. */
  queuedAt: z.number(),
  /** When it last began waiting for an agent: the time-out counts from here. */
  waitingSince: z.number(),
  acceptedAt: z.number().nullable(),
  closedAt: z.number().nullable(),
  agent: AgentSchema.nullable(),
  /** The place in the queue the customer was last told, so a move is said once, by whichever instance sees it. */
  toldPosition: z.number().nullable(),
  /** What the agent chose at End (issue 15): a reason from the configured list and optional tags. */
  wrapUp: WrapUpSchema.nullable().optional(),
});
export type HandoffRecord = z.infer<typeof HandoffRecordSchema>;

/** What a change may set; the rest of a record is fixed at filing. */
export type HandoffChange = Partial<Pick<HandoffRecord, 'state' | 'waitingSince' | 'acceptedAt' | 'closedAt' | 'agent' | 'toldPosition' | 'wrapUp'>>;

/**
 * Where handoff requests live. Every change is a compare-and-set on the state, so two agents
 * accepting at once can't both win, whatever the store (memory here; a database or Redis later).
 */
export interface HandoffQueue {
  /** Files a request in `state`; a conversation (channel and id) that already has an open one gets that one back. */
  file(request: HandoffRequest, state: 'waiting' | 'external', at: number): Promise<HandoffRecord>;
  get(id: string): Promise<HandoffRecord | undefined>;
  /**
   * The conversation's open request (waiting, active or external), if any. A conversation is a
   * channel and an id: the same id on another channel is someone else (issue 12).
   */
  openFor(channel: string, conversationId: string): Promise<HandoffRecord | undefined>;
  /** Waiting requests, next in line first. */
  waiting(): Promise<HandoffRecord[]>;
  /** Active conversations of one agent. */
  assignedTo(agentId: string): Promise<HandoffRecord[]>;
  /**
   * Applies `change` only if the request is in one of `from` and, when `expectedAgentId` is given,
   * still held by that agent (null: by nobody) — checked and changed in one step, so two moves of a
   * live chat at once (two supervisors, an agent's End and a take-over) can't both win. The changed
   * record, or undefined.
   */
  transition(id: string, from: readonly HandoffState[], change: HandoffChange, expectedAgentId?: string | null): Promise<HandoffRecord | undefined>;
  /**
   * Accept on an agent's behalf, within their capacity: waiting → active only while the agent has
   * fewer than `capacity` active conversations, checked and changed in one step (so two instances
   * assigning at once can't push an agent over). The record; 'full' when at capacity; undefined when
   * it no longer waits.
   */
  claim(id: string, agent: Agent, at: number, capacity: number): Promise<HandoffRecord | 'full' | undefined>;
}

/** Closed requests kept for look-ups (audit and surveys are logged elsewhere). */
const CLOSED_KEPT = 10_000;

export class InMemoryHandoffQueue implements HandoffQueue {
  // Insertion order is filing order; closed records are pruned oldest first.
  private readonly records = new Map<string, HandoffRecord>();
  private readonly openByConversation = new Map<string, string>();
  private closed = 0;
  private nextId = 1;

  async file(request: HandoffRequest, state: 'waiting' | 'external', at: number): Promise<HandoffRecord> {
    const existing = await this.openFor(request.channel, request.conversationId);
    if (existing) return existing;
    const record: HandoffRecord = { ...structuredClone(request), id: `h${this.nextId++}-${at.toString(36)}`, state, filedAt: at, queuedAt: at, waitingSince: at, acceptedAt: null, closedAt: null, agent: null, toldPosition: null };
    this.records.set(record.id, record);
    this.openByConversation.set(conversationKey(record.channel, record.conversationId), record.id);
    return structuredClone(record);
  }

  async get(id: string): Promise<HandoffRecord | undefined> {
    const record = this.records.get(id);
    return record && structuredClone(record);
  }

  async openFor(channel: string, conversationId: string): Promise<HandoffRecord | undefined> {
    const id = this.openByConversation.get(conversationKey(channel, conversationId));
    return id === undefined ? undefined : this.get(id);
  }

  async waiting(): Promise<HandoffRecord[]> {
    return [...this.records.values()].filter((r) => r.state === 'waiting').sort((a, b) => a.queuedAt - b.queuedAt).map((r) => structuredClone(r));
  }

  async assignedTo(agentId: string): Promise<HandoffRecord[]> {
    return [...this.records.values()].filter((r) => r.state === 'active' && r.agent?.id === agentId).map((r) => structuredClone(r));
  }

  async transition(id: string, from: readonly HandoffState[], change: HandoffChange, expectedAgentId?: string | null): Promise<HandoffRecord | undefined> {
    const record = this.records.get(id);
    if (!record || !from.includes(record.state) || !heldBy(record, expectedAgentId)) return undefined;
    Object.assign(record, structuredClone(change));
    if (!OPEN_STATES.includes(record.state)) this.close(record);
    return structuredClone(record);
  }

  async claim(id: string, agent: Agent, at: number, capacity: number): Promise<HandoffRecord | 'full' | undefined> {
    const record = this.records.get(id);
    if (record?.state !== 'waiting') return undefined;
    // No await between the count and the change, so no other claim runs in between.
    const load = [...this.records.values()].filter((r) => r.state === 'active' && r.agent?.id === agent.id).length;
    if (load >= capacity) return 'full';
    Object.assign(record, { state: 'active', agent: structuredClone(agent), acceptedAt: at });
    return structuredClone(record);
  }

  private close(record: HandoffRecord): void {
    const key = conversationKey(record.channel, record.conversationId);
    if (this.openByConversation.get(key) === record.id) this.openByConversation.delete(key);
    this.closed++;
    if (this.closed <= CLOSED_KEPT) return;
    for (const [id, r] of this.records) {
      if (OPEN_STATES.includes(r.state)) continue;
      this.records.delete(id);
      this.closed--;
      break;
    }
  }
}

/** One key for a channel and a conversation id, unambiguous whatever characters either holds. */
function conversationKey(channel: string, conversationId: string): string {
  return JSON.stringify([channel, conversationId]);
}

/** True when `expectedAgentId` is left out (any holder), or names the record's agent (null: none). */
export function heldBy(record: Pick<HandoffRecord, 'agent'>, expectedAgentId: string | null | undefined): boolean {
  return expectedAgentId === undefined || (record.agent?.id ?? null) === expectedAgentId;
}
