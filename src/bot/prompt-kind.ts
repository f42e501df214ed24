import type { FlowOption, Step } from '../engine/flow-schema';
import { pickOption } from '../engine/input-readers';
import type { FlowRunner, SavedFlowState } from '../engine/flow-runner';
import type { Interruption, PromptKind, Router } from '../engine/router';
import { walkOptions } from '../engine/steps/walk-step';
import { asksSomething } from '../understanding/entities';
import type { Utterance } from '../understanding/utterance';

/** How the step a flow waits at reads its answer (a step that reads none counts as free text). */
export function promptKindOf(step: Step | undefined): PromptKind {
  if (step?.type === 'choose') return 'choose';
  if (step?.type === 'walk') return 'walk';
  if (step?.type === 'ask' && step.expect !== 'text') return 'ask';
  return 'text';
}

/**
 * Whether the message is the waiting step's own answer: a button's label always is; one of its
 * phrases is, unless the message is a question ("is it done automatically?" is not "Done").
 */
export function takesAsOption(step: Step | undefined, utterance: Utterance): boolean {
  const options: ReadonlyArray<Pick<FlowOption, 'label' | 'says' | 'value'>> | null = step?.type === 'choose' ? step.options : step?.type === 'walk' ? walkOptions(step) : null;
  // An ask step's suggested brands are choices too: "the second one" picks one, it doesn't start over.
  if (step?.type === 'ask' && step.suggest) return pickOption(utterance, step.suggest.map((id) => ({ label: id })), true) !== undefined;
  if (!options) return false;
  if (pickOption(utterance, options, true)) return true;
  if (asksSomething(utterance.text)) return false;
  return pickOption(utterance, options) !== undefined;
}

/**
 * What breaks into the flow waiting at `state`, if anything. A question asked while the question
 * flow waits (or an error in troubleshooting) is that flow's own answer; a choice that routes what
 * it doesn't take (the menu, "anything else?") has nothing to set aside; and a person asked for on
 * the way to one ("need a manager") is the summary the team reads.
 */
export function interruptionAt(state: SavedFlowState, utterance: Utterance, deps: { runner: FlowRunner; router: Router }): Interruption | null {
  const step = deps.runner.waitingStep(state);
  const found = deps.router.interruption(utterance, promptKindOf(step), takesAsOption(step, utterance));
  const routesTheRest = step?.type === 'choose' && step.otherwise === 'route';
  if (found?.kind === 'flow' && (found.flow === state.flow || routesTheRest)) return null;
  if (found?.kind === 'command' && found.command === 'person' && state.flow === deps.runner.global.flows.person) return null;
  return found;
}
