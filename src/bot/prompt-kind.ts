import type { FlowOption, Step } from '../engine/flow-schema';
import { pickOption } from '../engine/input-readers';
import { QUESTION, type PromptKind } from '../engine/router';
import { walkOptions } from '../engine/steps/walk-step';
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
  if (!options) return false;
  if (pickOption(utterance, options, true)) return true;
  if (QUESTION.test(utterance.normalized)) return false;
  return pickOption(utterance, options) !== undefined;
}
