import { pickOption } from '../input-readers';
import { retry } from './retry';
import type { Move, StepContext, StepOf } from './step-context';
import { markTried } from '../slots';

/** Offers options as buttons (and, after a near-tie, the knowledge entries it was torn between). */
export function executeChoose(step: StepOf<'choose'>, ctx: StepContext): Move {
  const { answer, state } = ctx;
  const candidates = step.candidates ? candidateOptions(ctx) : [];
  const labels = [...candidates.map((c) => c.label), ...step.options.map((o) => ctx.text(o.label))];
  if (answer === null) {
    ctx.replies.push({ text: ctx.text(step.prompt), choices: labels });
    return { wait: true };
  }
  // Where free text is routed, only a tapped button (or its number) picks: "sell my $20 steam card"
  // typed at the menu is a whole request, better read by the router than as "Sell or swap".
  const exactOnly = step.otherwise === 'route';
  const picked = pickOption(answer, [...candidates, ...step.options.map((o) => ({ ...o, label: ctx.text(o.label) }))], exactOnly);
  if (!picked && step.otherwise === 'route') return { reroute: true };
  if (!picked) {
    return retry(ctx, answer, { text: ctx.text(step.prompt), choices: labels }, { text: ctx.text(step.retry), choices: labels });
  }
  if ('entry' in picked) {
    state.slots.match = picked.entry;
    markTried(state.slots, picked.entry);
    return { to: step.candidates!.next };
  }
  if (step.slot) state.slots[step.slot] = picked.value ?? picked.label;
  return picked.flow ? { flow: picked.flow } : { to: picked.next! };
}

function candidateOptions(ctx: StepContext): Array<{ label: string; entry: string; says?: string[]; value?: string }> {
  return ctx.slots.candidates.flatMap((id) => {
    const entry = ctx.services.catalog.entry(id);
    return entry ? [{ label: entry.title, entry: id }] : [];
  });
}
