import type { EngineServices } from './engine-services';
import type { LoadedFlow } from './flow-loader';
import { findAmount, isBlank } from './input-readers';
import { slotView, type Slots } from './slots';

/** Fills the slots a flow's `prefill` asks for from the message that started it ("sell my $50 amazon card"). */
export function prefill(services: Pick<EngineServices, 'matcher' | 'settings'>, loaded: LoadedFlow, slots: Slots, opening: string): void {
  const wants = new Set(loaded.flow.prefill ?? []);
  const found = services.matcher.search(opening, { brand: slotView(slots).brand ?? null });
  if (found.country) slots.country = found.country;
  if (wants.has('brand') && found.mentioned[0]) slots.brand = found.mentioned[0];
  if (wants.has('wantedBrand') && found.mentioned[1]) slots.wantedBrand = found.mentioned[1];
  if (wants.has('amount')) {
    const amount = findAmount(opening, services.settings.maxAmount);
    if (amount !== null) slots.amount = amount;
  }
  if (wants.has('question') && !isBlank(opening)) slots.question = opening;
  // "Fix an error" is a request, not the error: only text the knowledge base recognises fills it.
  if (wants.has('error') && found.suggestions.length > 0) slots.error = opening;
}
