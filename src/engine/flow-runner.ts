import type { Config } from '../config/config';
import type { HandoffRequest } from '../handoff/handoff-queue';
import type { Ticket } from '../handoff/handoff-service';
import type { TeamNote } from '../handoff/team-notes';
import type { Brand, Generic } from '../knowledge/brand-schema';
import type { Matcher, SearchHit } from '../knowledge/matcher';
import { buildDeepLink } from '../links/deep-link';
import { evaluate, type Facts } from './conditions';
import type { FlowSet, LoadedFlow } from './flow-loader';
import type { Step } from './flow-schema';
import { findAmount, isBlank, pickOption, readAmount, readBrandName, readContact } from './input-readers';
import { slotView, type SlotValue, type Slots } from './slots';
import { render } from './templates';
import { minutes } from '../handoff/handoff-service';

export type { SlotValue, Slots } from './slots';

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
  /** Already redacted. */
  text: string;
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

/** Where requests for a person go (the handoff service). */
export interface HandoffDesk {
  request(request: HandoffRequest): Promise<Ticket>;
}

/** Where record steps write. */
export interface NoteSink {
  append(note: TeamNote): Promise<void>;
}

export interface EngineServices {
  flows: FlowSet;
  matcher: Matcher;
  generic: Generic | null;
  config: Config;
  handoff: HandoffDesk;
  notes: NoteSink;
}

/** A flow that never waits (a goto/branch cycle) stops here instead of spinning. */
const MAX_STEPS_PER_TURN = 60;
/** How sure the matcher must be before an answer to some other question is taken as an error message. */
const INTERRUPT_SCORE = 0.6;
/** After this many unreadable answers in a row the person is offered the menu instead. */
const MAX_RETRIES = 3;

type Move = { to: string } | { wait: true } | { end: true } | { flow: string } | { reroute: true };
/** What a turn asks of the edge beyond its replies. */
type Effects = Pick<Outcome, 'initiate'>;

class FlowError extends Error {}

/**
 * Runs any flow from dialogs/: executes steps until one needs the person's answer, then saves
 * where it is. Pure logic — no botbuilder, no express: the Dialog subclass at the edge hosts it.
 */
export class FlowRunner {
  constructor(private readonly services: EngineServices) {}

  get global() {
    return this.services.flows.global;
  }

  /**
   * Starts a flow with the conversation's `memory`; the flow's `resets` are cleared from it, then
   * `preset` (what the trigger implied, "cash" → sell) and what the `opening` message says are filled in.
   */
  async start(flowId: string, turn: Turn, memory: Slots, opening?: string, preset: Slots = {}): Promise<Outcome> {
    const loaded = this.flow(flowId);
    const slots: Slots = { ...memory };
    for (const slot of loaded.flow.resets ?? []) delete slots[slot];
    Object.assign(slots, preset);
    if (opening !== undefined) this.prefill(loaded, slots, opening);
    const state: FlowState = { flow: flowId, version: loaded.version, step: loaded.flow.steps[0]!.id, slots, waiting: false, retries: 0, walk: 0 };
    return this.run(state, turn, null, []);
  }

  /** Continues a waiting flow with the person's answer. */
  async resume(state: FlowState, turn: Turn): Promise<Outcome> {
    const loaded = this.services.flows.flows.get(state.flow);
    if (!loaded || loaded.version !== state.version || !loaded.flow.steps.some((s) => s.id === state.step)) {
      // The flow's file changed under this conversation: start that flow again, cleanly.
      const replies: Reply[] = [{ text: this.global.says.changed }];
      if (!loaded) return { replies, state: null, slots: state.slots };
      const restarted = await this.start(state.flow, turn, state.slots);
      return { ...restarted, replies: [...replies, ...restarted.replies] };
    }
    return this.run(state, turn, turn.text, []);
  }

  private flow(id: string): LoadedFlow {
    const loaded = this.services.flows.flows.get(id);
    if (!loaded) throw new FlowError(`no flow "${id}"`);
    return loaded;
  }

