import { TurnContext } from 'botbuilder';
import type { HandoffRequest } from '../handoff/handoff-queue';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { FlowRunner, Outcome, SavedFlowState, Slots, Turn } from '../engine/flow-runner';
import type { Utterance } from '../understanding/utterance';
import { toActivity } from './render';

/** Where the turn's message, read once by GiftBot, waits for the flow dialog (turnState key). */
export const UTTERANCE_KEY = Symbol('giftbot.utterance');

/** A move GiftBot asks of the waiting flow instead of reading the message as its answer (turnState key). */
export const FLOW_MOVE_KEY = Symbol('giftbot.flowMove');
export type FlowMove = 'back' | 'skip' | 'reprompt';

export interface FlowDialogOptions {
  flow: string;
  /** The slots the conversation carries into the flow (brand, counters, trigger values). */
  memory: Slots;
  /** The message that started the flow, read for prefills. */
  opening?: string;
  /** Slots the route implied ("cash" → mode sell), set after the flow's resets. */
  preset?: Slots;
  /** A flow stopped earlier, picked up again at its step (`flow` and `memory` are then its own). */
  suspended?: SavedFlowState;
}

/** What a finished flow hands back: the slots to remember, and whether the message wasn't for it. */
export interface FlowResult {
  slots: Slots;
  reroute: boolean;
  /** A walkthrough stopped part way, kept for "carry on". */
  stopped?: SavedFlowState;
}

/**
 * Turn facts the engine needs, from a Bot Framework turn. Text is already redacted. The message is
 * the one the bot read for this turn; a turn that read none (a flow an agent's action starts) reads
 * the activity's text here.
 */
export function turnOf(context: TurnContext, runner: Pick<FlowRunner, 'understand'>): Turn {
  const { activity } = context;
  const read = context.turnState.get<Utterance | undefined>(UTTERANCE_KEY);
  return {
    utterance: read ?? runner.understand(activity.text ?? ''),
    channel: activity.channelId ?? 'unknown',
    conversationId: activity.conversation?.id ?? 'unknown',
    isGroup: Boolean(activity.conversation?.isGroup),
    reference: { ...TurnContext.getConversationReference(activity) },
  };
}

/**
 * The one Dialog that runs every flow in dialogs/. Its saved state is the engine's plain-JSON
 * FlowState (flow, version, step, slots); when the flow ends, its slots are the dialog's result so
 * the conversation keeps what it learned (the brand, counters).
 */
export class FlowDialog extends Dialog<FlowDialogOptions> {
  static readonly ID = 'giftbot-flow';

  constructor(
    private readonly runner: FlowRunner,
    /** Sends handoff.initiate when a flow hands the conversation to a contact centre. */
    private readonly initiate: (context: TurnContext, request: HandoffRequest) => Promise<void> = async () => undefined,
  ) {
    super(FlowDialog.ID);
  }

  override async beginDialog(dc: DialogContext, options?: FlowDialogOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error('FlowDialog needs a flow to start');
    if (options.suspended) return this.finish(dc, await this.runner.resumeSuspended(options.suspended, turnOf(dc.context, this.runner)));
    const outcome = await this.runner.start(options.flow, turnOf(dc.context, this.runner), options.memory, options.opening, options.preset);
    return this.finish(dc, outcome);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as SavedFlowState;
    const turn = turnOf(dc.context, this.runner);
    const move = dc.context.turnState.get<FlowMove | undefined>(FLOW_MOVE_KEY);
    if (move === 'back') return this.finish(dc, await this.runner.back(state, turn));
    if (move === 'skip') return this.finish(dc, await this.runner.skip(state, turn));
    if (move === 'reprompt') return this.finish(dc, await this.runner.reprompt(state, turn));
    return this.finish(dc, await this.runner.resume(state, turn));
  }

  private async finish(dc: DialogContext, outcome: Outcome): Promise<DialogTurnResult> {
    const channel = dc.context.activity.channelId;
    if (outcome.replies.length > 0) await dc.context.sendActivities(outcome.replies.map((reply) => toActivity(reply, channel)));
    if (outcome.initiate) await this.initiate(dc.context, outcome.initiate);
    if (!outcome.state) return dc.endDialog({ slots: outcome.slots, reroute: outcome.reroute ?? false, ...(outcome.stopped ? { stopped: outcome.stopped } : {}) } satisfies FlowResult);
    dc.activeDialog!.state = outcome.state;
    return Dialog.EndOfTurn;
  }
}
