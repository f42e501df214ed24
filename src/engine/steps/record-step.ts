import type { Move, StepContext, StepOf } from './step-context';

/** Writes the named slots to one of the team's logs (survey answers, messages left). */
export async function executeRecord(step: StepOf<'record'>, ctx: StepContext): Promise<Move> {
  await ctx.note(step.log, Object.fromEntries(step.slots.map((slot) => [slot, ctx.state.slots[slot] ?? null])));
  return ctx.onward(step.next);
}
