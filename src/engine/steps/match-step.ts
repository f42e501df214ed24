import type { SearchHit } from '../../knowledge/matcher';
import type { Move, StepContext, StepOf } from './step-context';
import { markTried } from '../slots';

/** Looks the input slot up in the knowledge base; answers, clarifies between near-ties, or falls back. */
export async function executeMatch(step: StepOf<'match'>, ctx: StepContext): Promise<Move> {
  const { matcher } = ctx.services;
  const { slots, state } = ctx;
  const brand = ctx.listed(slots.brand);
  const input = slots.text(step.input);
  const tried = new Set(step.skipTried ? slots.tried : []);
  const usable = (hits: SearchHit[]) => hits.filter((h) => !tried.has(h.id) && (!step.kinds || step.kinds.includes(h.kind)));
  // The slot usually holds this turn's message (its search is already done), else an earlier one.
  const found = input !== undefined ? ctx.turn.utterance.reread(input).search(brand) : undefined;
  // What the knowledge base couldn't answer is what the article writers should write next.
  // A brand without an article is noted by its name, so the report groups its questions under it.
  if (input !== undefined && found?.decision === 'abstain') await ctx.note('unanswered', { text: input, brand: brand ?? slots.brand ?? null });
  let hits = found ? usable(found.results) : [];
  if (hits.length === 0 && step.skipTried && found) hits = usable(found.suggestions);
  if (hits.length === 0 && step.fallback) {
    const fallback = matcher.versionFor(brand, step.fallback);
    if (!tried.has(fallback)) hits = [{ id: fallback, brand, kind: 'faq', title: '', score: 0 }];
  }
  if (hits.length === 0) return { to: step.onNone };
  // The matcher was torn, and what is left once tried entries are passed over is still a near tie.
  const tied = found?.decision === 'clarify' && matcher.nearTie(hits);
  if (tied) {
    state.slots.candidates = hits.slice(0, 3).map((h) => h.id);
    return { to: step.onClarify };
  }
  state.slots.match = hits[0]!.id;
  markTried(state.slots, hits[0]!.id);
  return { to: step.onAnswer };
}
