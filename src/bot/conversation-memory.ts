import type { SavedFlowState, Slots } from '../engine/flow-runner';

/** What giftbot remembers about a conversation between flows (conversation state, plain JSON). */
export interface Memory {
  slots: Slots;
  greeted: boolean;
  /** A flow set aside — stopped, or interrupted by another matter — to pick up again ("carry on"). */
  suspended?: SavedFlowState;
}

/** Slot marking a flow started to handle an interruption: it ends without the "anything else?" offer, and the set-aside flow resumes. */
export const ASIDE_SLOT = 'aside';
