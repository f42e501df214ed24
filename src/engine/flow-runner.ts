import { Utterance } from '../understanding/utterance';
import type { EngineServices } from './engine-services';
import type { LoadedFlow } from './flow-loader';
import type { Step } from './flow-schema';
import { FlowStateSchema, HISTORY_LIMIT, type FlowState, type Outcome, type Reply, type SavedFlowState, type Turn } from './flow-types';
import { prefill } from './prefill';
import { slotView, type Slots } from './slots';
import { executeAsk } from './steps/ask-step';
import { executeBranch } from './steps/branch-step';
import { executeChoose } from './steps/choose-step';
import { executeEnd } from './steps/end-step';
import { executeGoto } from './steps/goto-step';
import { executeHandoff } from './steps/handoff-step';
import { executeLink } from './steps/link-step';
import { executeMatch } from './steps/match-step';
import { executeRecord } from './steps/record-step';
import { executeSay } from './steps/say-step';
import { executeSet } from './steps/set-step';
import { skipMove } from './steps/skip-move';
import { stepContext, type Effects, type Move, type StepContext } from './steps/step-context';
import { readStuckAnswer, stuckOffer } from './steps/stuck-offer';
import { executeWalk, walkItems } from './steps/walk-step';

// The host (src/bot) knows the engine through this file: its contract types are re-exported here.
export type { EngineServices, HandoffDesk, NoteSink } from './engine-services';
export type { FlowState, Outcome, Reply, SavedFlowState, Turn } from './flow-types';
export type { SlotValue, Slots } from './slots';

/** A flow that never waits (a goto/branch cycle) stops here instead of spinning. */
const MAX_STEPS_PER_TURN = 60;

class FlowError extends Error {}

/**
 * Runs any flow from dialogs/: executes steps until one needs the person's answer, then saves
 * where it is. Each step kind is one file under steps/; this class only keeps the loop and
 * dispatches. Pure logic — no botbuilder, no express: the Dialog subclass at the edge hosts it.
 */
export class FlowRunner {
  constructor(private readonly services: EngineServices) {}

  get global() {
    return this.services.flows.global;
  }

  /** Reads a message once, against this runner's knowledge base: the host builds one a turn. */
  understand(text: string): Utterance {
    return new Utterance(text, this.services.matcher, this.services.intents);
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
    if (opening !== undefined) prefill(this.services, loaded, slots, turn.utterance.reread(opening));
    return this.run(entryState(loaded, slots), turn, null, []);
  }

  /** Continues a waiting flow with the person's answer. */
  async resume(saved: SavedFlowState, turn: Turn): Promise<Outcome> {
    const checked = await this.checked(saved, turn);
    if ('outcome' in checked) return checked.outcome;
    return this.run(checked.state, turn, turn.utterance, []);
  }

  /**
   * "Go back": the previous instruction of a walkthrough, else the step the person answered before
   * this one; at the first, says so. Either way the prompt of the step it lands on is asked again.
   */
  async back(saved: SavedFlowState, turn: Turn): Promise<Outcome> {
    const checked = await this.checked(saved, turn);
    if ('outcome' in checked) return checked.outcome;
    const state = fresh(checked.state);
    const step = stepOf(checked.loaded, state.step);
    if (step.type === 'walk' && state.walk > 0) return this.run({ ...state, walk: state.walk - 1 }, turn, null, []);
    const previous = state.history.at(-1);
    const target = previous === undefined ? undefined : checked.loaded.flow.steps.find((s) => s.id === previous);
    if (!target) return this.run(state, turn, null, [{ text: this.global.says.atStart }]);
    // Back into a walkthrough from the step after it: its last instruction.
    const walk = target.type === 'walk' ? Math.max(0, walkItems({ services: this.services, slots: slotView(state.slots) }).length - 1) : 0;
    return this.run({ ...state, step: target.id, walk, history: state.history.slice(0, -1) }, turn, null, []);
  }

  /**
   * "I already did that": a walkthrough's next instruction, or past a prompt whose slot already
   * holds an answer; otherwise the prompt again, after a line saying the flow needs that answer.
   */
  async skip(saved: SavedFlowState, turn: Turn): Promise<Outcome> {
    const checked = await this.checked(saved, turn);
    if ('outcome' in checked) return checked.outcome;
    const state = fresh(checked.state);
    const { loaded } = checked;
    const step = stepOf(loaded, state.step);
    const replies: Reply[] = [];
    const move = skipMove(step, stepContext({ services: this.services, loaded, step, state, turn, answer: null, replies, effects: {} }));
    if (move === null) return this.run(state, turn, null, [{ text: this.global.says.needAnswer }]);
    return this.run(state, turn, null, replies, move);
  }

  /**
   * Asks the waiting step's prompt again, after `lead` when given ("Now, back to where we were:"
   * once a question asked mid-flow is answered). A pending stuck offer is asked again instead.
   */
  async reprompt(saved: SavedFlowState, turn: Turn, lead?: string): Promise<Outcome> {
    const checked = await this.checked(saved, turn);
    if ('outcome' in checked) return checked.outcome;
    const { state } = checked;
    const replies: Reply[] = lead ? [{ text: lead }] : [];
    if (state.offered) return { replies: [...replies, stuckOffer(this.global)], state: { ...state, waiting: true }, slots: state.slots };
    return this.run({ ...state, waiting: false }, turn, null, replies);
  }

