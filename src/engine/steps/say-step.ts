import type { Move, StepContext, StepOf } from './step-context';

/** Says its text and moves on. */
export function executeSay(step: StepOf<'say'>, ctx: StepContext): Move {
  ctx.replies.push({ text: ctx.text(step.text) });
  return ctx.onward(step.next);
}
