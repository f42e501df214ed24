import type { AgentStatus } from './agent-presence';
import type { Agent } from './handoff-queue';

/** An agent as routing weighs them. */
export interface Candidate {
  agent: Agent;
  status: AgentStatus;
  /** Active conversations now. */
  load: number;
  /** Since when they have had nothing new (ms): the later of becoming available and their last assignment. */
  idleSince: number;
}

/**
 * Who gets the next request: an available agent below capacity with the fewest chats; ties go to
 * the one idle longest, then by id so every instance picks the same. Away and offline agents never.
 */
export function pickAgent<T extends Candidate>(candidates: readonly T[], capacity: number): T | undefined {
  let best: T | undefined;
  for (const c of candidates) {
    if (c.status !== 'available' || c.load >= capacity) continue;
    if (!best || c.load < best.load || (c.load === best.load && (c.idleSince < best.idleSince || (c.idleSince === best.idleSince && c.agent.id < best.agent.id)))) best = c;
  }
  return best;
}
