import type { HandoffRequest } from '../handoff/handoff-queue';
import type { Utterance } from '../understanding/utterance';
import type { Slots } from './slots';

/**
 * The engine's contract with its host: what a turn brings in (Turn), what is kept between turns
 * (FlowState) and what comes out (Reply, Outcome). No botbuilder here: the edge translates.
 */

/** A flow in progress, saved between turns as plain JSON. */
export interface FlowState {
  flow: string;
  version: string;
  step: string;
  slots: Slots;
  /** Waiting for the person's answer to the current step. */
  waiting: boolean;
  /** Answers to the current step that couldn't be read. */
  retries: number;
  /** Position in a walk step's list. */
  walk: number;
}

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
}