  private prefill(loaded: LoadedFlow, slots: Slots, opening: string): void {
    const wants = new Set(loaded.flow.prefill ?? []);
    const found = this.services.matcher.search(opening, { brand: slotView(slots).brand ?? null });
    if (found.country) slots.country = found.country;
    if (wants.has('brand') && found.mentioned[0]) slots.brand = found.mentioned[0];
    if (wants.has('wantedBrand') && found.mentioned[1]) slots.wantedBrand = found.mentioned[1];
    if (wants.has('amount')) {
      const amount = findAmount(opening, this.services.config.MAX_AMOUNT);
      if (amount !== null) slots.amount = amount;
    }
    if (wants.has('question') && !isBlank(opening)) slots.question = opening;
    // "Fix an error" is a request, not the error: only text the knowledge base recognises fills it.
    if (wants.has('error') && found.suggestions.length > 0) slots.error = opening;
  }

  private async run(state: FlowState, turn: Turn, input: string | null, replies: Reply[]): Promise<Outcome> {
    let current = state;
    let answer = input;
    const effects: Effects = {};
    for (let count = 0; count < MAX_STEPS_PER_TURN; count++) {
      const loaded = this.flow(current.flow);
      const step = loaded.flow.steps.find((s) => s.id === current.step);
      if (!step) throw new FlowError(`flow "${current.flow}" has no step "${current.step}"`);
      const move = await this.execute(step, loaded, current, turn, answer, replies, effects);
      answer = null;
      if ('wait' in move) return { replies, state: { ...current, waiting: true }, slots: current.slots, ...effects };
      if ('end' in move) return { replies, state: null, slots: current.slots, ...effects };
      if ('reroute' in move) return { replies, state: null, slots: current.slots, reroute: true, ...effects };
      if ('flow' in move) {
        const target = this.flow(move.flow);
        const slots = { ...current.slots };
        for (const slot of target.flow.resets ?? []) delete slots[slot];
        current = { flow: move.flow, version: target.version, step: target.flow.steps[0]!.id, slots, waiting: false, retries: 0, walk: 0 };
        continue;
      }
      current = { ...current, step: move.to, waiting: false, retries: 0, walk: step.type === 'walk' ? current.walk : 0 };
    }
    throw new FlowError(`flow "${current.flow}" ran ${MAX_STEPS_PER_TURN} steps without waiting for an answer`);
  }

  /** One step. `answer` is the person's reply when the step was waiting for one. */
  private async execute(step: Step, loaded: LoadedFlow, state: FlowState, turn: Turn, answer: string | null, replies: Reply[], effects: Effects): Promise<Move> {
    const following = loaded.flow.steps[loaded.flow.steps.indexOf(step) + 1]?.id;
    const onward = (next: string | undefined): Move => (next ? { to: next } : { end: true });
    switch (step.type) {
      case 'say':
        replies.push({ text: this.text(step.text, state) });
        return onward(step.next ?? following);
      case 'ask':
        return this.ask(step, state, answer, replies, onward(step.next ?? following));
      case 'choose':
        return this.choose(step, state, answer, replies);
      case 'walk':
        return this.walk(step, state, answer, replies, onward(step.next ?? following));
      case 'match':
        return { to: await this.match(step, state, turn) };
      case 'branch': {
        const facts = this.facts(state, turn);
        return { to: step.cases.find((c) => evaluate(c.when, state.slots, facts))?.next ?? step.else };
      }
      case 'set': {
        const old = state.slots[step.slot];
        state.slots[step.slot] = step.add !== undefined ? (typeof old === 'number' ? old : 0) + step.add : step.value ?? null;
        return onward(step.next ?? following);
      }
      case 'link':
        replies.push(this.link(step, state, turn));
        return onward(step.next ?? following);
      case 'handoff':
        return this.handoff(step, state, turn, replies, effects);
      case 'record':
        await this.note(turn, step.log, Object.fromEntries(step.slots.map((slot) => [slot, state.slots[slot] ?? null])));
        return onward(step.next ?? following);
      case 'goto':
        return { flow: step.flow };
      case 'end':
        if (step.text) replies.push({ text: this.text(step.text, state) });
        return { end: true };
      default: {
        const unknown: never = step;
        return unknown;
      }
    }
  }

