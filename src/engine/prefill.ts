import type { Utterance } from '../understanding/utterance';
import type { EngineServices } from './engine-services';
import type { LoadedFlow } from './flow-loader';
import { findAmount } from './input-readers';
import { slotView, type Slots } from './slots';

/** Fills the slots a flow's `prefill` asks for from the message that started it ("sell my $50 amazon card"). */
export function prefill(services: Pick<EngineServices, 'settings'>, loaded: LoadedFlow, slots: Slots, opening: Utterance): void {
  const wants = new Set(loaded.flow.prefill ?? []);
  const found = opening.search(slotView(slots).brand ?? null);
  if (found.country) slots.country = found.country;
  if (wants.has('brand') && found.mentioned[0]) slots.brand = found.mentioned[0];
  if (wants.has('wantedBrand') && found.mentioned[1]) slots.wantedBrand = found.mentioned[1];
  if (wants.has('amount')) {
    const amount = findAmount(opening.text, services.settings.maxAmount);
    if (amount !== null) slots.amount = amount;
  }
  if (wants.has('question') && !opening.blank) slots.question = opening.text;
  // "Fix an error" is a request, not the error: only text the knowledge base recognises fills it.
  if (wants.has('error') && found.suggestions.length > 0) slots.error = opening.text;
}
