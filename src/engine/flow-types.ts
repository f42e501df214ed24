import type { HandoffRequest } from '../handoff/handoff-queue';
import type { Utterance } from '../understanding/utterance';
import { z } from 'zod';
import { SlotsSchema, type Slots } from './slots';

/**
 * The engine's contract with its host: what a turn brings in (Turn), what is kept between turns
 * (FlowState) and what comes out (Reply, Outcome). No botbuilder here: the edge translates.
 */

/** How many answered steps a flow remembers for "go back": enough to retrace a flow's prompts. */
export const HISTORY_LIMIT = 10;

/**
 * A flow in progress, saved between turns as plain JSON in conversation state. Read back through
 * this schema: a state saved before a field existed still loads with its default.
 */
export const FlowStateSchema = z.object({
  flow: z.string(),
  version: z.string(),
  step: z.string(),
  slots: SlotsSchema,
  /** Waiting for the person's answer to the current step. */
  waiting: z.boolean(),
  /** Answers to the current step that couldn't be read, in a row. */
  retries: z.number().int().min(0),
  /** Position in a walk step's list. */
  walk: z.number().int().min(0),
  /** The waiting steps of this flow the person answered, oldest first: where "go back" goes. */
  history: z.array(z.string()).max(HISTORY_LIMIT).default([]),
  /** After two misses, the step waits for "Talk to a person" or "Keep trying" instead of its own answer. */
  offered: z.boolean().default(false),
});

export type FlowState = z.output<typeof FlowStateSchema>;
/** A FlowState as saved, perhaps by an older version without the newer fields. */
export type SavedFlowState = z.input<typeof FlowStateSchema>;

/** What the engine needs to know about the message and where it came from. */
export interface Turn {
  /** The message, read once at the edge (its text already redacted). */
  utterance: Utterance;
  channel: string;
  conversationId: string;
  isGroup: boolean;
  /** Where a person's replies go later (a Bot Framework ConversationReference, opaque here). */
  reference: Record<string, unknown>;
}

/** A channel-neutral reply: text, optional choices (buttons), optional link button. */
export interface Reply {
  text: string;
  choices?: string[];
  link?: { url: string; label: string };
}

export interface Outcome {
  replies: Reply[];
  /** The answer wasn't for the waiting step: the flow ended and the message should be routed anew. */
  reroute?: boolean;
  /** null when no flow is waiting any more. */
  state: FlowState | null;
  /** The conversation's slots after the turn (brand, counters…), kept when the flow ends. */
  slots: Slots;
  /** HANDOFF_MODE=external: hand the conversation to the contact centre (the edge sends handoff.initiate). */
  initiate?: HandoffRequest;
  /** A walkthrough stopped part way: where it was, for "carry on where we were". */
  stopped?: FlowState;
}
