import type { Utterance } from '../../understanding/utterance';
import type { Reply } from '../flow-types';
import type { Move, StepContext } from './step-context';
import { stuckOffer } from './stuck-offer';

/** How sure the matcher must be before an answer to some other question is taken as an error message. */
const INTERRUPT_SCORE = 0.6;
/** After this many unreadable answers in a row a person is offered, never the same prompt a third time. */
const OFFER_AT = 2;
/** An answer after the offer that is neither the offer's nor the step's: the menu. */
const MAX_RETRIES = 3;

/**
 * An answer a waiting step (ask, choose, walk) can't read. If it is an error message the knowledge
 * base knows, answer it and ask `again` where we were; otherwise say how to answer (`help`). The
 * second miss in a row offers a person (or another try); a miss after that offer: the menu.
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
  if (ctx.state.retries >= OFFER_AT) {
    ctx.state.offered = true;
    ctx.replies.push(stuckOffer(flows.global));
    return { wait: true };
  }
  ctx.replies.push(help);
  return { wait: true };
}
