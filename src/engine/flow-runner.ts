import { Utterance } from '../understanding/utterance';
import type { EngineServices } from './engine-services';
import type { LoadedFlow } from './flow-loader';
import type { Step } from './flow-schema';
import type { FlowState, Outcome, Reply, Turn } from './flow-types';
import { prefill } from './prefill';
import type { Slots } from './slots';
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
import { stepContext, type Effects, type Move, type StepContext } from './steps/step-context';
import { executeWalk } from './steps/walk-step';

// The host (src/bot) knows the engine through this file: its contract types are re-exported here.
export type { EngineServices, HandoffDesk, NoteSink } from './engine-services';
export type { FlowState, Outcome, Reply, Turn } from './flow-types';
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
    return new Utterance(text, this.services.matcher);
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
    return this.run(state, turn, turn.utterance, []);
  }

  private flow(id: string): LoadedFlow {
    const loaded = this.services.flows.flows.get(id);
    if (!loaded) throw new FlowError(`no flow "${id}"`);
    return loaded;
  }

  private async run(state: FlowState, turn: Turn, input: Utterance | null, replies: Reply[]): Promise<Outcome> {
    let current = state;
    let answer = input;
    const effects: Effects = {};
    for (let count = 0; count < MAX_STEPS_PER_TURN; count++) {
      const loaded = this.flow(current.flow);
      const step = loaded.flow.steps.find((s) => s.id === current.step);
      if (!step) throw new FlowError(`flow "${current.flow}" has no step "${current.step}"`);
      const move = await this.execute(step, stepContext({ services: this.services, loaded, step, state: current, turn, answer, replies, effects }));
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

export { FlowError };
