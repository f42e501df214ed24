import { brandView } from '../brand-view';
import type { Reply } from '../flow-types';
import { pickOption } from '../input-readers';
import { retry } from './retry';
import type { Move, StepContext, StepOf } from './step-context';

/** Walks through the brand's redeem steps one a turn: done, I got an error, or stop. */
export function executeWalk(step: StepOf<'walk'>, ctx: StepContext): Move {
  const { answer, state } = ctx;
  const items = brandView(ctx.services.catalog, ctx.slots.brand).steps;
  const prompt = (): Reply => ({
    text: ctx.text(step.prompt, { 'walk.number': state.walk + 1, 'walk.count': items.length, 'walk.item': items[state.walk] }),
    choices: [step.done, step.error, step.stop],
  });
  if (answer === null) {
    if (items.length === 0) return ctx.onward(step.next);
    ctx.replies.push(prompt());
    return { wait: true };
  }
  const picked = pickOption(answer, [
    { label: step.done, says: step.advance, value: 'done' },
    { label: step.error, says: ['error', 'got an error', 'problem', 'it failed'], value: 'error' },
    { label: step.stop, says: ['stop', 'later', 'not now'], value: 'stop' },
  ]);
  if (picked?.value === 'error') return { to: step.onError };
  if (picked?.value === 'stop') return { to: step.onStop };
  if (picked?.value === 'done') {
    state.walk += 1;
    state.retries = 0;
    if (state.walk >= items.length) return ctx.onward(step.next);
    ctx.replies.push(prompt());
    return { wait: true };
  }
  return retry(ctx, answer, prompt(), { ...prompt(), text: `${ctx.text(step.retry)}\n${prompt().text}` });
}