  private ask(step: Extract<Step, { type: 'ask' }>, state: FlowState, answer: string | null, replies: Reply[], onward: Move): Move {
    const suggested = step.suggest?.map((id) => this.services.matcher.brand(id)?.name ?? id);
    const choices = step.skip ? [...(suggested ?? []), step.skip[0]!] : suggested;
    if (answer === null) {
      replies.push({ text: this.text(step.prompt, state), ...(choices ? { choices } : {}) });
      return { wait: true };
    }
    if (step.skip && pickOption(answer, [{ label: step.skip[0]!, says: step.skip }])) {
      state.slots[step.slot] = null;
      return onward;
    }
    // A channel without buttons shows choices as a numbered list: "2" means the second.
    const numbered = /^\s*(\d+)\s*$/.exec(answer);
    const chosen = numbered && choices ? choices[Number(numbered[1]) - 1] : undefined;
    const value = this.readAnswer(step.expect, chosen ?? answer);
    if (value !== null) {
      state.slots[step.slot] = value;
      if (step.expect === 'brand') {
        const country = this.services.matcher.search(answer).country;
        if (country) state.slots.country = country;
      }
      return onward;
    }
    const withChoices = (text: string): Reply => ({ text, ...(choices ? { choices } : {}) });
    return this.retry(state, answer, replies, withChoices(this.text(step.prompt, state)), withChoices(this.text(step.retry, state)));
  }

  private readAnswer(expect: Extract<Step, { type: 'ask' }>['expect'], answer: string): SlotValue {
    switch (expect) {
      case 'brand':
        return this.services.matcher.findBrand(answer) ?? readBrandName(answer);
      case 'amount':
        return readAmount(answer, this.services.config.MAX_AMOUNT);
      case 'contact':
        return readContact(answer);
      case 'text':
        return isBlank(answer) ? null : answer.trim();
      default: {
        const unknown: never = expect;
        return unknown;
      }
    }
  }

  private choose(step: Extract<Step, { type: 'choose' }>, state: FlowState, answer: string | null, replies: Reply[]): Move {
    const candidates = step.candidates ? this.candidateOptions(state) : [];
    const labels = [...candidates.map((c) => c.label), ...step.options.map((o) => this.text(o.label, state))];
    if (answer === null) {
      replies.push({ text: this.text(step.prompt, state), choices: labels });
      return { wait: true };
    }
    // Where free text is routed, only a tapped button (or its number) picks: "sell my $20 steam card"
    // typed at the menu is a whole request, better read by the router than as "Sell or swap".
    const exactOnly = step.otherwise === 'route';
    const picked = pickOption(answer, [...candidates, ...step.options.map((o) => ({ ...o, label: this.text(o.label, state) }))], exactOnly);
    if (!picked && step.otherwise === 'route') return { reroute: true };
    if (!picked) {
      return this.retry(state, answer, replies, { text: this.text(step.prompt, state), choices: labels }, { text: this.text(step.retry, state), choices: labels });
    }
    if ('entry' in picked) {
      state.slots.match = picked.entry;
      state.slots.tried = [...slotView(state.slots).tried, picked.entry];
      return { to: step.candidates!.next };
    }
    if (step.slot) state.slots[step.slot] = picked.value ?? picked.label;
    return picked.flow ? { flow: picked.flow } : { to: picked.next! };
  }

  private candidateOptions(state: FlowState): Array<{ label: string; entry: string; says?: string[]; value?: string }> {
    return slotView(state.slots).candidates.flatMap((id) => {
      const entry = this.services.matcher.entry(id);
      return entry ? [{ label: entry.title, entry: id }] : [];
    });
  }

