import { ActivityHandler, TurnContext, type ConversationState, type StatePropertyAccessor, type TranscriptStore } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import type { Logger } from '../core/logger';
import type { KnowledgeCatalog } from '../knowledge/knowledge-catalog';
import { FlowError, type FlowRunner, type FlowState, type SavedFlowState } from '../engine/flow-runner';
import { PhraseSet } from '../engine/input-readers';
import type { CommandName, Interruption, Route, Router } from '../engine/router';
import type { Delivery, HandoffService } from '../handoff/handoff-service';
import type { ScamDetector } from '../safety/scam-detector';
import type { SecretKind } from '../safety/secret-redactor';
import type { Utterance } from '../understanding/utterance';
import type { IntentReading } from '../understanding/intent-classifier';
import { FLOW_MOVE_KEY, FlowDialog, UTTERANCE_KEY, type FlowDialogOptions, type FlowResult } from './flow-dialog';
import { interruptionAt } from './prompt-kind';
import { HANDOFF_STATUS_EVENT, sendHandoffInitiation } from './handoff-initiation';
import { REDACTED_KINDS } from './redaction-middleware';
import { addressedToBot } from './addressed-to-bot';
import { deliverOne } from './deliver-one';
import { splitQuestions } from '../understanding/question-split';
import { render as fill } from '../text/templates';
import { handoffGate, handoffStatus } from './handoff-gate';
import { CHOICE_KEY } from './render';
import { ASIDE_SLOT, DIALOG_STATE_CONFIGURATION, DIALOG_STATE_CONFIGURATION_KEY, SECRET_WARNING_ENTITY, type Memory } from './conversation-memory';


