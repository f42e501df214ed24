import { readMarketplaceCountry } from '../understanding/entities';
import type { Utterance } from '../understanding/utterance';
import type { EngineServices } from './engine-services';
import type { LoadedFlow } from './flow-loader';
import { findMoney } from './input-readers';
import { slotView, type Slots } from './slots';

/** Fills the slots a flow's `prefill` asks for from the message that started it ("sell my $50 amazon card"). */
export function prefill(services: Pick<EngineServices, 'settings' | 'otherBrands'>, loaded: LoadedFlow, slots: Slots, opening: Utterance): void {
  const wants = new Set(loaded.flow.prefill ?? []);
  const found = opening.search(slotView(slots).brand ?? null);
  const country = found.country ?? readMarketplaceCountry(opening.text);
  if (country) slots.country = country;
  if (wants.has('brand') && found.mentioned[0]) slots.brand = found.mentioned[0];
  // A brand with no article, by its own name ("Roblox"): the flow says it has no steps for it.
  else if (wants.has('brand') && !found.mentioned[0]) {
    const other = services.otherBrands?.find(opening.text);
    if (other) slots.brand = other;
  }
  if (wants.has('wantedBrand') && found.mentioned[1]) slots.wantedBrand = found.mentioned[1];
  if (wants.has('amount')) {
    // An amount over the limit is left for the amount prompt, which says why it is too much.
    const money = findMoney(opening.text, country);
    if (money && money.amount > 0 && money.amount <= services.settings.maxAmount) {
      slots.amount = money.amount;
      if (money.currency) slots.currency = money.currency;
    }
  }
  if (wants.has('question') && !opening.blank) slots.question = opening.text;
  // "Fix an error" is a request, not the error: only text the knowledge base recognises fills it.
  if (wants.has('error') && found.suggestions.length > 0) slots.error = opening.text;
}
