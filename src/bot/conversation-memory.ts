import { DialogMemoryScope, TurnMemoryScope } from 'botbuilder-dialogs';
import type { SavedFlowState, Slots } from '../engine/flow-runner';

/** What giftbot remembers about a conversation between flows (conversation state, plain JSON). */
export interface Memory {
  slots: Slots;
  greeted: boolean;
  /** A flow set aside — stopped, or interrupted by another matter — to pick up again ("carry on"). */
  suspended?: SavedFlowState;
  /** The second of two questions asked in one message, waiting for the first to be settled. */
  pending?: string;
  /** The handoff request whose agent chat the customer was asked "leave?" about: only a yes to that leaves. */
  leaveAsked?: string;
}

/** Slot marking a flow started to handle an interruption: it ends without the "anything else?" offer, and the set-aside flow resumes. */
export const ASIDE_SLOT = 'aside';

/**
 * botbuilder-dialogs builds every memory scope of every component for each DialogContext unless
 * the turn carries a configuration; flows keep their own state, so the turn and dialog scopes
 * (which DialogContext itself reads and writes) are all they need. Built once per process.
 */
export const DIALOG_STATE_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';
export const DIALOG_STATE_CONFIGURATION = { memoryScopes: [new TurnMemoryScope(), new DialogMemoryScope()], pathResolvers: [] };

/** Entity type on the warning sent after a code was hidden (Slack shows it only to the person who pasted it). */
export const SECRET_WARNING_ENTITY = 'giftbot.secretWarning';
