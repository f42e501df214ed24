import type { TurnContext } from 'botbuilder';
import type { Logger } from '../core/logger';
import type { GlobalFile } from '../engine/flow-schema';
import type { PhraseSet } from '../engine/input-readers';
import type { Delivery, HandoffService } from '../handoff/handoff-service';
import { render as fill } from '../text/templates';
import type { Utterance } from '../understanding/utterance';
import { HandoffStatusSchema } from './handoff-initiation';

export interface HandoffGateDeps {
  handoff: HandoffService;
  log: Logger;
  global: GlobalFile;
  /** What leaves the queue or the chat (dialogs/global.json handoff.cancelSays). */
  leaveQueue: PhraseSet;
}

/**
 * While people have the conversation the bot stays quiet: what the customer says goes to the
 * agent (and is in the transcript either way). Only "cancel" leaves and brings the bot back.
 * True when the message was the handoff's, not the bot's.
 */
export async function handoffGate(context: TurnContext, utterance: Utterance, deps: HandoffGateDeps): Promise<boolean> {
  const conversation = context.activity.conversation.id;
  const open = await deps.handoff.openFor(context.activity.channelId, conversation);
  if (!open) return false;
  if (!deps.leaveQueue.saidInSimplified(utterance.simplified)) {
    deps.handoff.customerSaid(open, utterance.text, context.activity.from?.name || 'Customer');
    deps.log.info('handoff-relayed', { conversation, state: open.state });
    return true;
  }
  const closed = await deps.handoff.customerLeft(open);
  deps.log.info('handoff-left', { conversation, state: open.state });
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
