import type { Move, StepContext, StepOf } from './step-context';

/**
 * Writes the named slots to one of the team's logs (survey answers, messages left, unanswered
 * questions); an unanswered question also keeps the message of this turn, which is the question.
 */
export async function executeRecord(step: StepOf<'record'>, ctx: StepContext): Promise<Move> {
  const values = Object.fromEntries(step.slots.map((slot) => [slot, ctx.state.slots[slot] ?? null]));
  await ctx.note(step.log, step.log === 'unanswered' ? { ...values, text: ctx.turn.utterance.text } : values);
  return ctx.onward(step.next);
}