  /** Picks a flow stopped earlier up again at the step it stopped at, with a clean count of misses. */
  async resumeSuspended(saved: SavedFlowState, turn: Turn): Promise<Outcome> {
    const checked = await this.checked(saved, turn);
    if ('outcome' in checked) return checked.outcome;
    return this.reprompt(fresh(checked.state), turn, this.global.says.resume);
  }

  /** The step a saved flow waits at (undefined when its file changed under it): the host asks how it reads answers. */
  waitingStep(saved: SavedFlowState): Step | undefined {
    const loaded = this.services.flows.flows.get(saved.flow);
    return loaded?.version === saved.version ? loaded.flow.steps.find((s) => s.id === saved.step) : undefined;
  }

  private flow(id: string): LoadedFlow {
    const loaded = this.services.flows.flows.get(id);
    if (!loaded) throw new FlowError(`no flow "${id}"`);
    return loaded;
  }

  /**
   * A saved state read through its schema (older ones get the new fields' defaults), with its flow.
   * When the flow's file changed under this conversation, that flow starts again, cleanly.
   */
  private async checked(saved: SavedFlowState, turn: Turn): Promise<{ state: FlowState; loaded: LoadedFlow } | { outcome: Outcome }> {
    const parsed = FlowStateSchema.safeParse(saved);
    if (!parsed.success) throw new FlowError(`the saved flow state can't be read: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const state = parsed.data;
    const loaded = this.services.flows.flows.get(state.flow);
    if (loaded && loaded.version === state.version && loaded.flow.steps.some((s) => s.id === state.step)) return { state, loaded };
    const replies: Reply[] = [{ text: this.global.says.changed }];
    if (!loaded) return { outcome: { replies, state: null, slots: state.slots } };
    const restarted = await this.start(state.flow, turn, state.slots);
    return { outcome: { ...restarted, replies: [...replies, ...restarted.replies] } };
  }

  /**
   * Executes steps from `state` until one waits or the flow ends. `input` is the person's answer to
   * the waiting step; `first`, a move already made at that step (a skip), is followed before any step runs.
   */
  private async run(state: FlowState, turn: Turn, input: Utterance | null, replies: Reply[], first?: Move): Promise<Outcome> {
    let current = state;
    let answer = input;
    let pending = first;
    const effects: Effects = {};
    for (let count = 0; count < MAX_STEPS_PER_TURN; count++) {
      const loaded = this.flow(current.flow);
      const step = stepOf(loaded, current.step);
      // The waiting step was answered (or skipped): "go back" may return to it.
      const answered = answer !== null || pending !== undefined;
      let move = pending;
      pending = undefined;
      if (!move && answer !== null && current.offered) {
        // The answer is to the stuck offer: a person, another try, or (neither) the step reads it.
        const said = readStuckAnswer(this.global, answer);
        current = { ...current, offered: false, retries: said === 'retry' ? 0 : current.retries };
        if (said === 'person') move = { flow: this.global.flows.person };
        if (said === 'retry') answer = null;
      }
      move ??= await this.execute(step, stepContext({ services: this.services, loaded, step, state: current, turn, answer, replies, effects }));
      answer = null;
      if ('wait' in move) return { replies, state: { ...current, waiting: true }, slots: current.slots, ...effects };
      if ('end' in move) return { replies, state: null, slots: current.slots, ...effects };
      if ('reroute' in move) return { replies, state: null, slots: current.slots, reroute: true, ...effects };
      if ('flow' in move) {
        const target = this.flow(move.flow);
        const slots = { ...current.slots };
        for (const slot of target.flow.resets ?? []) delete slots[slot];
        current = entryState(target, slots);
        continue;
      }
      const history = answered ? [...current.history, step.id].slice(-HISTORY_LIMIT) : current.history;
      current = { ...current, step: move.to, waiting: false, retries: 0, offered: false, walk: step.type === 'walk' ? current.walk : 0, history };
    }
    throw new FlowError(`flow "${current.flow}" ran ${MAX_STEPS_PER_TURN} steps without waiting for an answer`);
  }

  /** One step, by its kind. `ctx.answer` is the person's reply when the step was waiting for one. */
  private execute(step: Step, ctx: StepContext): Move | Promise<Move> {
    switch (step.type) {
      case 'say':
        return executeSay(step, ctx);
      case 'ask':
        return executeAsk(step, ctx);
      case 'choose':
        return executeChoose(step, ctx);
      case 'walk':
        return executeWalk(step, ctx);
      case 'match':
        return executeMatch(step, ctx);
      case 'branch':
        return executeBranch(step, ctx);
      case 'set':
        return executeSet(step, ctx);
      case 'link':
        return executeLink(step, ctx);
      case 'handoff':
        return executeHandoff(step, ctx);
      case 'record':
        return executeRecord(step, ctx);
      case 'goto':
        return executeGoto(step);
      case 'end':
        return executeEnd(step, ctx);
      default: {
        const unknown: never = step;
        return unknown;
      }
    }
  }
}

/** A flow at its first step, nothing answered yet. */
function entryState(loaded: LoadedFlow, slots: Slots): FlowState {
  return { flow: loaded.flow.id, version: loaded.version, step: loaded.flow.steps[0]!.id, slots, waiting: false, retries: 0, walk: 0, history: [], offered: false };
}

/** The same place, asked afresh: no misses counted, no offer pending. */
function fresh(state: FlowState): FlowState {
  return { ...state, waiting: false, retries: 0, offered: false };
}

function stepOf(loaded: LoadedFlow, id: string): Step {
  const step = loaded.flow.steps.find((s) => s.id === id);
  if (!step) throw new FlowError(`flow "${loaded.flow.id}" has no step "${id}"`);
  return step;
}

export { FlowError };
