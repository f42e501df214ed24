import type { Condition, Fact } from './flow-schema';
import type { Slots } from './slots';

export type Facts = Record<Fact, boolean>;

/** Evaluates a branch condition — data, never code — against the slots and the engine's facts. */
export function evaluate(condition: Condition, slots: Readonly<Slots>, facts: Readonly<Facts>): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluate(c, slots, facts));
  if ('any' in condition) return condition.any.some((c) => evaluate(c, slots, facts));
  if ('not' in condition) return !evaluate(condition.not, slots, facts);
  if ('fact' in condition) return facts[condition.fact] === (condition.is ?? true);
  const value = slots[condition.slot];
  if ('set' in condition) return (value !== undefined && value !== null && value !== '') === condition.set;
  if ('equals' in condition) return value === condition.equals;
  return typeof value === 'number' && value >= condition.atLeast;
}
