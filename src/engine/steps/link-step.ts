import { buildDeepLink } from '../../links/deep-link';
import { cardCurrency } from '../template-context';
import type { Move, StepContext, StepOf } from './step-context';

/** A deep link into the marketplace's sell or swap flow, pre-filled with brand and amount. */
export function executeLink(step: StepOf<'link'>, ctx: StepContext): Move {
  const { slots, state } = ctx;
  const brand = ctx.listed(slots.brand);
  const url = buildDeepLink(
    ctx.services.settings.links,
    {
      kind: state.slots.mode === 'swap' ? 'swap' : 'sell',
      brand,
      amount: slots.amount ?? null,
      currency: slots.amount !== undefined ? cardCurrency(state.slots) : null,
      country: slots.country ?? null,
      wanted: ctx.listed(slots.wantedBrand),
      channel: ctx.turn.channel,
    },
  );
  // A brand was named but the marketplace doesn't list it: the link opens the flow without it, and says so.
  const wording = brand || !state.slots.brand ? step.text : step.unlisted;
  ctx.replies.push({ text: ctx.text(wording, { 'link.url': url }), link: { url, label: ctx.text(step.button) } });
  return ctx.onward(step.next);
}
