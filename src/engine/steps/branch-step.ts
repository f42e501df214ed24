import { evaluate, type Facts } from '../conditions';
import type { Move, StepContext, StepOf } from './step-context';

/** Goes to the first case whose condition holds, else to `else`. */
export function executeBranch(step: StepOf<'branch'>, ctx: StepContext): Move {
  const facts = factsOf(ctx);
  return { to: step.cases.find((c) => evaluate(c.when, ctx.state.slots, facts))?.next ?? step.else };
}

/** What the engine knows beyond the slots, for conditions. */
function factsOf(ctx: StepContext): Facts {
  const { slots } = ctx;
  const brand = slots.brand !== undefined ? ctx.services.catalog.brand(slots.brand) : undefined;
  return {
    brandListed: brand !== undefined,
    regionMismatch: Boolean(brand && slots.country !== undefined && slots.country !== brand.region.country),
    inGroup: ctx.turn.isGroup,
  };
}
