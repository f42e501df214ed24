import type { Move, StepContext, StepOf } from './step-context';
import type { Step } from '../flow-schema';
import { advanceWalk } from './walk-step';

/**
 * "I already did that" at the waiting step: the move past it, or null when the flow still needs
 * this answer. A walk goes to its next instruction (as Done does); an ask or a choice moves on only
 * when its slot already holds a value — the flow would otherwise go on without what it needs.
 */
export function skipMove(step: Step, ctx: StepContext): Move | null {
  switch (step.type) {
    case 'walk':
      return advanceWalk(step, ctx);
    case 'ask':
      return filled(ctx, step.slot) ? ctx.onward(step.next) : null;
    case 'choose':
      return skipChoice(step, ctx);
    // The rest never wait for an answer, so there is nothing to skip at them.
    case 'say':
    case 'match':
    case 'branch':
    case 'set':
    case 'link':
    case 'handoff':
    case 'record':
    case 'goto':
    case 'end':
      return null;
    default: {
      const unknown: never = step;
      return unknown;
    }
  }
}

/** The option the slot's value stands for, followed as if it were picked again. */
function skipChoice(step: StepOf<'choose'>, ctx: StepContext): Move | null {
  if (!step.slot || !filled(ctx, step.slot)) return null;
  const value = ctx.state.slots[step.slot];
  const option = step.options.find((o) => (o.value ?? ctx.text(o.label)) === value);
  if (!option) return null;
  return option.flow ? { flow: option.flow } : { to: option.next! };
}

function filled(ctx: StepContext, slot: string): boolean {
  const value = ctx.state.slots[slot];
  return value !== undefined && value !== null && value !== '';
}