  private walk(step: Extract<Step, { type: 'walk' }>, state: FlowState, answer: string | null, replies: Reply[], onward: Move): Move {
    const items = this.brandView(slotView(state.slots).brand).steps;
    const prompt = (): Reply => ({
      text: this.text(step.prompt, state, { 'walk.number': state.walk + 1, 'walk.count': items.length, 'walk.item': items[state.walk] }),
      choices: [step.done, step.error, step.stop],
    });
    if (answer === null) {
      if (items.length === 0) return onward;
      replies.push(prompt());
      return { wait: true };
    }
    const picked = pickOption(answer, [
      { label: step.done, says: step.advance, value: 'done' },
      { label: step.error, says: ['error', 'got an error', 'problem', 'it failed'], value: 'error' },
      { label: step.stop, says: ['stop', 'later', 'not now'], value: 'stop' },
    ]);
    if (picked?.value === 'error') return { to: step.onError };
    if (picked?.value === 'stop') return { to: step.onStop };
    if (picked?.value === 'done') {
      state.walk += 1;
      state.retries = 0;
      if (state.walk >= items.length) return onward;
      replies.push(prompt());
      return { wait: true };
    }
    return this.retry(state, answer, replies, prompt(), { ...prompt(), text: `${this.text(step.retry, state)}\n${prompt().text}` });
  }

  /**
   * An answer the step can't read. If it is an error message the knowledge base knows, answer it
   * and ask `again` where we were; otherwise say how to answer (`help`). Too many misses: the menu.
   */
  private retry(state: FlowState, answer: string, replies: Reply[], again: Reply, help: Reply): Move {
    const found = this.services.matcher.search(answer, { brand: slotView(state.slots).brand ?? null });
    const top = found.results[0];
    // Only something that reads like a pasted message counts: "0" is a bad amount, not an error.
    const looksPasted = answer.trim().split(/\s+/).length >= 2 && (top?.score ?? 0) >= INTERRUPT_SCORE;
    if (found.decision === 'answer' && top?.kind === 'error' && looksPasted) {
      const entry = this.services.matcher.entry(top.id)!;
      replies.push({ text: `**${entry.title}**\n${entry.body}` }, { text: this.global.says.resume });
      replies.push(again);
      return { wait: true };
    }
    state.retries += 1;
    if (state.retries >= MAX_RETRIES) return { flow: this.global.flows.menu };
    replies.push(help);
    return { wait: true };
  }

  /** Looks the input slot up; answers, clarifies between near-ties, or falls back. */
  private async match(step: Extract<Step, { type: 'match' }>, state: FlowState, turn: Turn): Promise<string> {
    const { matcher } = this.services;
    const slots = slotView(state.slots);
    const brand = slots.brand && matcher.brand(slots.brand) ? slots.brand : null;
    const input = slots.text(step.input);
    const tried = new Set(step.skipTried ? slots.tried : []);
    const usable = (hits: SearchHit[]) => hits.filter((h) => !tried.has(h.id) && (!step.kinds || step.kinds.includes(h.kind)));
    const found = input !== undefined ? matcher.search(input, { brand }) : undefined;
    // What the knowledge base couldn't answer is what the article writers should write next.
    if (input !== undefined && found?.decision === 'abstain') await this.note(turn, 'unanswered', { text: input, brand });
    let hits = found ? usable(found.results) : [];
    if (hits.length === 0 && step.skipTried && found) hits = usable(found.suggestions);
    if (hits.length === 0 && step.fallback) {
      const fallback = matcher.versionFor(brand, step.fallback);
      if (!tried.has(fallback)) hits = [{ id: fallback, brand, kind: 'faq', title: '', score: 0 }];
    }
    if (hits.length === 0) return step.onNone;
    const tied = found?.decision === 'clarify' && hits.length > 1 && hits[1]!.score >= hits[0]!.score - 0.05;
    if (tied) {
      state.slots.candidates = hits.slice(0, 3).map((h) => h.id);
      return step.onClarify;
    }
    state.slots.match = hits[0]!.id;
    state.slots.tried = [...slots.tried, hits[0]!.id];
    return step.onAnswer;
  }

  private link(step: Extract<Step, { type: 'link' }>, state: FlowState, turn: Turn): Reply {
    const { matcher, config } = this.services;
    const slots = slotView(state.slots);
    const listed = (slot: string | undefined) => (slot && matcher.brand(slot) ? slot : null);
    const brand = listed(slots.brand);
    const url = buildDeepLink(
      { sell: config.SELL_URL, swap: config.SWAP_URL },
      {
        kind: state.slots.mode === 'swap' ? 'swap' : 'sell',
        brand,
        amount: slots.amount ?? null,
        wanted: listed(slots.wantedBrand),
        channel: turn.channel,
      },
    );
    const wording = brand || !state.slots.brand ? step.text : step.unlisted;
    return { text: this.text(wording, state, { 'link.url': url }), link: { url, label: this.text(step.button, state) } };
  }