export interface GiftBotDeps {
  runner: FlowRunner;
  router: Router;
  conversationState: ConversationState;
  handoff: HandoffService;
  transcripts: TranscriptStore;
  scam: ScamDetector;
  /** The brands, for the issuer's help page in the urgent answer. */
  catalog: KnowledgeCatalog;
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
      if (context.activity.name === HANDOFF_STATUS_EVENT) await handoffStatus(context, deps, (deliveries) => this.deliver(context, deliveries));
      await next();
    });
  }

  /**
   * Sends what the handoff service decided, in a turn of the customer's conversation — their own,
   * or a proactive one when an agent acted. A `flow` delivery starts that flow, as if asked for.
   */
  async deliver(context: TurnContext, deliveries: readonly Delivery[]): Promise<void> {
    context.turnState.set(DIALOG_STATE_CONFIGURATION_KEY, DIALOG_STATE_CONFIGURATION);
    try {
      for (const delivery of deliveries) {
        await deliverOne(context, delivery, async (flow) => {
          const memory = await this.memory.get(context, { slots: {}, greeted: true });
          const dc = await this.dialogs.createContext(context);
          await dc.cancelAllDialogs();
          await this.startFlow(dc, memory, { flow, memory: memory.slots });
        });
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
    if (!addressedToBot(context)) return;
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
    const memory = await this.memory.get(context, { slots: {}, greeted: false });
    if (await handoffGate(context, utterance, { handoff: this.deps.handoff, log: this.deps.log, global: this.global, leaveQueue: this.leaveQueue, memory })) return;
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
    const reading = utterance.intent;
    if (reading ? reading.intent === 'scam' : this.deps.scam.isScamNormalized(utterance.normalized)) {
      this.deps.log.warn('scam-story', { conversation: context.activity.conversation.id, kind: reading?.scamKind ?? 'cue' });
      await dc.cancelAllDialogs();
      memory.suspended = undefined;
      await context.sendActivity(this.global.safety.scam);
      if (reading?.scamKind !== 'already-paid') return;
      const brand = this.deps.catalog.brand(utterance.search(null).mentioned[0] ?? '');
      const urgent = brand?.support ? fill(this.global.safety.scamAlreadyPaidIssuer, { 'brand.name': brand.name, 'brand.support': brand.support.url }) : this.global.safety.scamAlreadyPaid;
      await context.sendActivity(urgent);
      return this.startFlow(dc, memory, { flow: this.global.flows.urgentHelp, memory: memory.slots });
    }
    if (dc.activeDialog) {
      const state = dc.activeDialog.state as SavedFlowState;
      const interruption = interruptionAt(state, utterance, this.deps);
      if (interruption) return this.interrupt(context, dc, memory, interruption, state, utterance.text);
      const result = await dc.continueDialog();
      if (result.status !== DialogTurnStatus.complete) return;
      const finished = result.result as FlowResult;
      memory.slots = finished.slots;
      if (finished.stopped) memory.suspended = finished.stopped;
      if (finished.reroute) return this.respond(context, dc, memory, utterance, hadCode);
      return this.resumeSetAside(dc, memory);
    }
    const two = splitQuestions(utterance.text);
    if (two) return this.answerBoth(context, dc, memory, utterance, two, hadCode);
    return this.follow(context, dc, memory, this.deps.router.route(utterance, memory.slots), utterance.text, hadCode, reading);
  }

  /** Two questions in one message: the first answered, then the second; or, when the first needs a reply, the second waits its turn. */
  private async answerBoth(context: TurnContext, dc: DialogContext, memory: Memory, utterance: Utterance, [first, second]: [string, string], hadCode: boolean): Promise<void> {
    const one = utterance.reread(first);
    const route = this.deps.router.route(one, memory.slots);
    if (route.kind === 'flow') await this.startFlow(dc, memory, { flow: route.flow, memory: memory.slots, preset: { ...route.slots, [ASIDE_SLOT]: true }, opening: first });
    else await this.follow(context, dc, memory, route, first, hadCode, one.intent);
    if (dc.activeDialog) {
      memory.pending = second;
      await context.sendActivity(fill(this.global.smallTalk.secondQuestionNext, { question: second }));
      return;
    }
    const other = utterance.reread(second);
    return this.follow(context, dc, memory, this.deps.router.route(other, memory.slots), second, hadCode, other.intent);
  }

  private async follow(context: TurnContext, dc: DialogContext, memory: Memory, route: Route, text: string, hadCode: boolean, reading: IntentReading | null): Promise<void> {
    switch (route.kind) {
      case 'empty':
        await context.sendActivity(hadCode ? this.global.says.onlyCode : this.global.says.empty);
        return;
      case 'command':
        return this.command(context, dc, memory, route.command);
      case 'small-talk':
        await context.sendActivity(this.global.smallTalk[route.say]);
        return;
      case 'resume': {
        const suspended = memory.suspended;
        if (!suspended) {
          await context.sendActivity(this.global.smallTalk.nothingToResume);
          return this.startFlow(dc, memory, { flow: this.global.flows.menu, memory: memory.slots });
        }
        memory.suspended = undefined;
        return this.startFlow(dc, memory, { flow: suspended.flow, memory: suspended.slots, suspended });
      }
      case 'flow':
        this.deps.log.info('routed', { conversation: context.activity.conversation.id, flow: route.flow, intent: reading?.intent ?? null, confidence: reading ? Number(reading.confidence.toFixed(2)) : null });
        return this.startFlow(dc, memory, { flow: route.flow, memory: memory.slots, preset: route.slots, opening: text });
      default: {
        const unknown: never = route;
        throw new Error(`unknown route ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** Another matter while a flow waits: a command, small talk, a move within the flow, or a flow of its own, after which the set-aside one resumes. */
  private async interrupt(context: TurnContext, dc: DialogContext, memory: Memory, interruption: Interruption, state: SavedFlowState, text: string): Promise<void> {
    switch (interruption.kind) {
      case 'command':
        if (interruption.command !== 'restart') memory.suspended = { ...state, waiting: true };
        return this.command(context, dc, memory, interruption.command);
      case 'small-talk':
        await context.sendActivity(this.global.smallTalk[interruption.say]);
        if (interruption.say === 'goodbye') return; // leaving: the flow waits, unasked, for a "carry on"
        context.turnState.set(FLOW_MOVE_KEY, 'reprompt');
        await dc.continueDialog();
        return;
      case 'move': {
        context.turnState.set(FLOW_MOVE_KEY, interruption.move);
        const result = await dc.continueDialog();
        if (result.status === DialogTurnStatus.complete) memory.slots = (result.result as FlowResult).slots;
        return;
      }
      case 'flow':
        memory.suspended = { ...state, waiting: true };
        memory.slots = { ...state.slots };
        await dc.cancelAllDialogs();
        await this.startFlow(dc, memory, { flow: interruption.flow, memory: memory.slots, preset: { [ASIDE_SLOT]: true }, opening: text });
        return;
      default: {
        const unknown: never = interruption;
        throw new Error(`unknown interruption ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** Once the matter that interrupted a flow is settled, that flow carries on where it was. */
  private async resumeSetAside(dc: DialogContext, memory: Memory): Promise<void> {
    const aside = memory.slots[ASIDE_SLOT] === true;
    delete memory.slots[ASIDE_SLOT];
    const suspended = memory.suspended;
    if (aside && suspended && !dc.activeDialog) {
      memory.suspended = undefined;
      await this.startFlow(dc, memory, { flow: suspended.flow, memory: suspended.slots, suspended });
    }
    const pending = memory.pending;
    if (pending === undefined || dc.activeDialog) return;
    memory.pending = undefined;
    await dc.context.sendActivity(this.global.smallTalk.secondQuestionNow);
    const other = this.deps.runner.understand(pending);
    await this.follow(dc.context, dc, memory, this.deps.router.route(other, memory.slots), pending, false, other.intent);
  }

  private async command(context: TurnContext, dc: DialogContext, memory: Memory, command: CommandName): Promise<void> {
    const spec = this.global.commands[command];
    // What the interrupted flow learned (the brand, fixes tried) stays: "agent" mid-flow hands it on.
    const interrupted = dc.activeDialog?.state as Partial<FlowState> | undefined;
    if (interrupted?.slots) memory.slots = { ...interrupted.slots };
    await dc.cancelAllDialogs();
    delete memory.slots[ASIDE_SLOT];
    if (command === 'restart') {
      memory.slots = {};
      memory.suspended = undefined;
      memory.pending = undefined;
    }
    if (spec.text) await context.sendActivity(spec.text);
    if (spec.flow) await this.startFlow(dc, memory, { flow: spec.flow, memory: memory.slots });
  }

  private async startFlow(dc: DialogContext, memory: Memory, options: FlowDialogOptions): Promise<void> {
    const result = await dc.beginDialog(FlowDialog.ID, options);
    if (result.status !== DialogTurnStatus.complete) return;
    memory.slots = (result.result as FlowResult).slots;
    if (!options.suspended) await this.resumeSetAside(dc, memory);
  }
}
