import type { Presence } from './agent-presence';
import type { HandoffRecord } from './handoff-queue';
import type { Line } from './transcript-line';

/** What agents' consoles hear. */
export type AgentEvent =
  | { type: 'queue-changed' }
  | { type: 'message'; id: string; line: Line }
  | { type: 'typing'; id: string }
  | { type: 'assigned'; record: HandoffRecord }
  /** `supervisor`: a supervisor took the chat over or gave it to someone else (supervisor-actions.ts). */
  | { type: 'ended'; id: string; by: 'customer' | 'agent' | 'transfer' | 'supervisor' }
  /** An agent's status changed (for every agent: colleagues see it). */
  | { type: 'status'; presence: Presence }
  /**
   * An internal note was written on conversation `id` (issue 15): for the consoles of the agent who
   * holds it and of supervisors, never for the customer (notes don't go through the customer line).
   */
  | { type: 'note'; id: string; note: InternalNoteLine };

/** An internal note as consoles show it (as GET …/notes answers it). */
export interface InternalNoteLine {
  at: string;
  agent: string;
  agentId: string;
  text: string;
}

/** `agentId` null: every agent. */
export type AgentListener = (agentId: string | null, event: AgentEvent) => void;
