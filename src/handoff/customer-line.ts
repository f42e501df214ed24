import type { Agent, HandoffRecord } from './handoff-queue';

/** What the customer is sent, by whatever channel they are on. */
export type Delivery =
  | { kind: 'say'; text: string }
  /** An agent's message (`text` as the customer sees it, `said` as the agent wrote it): marked, so transcripts show who wrote it. */
  | { kind: 'agent-says'; text: string; said: string; agent: Agent }
  | { kind: 'typing' }
  /** Say `text`, then start one of the handoff's flows (the survey, leaving a message). */
  | { kind: 'flow'; text: string; flow: string };

/** Reaches a customer outside their own turn (the edge runs a proactive turn on their channel). */
export interface CustomerLine {
  deliver(record: HandoffRecord, deliveries: Delivery[]): Promise<void>;
}
