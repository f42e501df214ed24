import type { Move, StepContext, StepOf } from './step-context';

/** Ends the flow, with a last word when it has one. */
export function executeEnd(step: StepOf<'end'>, ctx: StepContext): Move {
  if (step.text) ctx.replies.push({ text: ctx.text(step.text) });
  return { end: true };
}
