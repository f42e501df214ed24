import type { TeamNote } from '../../handoff/team-notes';
import { render } from '../../text/templates';
import type { Utterance } from '../../understanding/utterance';
import type { EngineServices } from '../engine-services';
import type { LoadedFlow } from '../flow-loader';
import type { Step, StepType } from '../flow-schema';
import type { FlowState, Outcome, Reply, Turn } from '../flow-types';
import { slotView, type SlotView } from '../slots';
import { templateContext, type TemplateExtras } from '../template-context';

/** Where the flow goes after a step: a step of this flow, wait for an answer, end, another flow, or route the message anew. */
export type Move = { to: string } | { wait: true } | { end: true } | { flow: string } | { reroute: true };

/** What a turn asks of the edge beyond its replies. */
export type Effects = Pick<Outcome, 'initiate' | 'stopped'>;

/** The step of one kind, as its executor receives it. */
export type StepOf<K extends StepType> = Extract<Step, { type: K }>;

/** Everything one step may read or do. Steps change the conversation only through `state`, `replies` and `effects`. */
export interface StepContext {
  readonly services: EngineServices;
  readonly state: FlowState;
  /** `state.slots`, typed. */
  readonly slots: SlotView;
  readonly turn: Turn;
  /** The person's reply when the step was waiting for one; null when the step runs afresh. */
  readonly answer: Utterance | null;
  readonly replies: Reply[];
  readonly effects: Effects;
  /** The step's `next`, else the step below it, else the end of the flow. */
  onward(next: string | undefined): Move;
  /** Wording from the flow with its placeholders filled. */
  text(template: string, extra?: TemplateExtras): string;
  /** The brand slot when it names a brand the knowledge base lists, else null. */
  listed(brand: string | undefined): string | null;
  note(log: TeamNote['log'], values: TeamNote['values']): Promise<void>;
}

export interface StepInput {
  services: EngineServices;
  loaded: LoadedFlow;
  step: Step;
  state: FlowState;
  turn: Turn;
  answer: Utterance | null;
  replies: Reply[];
  effects: Effects;
}

export function stepContext({ services, loaded, step, state, turn, answer, replies, effects }: StepInput): StepContext {
  const following = loaded.flow.steps[loaded.flow.steps.indexOf(step) + 1]?.id;
  return {
    services,
    state,
    slots: slotView(state.slots),
    turn,
    answer,
    replies,
    effects,
    onward: (next) => {
      const to = next ?? following;
      return to ? { to } : { end: true };
    },
    text: (template, extra) => render(template, templateContext(services, state.slots, extra)),
    listed: (brand) => (brand && services.catalog.brand(brand) ? brand : null),
    note: (log, values) => services.notes.append({ at: new Date().toISOString(), log, conversationId: turn.conversationId, channel: turn.channel, values }),
  };
}
