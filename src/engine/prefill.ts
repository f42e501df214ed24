import { nameWords } from '../knowledge/other-brands';
import { readMarketplaceCountry } from '../understanding/entities';
import type { Utterance } from '../understanding/utterance';
import type { EngineServices } from './engine-services';
import type { LoadedFlow } from './flow-loader';
import { findMoney } from './input-readers';
import { slotView, type Slots } from './slots';

/** Where a listed brand's id or name first shows as a word in the text; past the end when it doesn't. */
function wordOf(text: string, brandId: string): number {
  const words = nameWords(text);
  const key = nameWords(brandId.replace(/-/g, ' '))[0] ?? brandId;
  const at = words.findIndex((w) => w.startsWith(key.slice(0, 4)));
  return at === -1 ? words.length : at;
}

/** Fills the slots a flow's `prefill` asks for from the message that started it ("sell my $50 amazon card"). */
export function prefill(services: Pick<EngineServices, 'settings' | 'otherBrands'>, loaded: LoadedFlow, slots: Slots, opening: Utterance): void {
  const wants = new Set(loaded.flow.prefill ?? []);
  const found = opening.search(slotView(slots).brand ?? null);
  const country = found.country ?? readMarketplaceCountry(opening.text);
  if (country) slots.country = country;
  const listed = found.mentioned;
  // A brand with no article, by its own name ("Roblox"); named before a listed one, it is the card's
  // ("swap my roblox card for amazon"), and the listed one the brand wanted.
  const other = wants.has('brand') ? services.otherBrands?.findAt(opening.text) : undefined;
  const otherFirst = other && (listed.length === 0 || (listed.length === 1 && wants.has('wantedBrand') && other.word < wordOf(opening.text, listed[0]!)));
  if (otherFirst) {
    slots.brand = other.name;
    if (listed[0]) slots.wantedBrand = listed[0];
  } else {
    if (wants.has('brand') && listed[0]) slots.brand = listed[0];
    if (wants.has('wantedBrand') && listed[1]) slots.wantedBrand = listed[1];
    // "swap my amazon card for a roblox one": the brand without an article is the one wanted.
    else if (wants.has('wantedBrand') && other && listed.length === 1) slots.wantedBrand = other.name;
  }
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