  private note(turn: Turn, log: TeamNote['log'], values: TeamNote['values']): Promise<void> {
    return this.services.notes.append({ at: new Date().toISOString(), log, conversationId: turn.conversationId, channel: turn.channel, values });
  }

  /** Files the request; says the place in the queue, or goes to `closed` outside support hours. */
  private async handoff(step: Extract<Step, { type: 'handoff' }>, state: FlowState, turn: Turn, replies: Reply[], effects: Effects): Promise<Move> {
    const slots = slotView(state.slots);
    const request = {
      conversationId: turn.conversationId,
      channel: turn.channel,
      reference: turn.reference,
      summary: slots.text(step.summary) ?? '',
      brand: slots.brand && this.services.matcher.brand(slots.brand) ? slots.brand : null,
      amount: slots.amount ?? null,
      tried: slots.tried,
    };
    const ticket = await this.services.handoff.request(request);
    switch (ticket.status) {
      case 'queued':
        replies.push({ text: this.text(step.text, state, { 'handoff.position': ticket.position, 'handoff.wait': minutes(ticket.waitMinutes) }) });
        return { end: true };
      case 'external':
        replies.push({ text: this.text(step.external, state) });
        effects.initiate = request;
        return { end: true };
      case 'closed':
        return { to: step.closed };
      case 'busy':
        return { to: ticket.reason === 'queue-full' ? step.full : step.tooOften };
      default: {
        const unknown: never = ticket;
        return unknown;
      }
    }
  }

  private facts(state: FlowState, turn: Turn): Facts {
    const slots = slotView(state.slots);
    const brand = slots.brand !== undefined ? this.services.matcher.brand(slots.brand) : undefined;
    return {
      brandListed: brand !== undefined,
      regionMismatch: Boolean(brand && slots.country !== undefined && slots.country !== brand.region.country),
      inGroup: turn.isGroup,
    };
  }

  private text(template: string, state: FlowState, extra: Record<string, string | number | undefined> = {}): string {
    const slots = slotView(state.slots);
    const brand = this.brandView(slots.brand);
    const wanted = this.brandView(slots.wantedBrand);
    const match = slots.match !== undefined ? this.services.matcher.entry(slots.match) : undefined;
    return render(template, {
      'brand.name': brand.name,
      'brand.needs': brand.needs.map((n) => `• ${n}`).join('\n'),
      'brand.marketplace': brand.marketplace,
      'brand.code': brand.code,
      'brand.balance': brand.balance,
      'wanted.name': wanted.name,
      amount: slots.amount?.toFixed(2),
      'match.title': match?.title,
      'match.answer': match?.body,
      'config.maxAmount': this.services.config.MAX_AMOUNT,
      'handoff.hours': `${this.services.config.SUPPORT_HOURS.text} (${this.services.config.SUPPORT_TIMEZONE})`,
      ...extra,
    });
  }

  /** What the wording needs to know about a brand: listed, typed but unlisted, or none yet. */
  private brandView(slot: string | undefined): { name: string; needs: string[]; steps: string[]; marketplace: string; code: string; balance: string } {
    const brand: Brand | undefined = slot !== undefined ? this.services.matcher.brand(slot) : undefined;
    if (brand) {
      return {
        name: brand.name,
        needs: brand.needs,
        steps: brand.steps,
        marketplace: brand.region.marketplace,
        code: brand.code.name,
        balance: firstSentence(brand.intro),
      };
    }
    const generic = this.services.generic;
    return {
      name: slot ? slot : 'your card',
      needs: generic?.needs ?? [],
      steps: generic?.steps ?? [],
      marketplace: "the brand's own site",
      code: 'code',
      balance: 'The balance is now on your account with the brand.',
    };
  }
}

function firstSentence(text: string): string {
  const match = /^.+?[.!?](?=\s|$)/.exec(text);
  // "A Amazon gift card adds to…" reads, once it's redeemed, as "Your Amazon gift card adds to…".
  return (match ? match[0] : text).replace(/^An? /, 'Your ');
}

export { FlowError };
