import type { TurnContext } from 'botbuilder';
import type { Logger } from '../core/logger';
import type { GlobalFile } from '../engine/flow-schema';
import type { PhraseSet } from '../engine/input-readers';
import type { HandoffRecord } from '../handoff/handoff-queue';
import type { Delivery, HandoffService } from '../handoff/handoff-service';
import { render as fill } from '../text/templates';
import { simplify } from '../text/simplify';
import { readYesNo } from '../understanding/entities';
import type { Utterance } from '../understanding/utterance';
import type { Memory } from './conversation-memory';
import { HandoffStatusSchema } from './handoff-initiation';
import { toActivity } from './render';

export interface HandoffGateDeps {
  handoff: HandoffService;
  log: Logger;
  global: GlobalFile;
  /** What leaves the queue or the chat, said as the whole message (dialogs/global.json handoff.cancelSays). */
  leaveQueue: PhraseSet;
  /** The conversation's memory: whether the customer was just asked "leave the chat?". */
  memory: Memory;
}

/**
 * While people have the conversation the bot stays quiet: what the customer says goes to the
 * agent (and is in the transcript either way). Only a leave phrase as the whole message ("cancel",
 * not "cancel my order") leaves: at once from the queue, where nobody is talking with them yet;
 * from a chat with an agent only after a yes to "Leave the chat with Alice?", and every message,
 * the "cancel" and the answer too, still reaches the agent (issue 15: everyday phrases ended chats).
 * True when the message was the handoff's, not the bot's.
 */
export async function handoffGate(context: TurnContext, utterance: Utterance, deps: HandoffGateDeps): Promise<boolean> {
  const conversation = context.activity.conversation.id;
  const open = await deps.handoff.openFor(context.activity.channelId, conversation);
  if (!open) return false;
  const asked = deps.memory.leaveAsked === open.id;
  deps.memory.leaveAsked = undefined;
  const leaveSaid = deps.leaveQueue.saidInSimplified(utterance.simplified, 0);
  if (open.state === 'active') return agentChat(context, utterance, open, asked, leaveSaid, deps);
  if (!leaveSaid) {
    deps.handoff.customerSaid(open, utterance.text, context.activity.from?.name || 'Customer');
    deps.log.info('handoff-relayed', { conversation, state: open.state });
    return true;
  }
  return leave(context, open, deps);
}

/** A message while an agent has the chat: relayed always; a leave phrase asks first, and only yes leaves. */
async function agentChat(context: TurnContext, utterance: Utterance, open: HandoffRecord, asked: boolean, leaveSaid: boolean, deps: HandoffGateDeps): Promise<boolean> {
  const conversation = context.activity.conversation.id;
  const wording = deps.global.handoff;
  const { leaveYes: yes, leaveNo: no } = wording;
  const answer = asked ? yesOrNo(utterance, yes, no) : null;
  deps.handoff.customerSaid(open, utterance.text, context.activity.from?.name || 'Customer');
  deps.log.info('handoff-relayed', { conversation, state: open.state });
  const values = { 'agent.name': open.agent?.name ?? 'the support team' };
  if (answer === 'yes') return leave(context, open, deps);
  if (answer === 'no') return say(context, open, fill(wording.stayed, values), deps);
  if (!leaveSaid) return true;
  deps.memory.leaveAsked = open.id;
  return say(context, open, fill(wording.leaveAsk, values), deps, [yes, no]);
}

/** The answer to "leave the chat?": its buttons, or yes/no in other words ("yes please", "nope"). */
function yesOrNo(utterance: Utterance, yes: string, no: string): 'yes' | 'no' | null {
  const said = utterance.simplified;
  if (said === simplify(yes)) return 'yes';
  if (said === simplify(no)) return 'no';
  return readYesNo(utterance.text);
}

/** The bot speaks during the chat: the customer gets it, and the agent reads along. */
async function say(context: TurnContext, open: HandoffRecord, text: string, deps: HandoffGateDeps, choices?: string[]): Promise<true> {
  await context.sendActivity(toActivity(choices ? { text, choices } : { text }, context.activity.channelId));
  deps.handoff.botSaid(open, text);
  return true;
}

async function leave(context: TurnContext, open: HandoffRecord, deps: HandoffGateDeps): Promise<true> {
  const closed = await deps.handoff.customerLeft(open);
  deps.log.info('handoff-left', { conversation: context.activity.conversation.id, state: open.state });
  if (closed) {
    const wording = open.state === 'waiting' ? deps.global.handoff.cancelled : deps.global.handoff.left;
    await context.sendActivity(fill(wording, { 'agent.name': open.agent?.name ?? 'the support team' }));
  }
  return true;
}

/** A contact centre's answer to handoff.initiate (HANDOFF_MODE=external): its deliveries go to the customer. */
export async function handoffStatus(context: TurnContext, deps: Pick<HandoffGateDeps, 'handoff' | 'log'>, deliver: (deliveries: readonly Delivery[]) => Promise<void>): Promise<void> {
  const status = HandoffStatusSchema.safeParse(context.activity.value);
  const conversation = context.activity.conversation.id;
  if (!status.success) {
    deps.log.warn('handoff-status-unreadable', { conversation });
    return;
  }
  // (Only the contact centre's channels get here: SpoofingGuard ends the turn of any other.)
  const open = await deps.handoff.openFor(context.activity.channelId, conversation);
  deps.log.info('handoff-status', { conversation, state: status.data.state, open: open?.state ?? null });
  if (open?.state !== 'external') return;
  await deliver(await deps.handoff.externalStatus(open, status.data.state));
}
