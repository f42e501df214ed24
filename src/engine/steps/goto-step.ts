import type { Move, StepOf } from './step-context';

/** Continues in another flow, from its first step. */
export function executeGoto(step: StepOf<'goto'>): Move {
  return { flow: step.flow };
}
