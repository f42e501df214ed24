import type { Storage, StoreItem } from 'botbuilder';
import { z } from 'zod';
import { AgentSchema, type Agent } from './handoff-queue';

/** An agent's routing status: only `available` agents are assigned requests. */
export const AgentStatusSchema = z.enum(['available', 'away', 'offline']);
export type AgentStatus = z.infer<typeof AgentStatusSchema>;

export const PresenceSchema = z.object({
  agent: AgentSchema,
  status: AgentStatusSchema,
  /** When the status last changed (ms): the offline grace compares it, so a newer sign-in wins. */
  since: z.number(),
});
export type Presence = z.infer<typeof PresenceSchema>;

/** Where agents' statuses are kept: shared by every instance, so routing anywhere sees them. */
export interface AgentPresence {
  /** The agent's own choice (the API, the console's sign-in): audited as by the agent. */
  set(agent: Agent, status: AgentStatus, at: number): Promise<Presence>;
  /**
   * Sets `status` only if the agent's entry still has `since` (nobody changed it meanwhile): the
   * system's change (the offline grace), audited as by the system.
   */
  setIf(agent: Agent, since: number, status: AgentStatus, at: number): Promise<boolean>;
  get(agentId: string): Promise<Presence | undefined>;
  /** Every agent with a stored status. */
  all(): Promise<Presence[]>;
}

/** ROUTING and AGENT_CAPACITY, and where statuses are kept. */
export interface RoutingOptions {
  /** auto: waiting requests are assigned to available agents; manual: agents Accept from the queue. */
  mode: 'auto' | 'manual';
  /** Active conversations routing gives an agent at most (an agent's own Accept may go past it). */
  capacity: number;
  presence: AgentPresence;
  /** How long a request waits while no agent is available before the time-out path (leave a message) is offered. */
  nobodyTimeoutMs: number;
}

const INDEX_KEY = 'giftbot-agent-presence/index';
const IndexSchema = z.object({ ids: z.array(z.string()) });

/**
 * Statuses in the state store (botbuilder Storage: memory, SQLite or Redis, as the backend gives),
 * one key an agent plus an index of ids, so no storage layer needs a new table. The index only grows
 * by agents who ever set a status — a team, not customers.
 */
export class StoragePresence implements AgentPresence {
  constructor(private readonly storage: Storage) {}

  async set(agent: Agent, status: AgentStatus, at: number): Promise<Presence> {
    const entry: Presence = { agent, status, since: at };
    await this.storage.write({ [key(agent.id)]: { ...entry, eTag: '*' } });
    await this.index(agent.id);
    return entry;
  }

  async setIf(agent: Agent, since: number, status: AgentStatus, at: number): Promise<boolean> {
    const stored = (await this.storage.read([key(agent.id)]))[key(agent.id)] as StoreItem | undefined;
    const current = PresenceSchema.safeParse(stored);
    if (!current.success || current.data.since !== since) return false;
    try {
      // The eTag makes it a compare-and-set: a sign-in on another instance in between wins.
      await this.storage.write({ [key(agent.id)]: { agent, status, since: at, eTag: stored?.eTag ?? '*' } });
      return true;
    } catch {
      return false;
    }
  }

  async get(agentId: string): Promise<Presence | undefined> {
    const parsed = PresenceSchema.safeParse((await this.storage.read([key(agentId)]))[key(agentId)]);
    return parsed.success ? parsed.data : undefined;
  }

  async all(): Promise<Presence[]> {
    const index = IndexSchema.safeParse((await this.storage.read([INDEX_KEY]))[INDEX_KEY]);
    if (!index.success || index.data.ids.length === 0) return [];
    const items = await this.storage.read(index.data.ids.map(key));
    return index.data.ids.flatMap((id) => {
      const parsed = PresenceSchema.safeParse(items[key(id)]);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** Adds an id to the index; an eTag conflict (another instance adding at once) is retried. */
  private async index(agentId: string): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const stored = (await this.storage.read([INDEX_KEY]))[INDEX_KEY] as StoreItem | undefined;
      const ids = IndexSchema.safeParse(stored).data?.ids ?? [];
      if (ids.includes(agentId)) return;
      try {
        await this.storage.write({ [INDEX_KEY]: { ids: [...ids, agentId], eTag: stored?.eTag ?? '*' } });
        return;
      } catch {
        // Someone else wrote the index in between: read it again.
      }
    }
    throw new Error(`could not add ${agentId} to the presence index`);
  }
}

function key(agentId: string): string {
  return `giftbot-agent-presence/${encodeURIComponent(agentId)}`;
}
