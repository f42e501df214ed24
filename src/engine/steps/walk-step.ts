import { brandView } from '../brand-view';
import type { Reply } from '../flow-types';
import { pickOption } from '../input-readers';
import { retry } from './retry';
import type { Move, StepContext, StepOf } from './step-context';

/** Walks through the brand's redeem steps one a turn: done, I got an error, or stop. */
export function executeWalk(step: StepOf<'walk'>, ctx: StepContext): Move {
  const { answer } = ctx;
  if (answer === null) {
    if (walkItems(ctx).length === 0) return ctx.onward(step.next);
    ctx.replies.push(walkPrompt(step, ctx));
    return { wait: true };
  }
  const picked = pickOption(answer, walkOptions(step));
  if (picked?.value === 'error') return { to: step.onError };
  if (picked?.value === 'stop') {
    ctx.effects.stopped = { ...ctx.state, waiting: true };
    return { to: step.onStop };
  }
  if (picked?.value === 'done') return advanceWalk(step, ctx);
  const prompt = walkPrompt(step, ctx);
  return retry(ctx, answer, prompt, { ...prompt, text: `${ctx.text(step.retry)}\n${prompt.text}` });
}

/** What a walkthrough's step takes as its answer: done, an error, or stop. */
export function walkOptions(step: StepOf<'walk'>): Array<{ label: string; says: string[]; value: 'done' | 'error' | 'stop' }> {
  return [
    { label: step.done, says: step.advance, value: 'done' },
    { label: step.error, says: ['error', 'got an error', 'problem', 'it failed'], value: 'error' },
    { label: step.stop, says: ['stop', 'later', 'not now'], value: 'stop' },
  ];
}

/** The next instruction ("Done", or "I already did that"), or on past the last one. */
export function advanceWalk(step: StepOf<'walk'>, ctx: StepContext): Move {
  const { state } = ctx;
  state.walk += 1;
  state.retries = 0;
  if (state.walk >= walkItems(ctx).length) return ctx.onward(step.next);
  ctx.replies.push(walkPrompt(step, ctx));
  return { wait: true };
}

/** The instructions a walk steps through, for the conversation's brand. */
export function walkItems(ctx: Pick<StepContext, 'services' | 'slots'>): string[] {
  return brandView(ctx.services.catalog, ctx.slots.brand).steps;
}

function walkPrompt(step: StepOf<'walk'>, ctx: StepContext): Reply {
  const items = walkItems(ctx);
  const { walk } = ctx.state;
  return {
    text: ctx.text(step.prompt, { 'walk.number': walk + 1, 'walk.count': items.length, 'walk.item': items[walk] }),
    choices: [step.done, step.error, step.stop],
  };
}
