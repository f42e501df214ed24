import type { Move, StepContext, StepOf } from './step-context';

/** Sets a slot to a value, or adds to a counter (a missing or non-number slot counts as 0). */
export function executeSet(step: StepOf<'set'>, ctx: StepContext): Move {
  const { slots } = ctx.state;
  const old = slots[step.slot];
  slots[step.slot] = step.add !== undefined ? (typeof old === 'number' ? old : 0) + step.add : step.value ?? null;
  return ctx.onward(step.next);
}
