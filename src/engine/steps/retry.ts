import type { Utterance } from '../../understanding/utterance';
import type { Reply } from '../flow-types';
import type { Move, StepContext } from './step-context';

/** How sure the matcher must be before an answer to some other question is taken as an error message. */
const INTERRUPT_SCORE = 0.6;
/** After this many unreadable answers in a row the person is offered the menu instead. */
const MAX_RETRIES = 3;

/**
 * An answer a waiting step (ask, choose, walk) can't read. If it is an error message the knowledge
 * base knows, answer it and ask `again` where we were; otherwise say how to answer (`help`). Too
 * many misses: the menu.
 */
export function retry(ctx: StepContext, answer: Utterance, again: Reply, help: Reply): Move {
  const { catalog, flows } = ctx.services;
  const found = answer.search(ctx.slots.brand ?? null);
  const top = found.results[0];
  // Only something that reads like a pasted message counts: "0" is a bad amount, not an error.
  const looksPasted = answer.text.trim().split(/\s+/).length >= 2 && (top?.score ?? 0) >= INTERRUPT_SCORE;
  if (found.decision === 'answer' && top?.kind === 'error' && looksPasted) {
    const entry = catalog.entry(top.id)!;
    ctx.replies.push({ text: `**${entry.title}**\n${entry.body}` }, { text: flows.global.says.resume });
    ctx.replies.push(again);
    return { wait: true };
  }
  ctx.state.retries += 1;
  if (ctx.state.retries >= MAX_RETRIES) return { flow: flows.global.flows.menu };
  ctx.replies.push(help);
  return { wait: true };
}
