import { ActivityHandler, ActivityTypes, TurnContext, type ConversationState, type StatePropertyAccessor, type TranscriptStore } from 'botbuilder';
import { DialogMemoryScope, DialogSet, DialogTurnStatus, TurnMemoryScope, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import type { Logger } from '../core/logger';
import { FlowError, type FlowRunner, type FlowState, type Slots } from '../engine/flow-runner';
import { PhraseSet } from '../engine/input-readers';
import type { CommandName, Router } from '../engine/router';
import type { Delivery, HandoffService } from '../handoff/handoff-service';
import type { ScamDetector } from '../safety/scam-detector';
import type { SecretKind } from '../safety/secret-redactor';
import { render as fill } from '../text/templates';
import type { Utterance } from '../understanding/utterance';
import { FlowDialog, UTTERANCE_KEY, type FlowDialogOptions, type FlowResult } from './flow-dialog';
import { HANDOFF_STATUS_EVENT, HandoffStatusSchema, sendHandoffInitiation } from './handoff-initiation';
import { REDACTED_KINDS } from './redaction-middleware';
import { CHOICE_KEY, toActivity } from './render';
import { AGENT_MESSAGE_ENTITY } from './transcript-lines';

/**
 * botbuilder-dialogs builds every memory scope of every component for each DialogContext unless
 * the turn carries a configuration; flows keep their own state, so the turn and dialog scopes
 * (which DialogContext itself reads and writes) are all they need. Built once per process.
 */
const DIALOG_STATE_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';
const DIALOG_STATE_CONFIGURATION = { memoryScopes: [new TurnMemoryScope(), new DialogMemoryScope()], pathResolvers: [] };

/** Channels where a shared conversation hears everything, so the bot waits to be mentioned. */
const MENTION_CHANNELS = new Set(['msteams', 'slack']);

/** Entity type on the warning sent after a code was hidden. */
export const SECRET_WARNING_ENTITY = 'giftbot.secretWarning';

/** What giftbot remembers about a conversation between flows. */
export interface Memory {
  slots: Slots;
  greeted: boolean;
}

export interface GiftBotDeps {
  runner: FlowRunner;
  router: Router;
  conversationState: ConversationState;
  handoff: HandoffService;
  transcripts: TranscriptStore;
  scam: ScamDetector;
  log: Logger;
}

/**
 * The ActivityHandler: safety (codes hidden upstream, scams stopped) → handoff gate (quiet while a
 * person is on it) → commands → the flow engine. Everything it says comes from dialogs/.
 */
export class GiftBot extends ActivityHandler {
  private readonly memory: StatePropertyAccessor<Memory>;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;
  private readonly leaveQueue: PhraseSet;

  constructor(private readonly deps: GiftBotDeps) {
    super();
    this.memory = deps.conversationState.createProperty<Memory>('memory');
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogs');
    const initiate = (context: TurnContext, request: Parameters<typeof sendHandoffInitiation>[1]) => sendHandoffInitiation(context, request, deps.transcripts);
    this.dialogs = new DialogSet(this.dialogState).add(new FlowDialog(deps.runner, initiate));
    this.leaveQueue = new PhraseSet(deps.runner.global.handoff.cancelSays);
    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient?.id);
      if (joined) await this.greet(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onTyping(async (context, next) => {
      const open = await deps.handoff.openFor(context.activity.channelId, context.activity.conversation.id);
      if (open) deps.handoff.customerTyping(open);
      await next();
    });
    this.onEvent(async (context, next) => {
      if (context.activity.name === HANDOFF_STATUS_EVENT) await this.handoffStatus(context);
      await next();
    });
  }

  /**
   * Sends what the handoff service decided, in a turn of the customer's conversation — their own,
   * or a proactive one when an agent acted. A `flow` delivery starts that flow, as if asked for.
   */
  async deliver(context: TurnContext, deliveries: readonly Delivery[]): Promise<void> {
    context.turnState.set(DIALOG_STATE_CONFIGURATION_KEY, DIALOG_STATE_CONFIGURATION);
    const channel = context.activity.channelId;
    try {
      for (const delivery of deliveries) {
        switch (delivery.kind) {
          case 'say':
            await context.sendActivity(toActivity({ text: delivery.text }, channel));
            break;
          case 'agent-says':
            await context.sendActivity({ ...toActivity({ text: delivery.text }, channel), entities: [{ type: AGENT_MESSAGE_ENTITY, name: delivery.agent.name, said: delivery.said }] });
            break;
          case 'typing':
            await context.sendActivity({ type: ActivityTypes.Typing });
            break;
          case 'flow': {
            await context.sendActivity(toActivity({ text: delivery.text }, channel));
            const memory = await this.memory.get(context, { slots: {}, greeted: true });
            const dc = await this.dialogs.createContext(context);
            await dc.cancelAllDialogs();
            await this.startFlow(dc, memory, { flow: delivery.flow, memory: memory.slots });
            break;
          }
          default: {
            const unknown: never = delivery;
            throw new Error(`unknown delivery ${JSON.stringify(unknown)}`);
          }
        }
      }
    } finally {
      await this.deps.conversationState.saveChanges(context, false);
    }
  }

  /** Runs the turn, then saves state — whatever happened, so nothing said is lost. */
  override async run(context: TurnContext): Promise<void> {
    context.turnState.set(DIALOG_STATE_CONFIGURATION_KEY, DIALOG_STATE_CONFIGURATION);
    try {
      await super.run(context);
    } finally {
      await this.deps.conversationState.saveChanges(context, false);
    }
  }

  private get global() {
    return this.deps.runner.global;
  }

  private async greet(context: TurnContext): Promise<void> {
    const memory = await this.memory.get(context, { slots: {}, greeted: false });
    if (memory.greeted) return;
    memory.greeted = true;
    await context.sendActivity(this.global.greeting);
    const dc = await this.dialogs.createContext(context);
    if (!dc.activeDialog) await this.startFlow(dc, memory, { flow: this.global.flows.menu, memory: memory.slots });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const choice = (context.activity.value as Record<string, unknown> | undefined)?.[CHOICE_KEY];
    if (!context.activity.text && typeof choice === 'string') context.activity.text = choice; // a card button
    if (!this.addressedToBot(context)) return;
    const text = context.activity.text ?? '';
    const conversationId = context.activity.conversation.id;
    this.deps.log.info('turn', { conversation: conversationId, channel: context.activity.channelId, text });
    const hidden: SecretKind[] = context.turnState.get(REDACTED_KINDS) ?? [];
    if (hidden.length > 0) {
      const text = context.activity.conversation.isGroup ? this.global.safety.codeInGroup : this.global.safety.code;
      // Marked, so a channel that can (Slack) shows it only to the person who pasted the code.
      await context.sendActivity({ type: 'message', text, entities: [{ type: SECRET_WARNING_ENTITY }] });
    }
    // The message is read here, once; everything below reads what it needs from this.
    const utterance = this.deps.runner.understand(text);
    context.turnState.set(UTTERANCE_KEY, utterance);
    if (await this.handoffGate(context, utterance)) return;
    const memory = await this.memory.get(context, { slots: {}, greeted: false });
    const dc = await this.dialogs.createContext(context);
    try {
      await this.respond(context, dc, memory, utterance, hidden.length > 0);
    } catch (err) {
      if (!(err instanceof FlowError)) throw err;
      this.deps.log.error('flow-failed', { conversation: conversationId, reason: err.message });
      await dc.cancelAllDialogs();
      await context.sendActivity(this.global.says.broken);
    }
  }

  private async respond(context: TurnContext, dc: DialogContext, memory: Memory, utterance: Utterance, hadCode: boolean): Promise<void> {
    if (!memory.greeted && !dc.activeDialog) {
      memory.greeted = true;
      await context.sendActivity(this.global.greeting);
    }
    if (this.deps.scam.isScamNormalized(utterance.normalized)) {
      this.deps.log.warn('scam-story', { conversation: context.activity.conversation.id });
      await dc.cancelAllDialogs();
      await context.sendActivity(this.global.safety.scam);
      return;
    }
    const route = dc.activeDialog ? null : this.deps.router.route(utterance, memory.slots);
    const command = route?.kind === 'command' ? route.command : dc.activeDialog ? this.deps.router.command(utterance) : null;
    if (command) return this.command(context, dc, memory, command);
    if (dc.activeDialog) {
      const result = await dc.continueDialog();
      if (result.status !== DialogTurnStatus.complete) return;
      const finished = result.result as FlowResult;
      memory.slots = finished.slots;
      if (!finished.reroute) return;
      return this.respond(context, dc, memory, utterance, hadCode);
    }
    if (!route || route.kind === 'empty') {
      await context.sendActivity(hadCode ? this.global.says.onlyCode : this.global.says.empty);
      return;
    }
    if (route.kind === 'flow') {
      await this.startFlow(dc, memory, { flow: route.flow, memory: memory.slots, preset: route.slots, opening: utterance.text });
    }
  }

  private async command(context: TurnContext, dc: DialogContext, memory: Memory, command: CommandName): Promise<void> {
    const spec = this.global.commands[command];
    // What the interrupted flow learned (the brand, fixes tried) stays: "agent" mid-flow hands it on.
    const interrupted = dc.activeDialog?.state as Partial<FlowState> | undefined;
    if (interrupted?.slots) memory.slots = { ...interrupted.slots };
    await dc.cancelAllDialogs();
    if (command === 'restart') memory.slots = {};
    if (spec.text) await context.sendActivity(spec.text);
    if (spec.flow) await this.startFlow(dc, memory, { flow: spec.flow, memory: memory.slots });
  }

  private async startFlow(dc: DialogContext, memory: Memory, options: FlowDialogOptions): Promise<void> {
    const result = await dc.beginDialog(FlowDialog.ID, options);
    if (result.status === DialogTurnStatus.complete) memory.slots = (result.result as FlowResult).slots;
  }

  /**
   * In a Teams or Slack channel the bot speaks only when mentioned, and the mention is not part of
   * what was said. One-to-one chats and the website are always addressed to the bot.
   */
  private addressedToBot(context: TurnContext): boolean {
    const { activity } = context;
    const shared = activity.conversation?.isGroup || activity.conversation?.conversationType === 'channel';
    if (!shared || !MENTION_CHANNELS.has(activity.channelId)) return true;
    const mentioned = TurnContext.getMentions(activity).some((m) => m.mentioned?.id === activity.recipient?.id);
    if (mentioned) activity.text = TurnContext.removeRecipientMention(activity)?.trim() ?? '';
    return mentioned;
  }

  /**
   * While people have the conversation the bot stays quiet: what the customer says goes to the
   * agent (and is in the transcript either way). Only "cancel" leaves and brings the bot back.
   */
  private async handoffGate(context: TurnContext, utterance: Utterance): Promise<boolean> {
    const conversation = context.activity.conversation.id;
    const open = await this.deps.handoff.openFor(context.activity.channelId, conversation);
    if (!open) return false;
    if (!this.leaveQueue.saidInSimplified(utterance.simplified)) {
      this.deps.handoff.customerSaid(open, utterance.text, context.activity.from?.name || 'Customer');
      this.deps.log.info('handoff-relayed', { conversation, state: open.state });
      return true;
    }
    const closed = await this.deps.handoff.customerLeft(open);
    this.deps.log.info('handoff-left', { conversation, state: open.state });
    if (closed) {
      const wording = open.state === 'waiting' ? this.global.handoff.cancelled : this.global.handoff.left;
      await context.sendActivity(fill(wording, { 'agent.name': open.agent?.name ?? 'the support team' }));
    }
    return true;
  }

  /** A contact centre's answer to handoff.initiate (HANDOFF_MODE=external). */
  private async handoffStatus(context: TurnContext): Promise<void> {
    const status = HandoffStatusSchema.safeParse(context.activity.value);
    const conversation = context.activity.conversation.id;
    if (!status.success) {
      this.deps.log.warn('handoff-status-unreadable', { conversation });
      return;
    }
    // (Only the contact centre's channels get here: SpoofingGuard ends the turn of any other.)
    const open = await this.deps.handoff.openFor(context.activity.channelId, conversation);
    this.deps.log.info('handoff-status', { conversation, state: status.data.state, open: open?.state ?? null });
    if (open?.state !== 'external') return;
    await this.deliver(context, await this.deps.handoff.externalStatus(open, status.data.state));
  }
}
