import type { KnowledgeCatalog } from '../knowledge/knowledge-catalog';
import { CurrencySchema, currencyOfCountry, formatMoney, type Currency } from '../understanding/money';
import { brandView } from './brand-view';
import type { EngineSettings } from './engine-settings';
import { slotView, type Slots } from './slots';

/** Values a single step adds to the wording: {walk.number}, {link.url}, {handoff.position}… */
export type TemplateExtras = Record<string, string | number | undefined>;

/** What the placeholders of flow wording stand for, from the conversation's slots and the settings. */
export function templateContext(sources: { catalog: KnowledgeCatalog; settings: EngineSettings }, stored: Readonly<Slots>, extra: TemplateExtras = {}): TemplateExtras {
  const { catalog, settings } = sources;
  const slots = slotView(stored);
  const brand = brandView(catalog, slots.brand);
  const wanted = brandView(catalog, slots.wantedBrand);
  const match = slots.match !== undefined ? catalog.entry(slots.match) : undefined;
  const currency = cardCurrency(stored);
  return {
    'brand.name': brand.name,
    // A markdown list (one "- " item a line): Web Chat and Teams render it as a list, a terminal reads it as one.
    'brand.needs': brand.needs.map((n) => `- ${n}`).join('\n'),
    'brand.marketplace': brand.marketplace,
    'brand.code': brand.code,
    'brand.balance': brand.balance,
    'wanted.name': wanted.name,
    amount: slots.amount?.toFixed(2),
    'amount.money': slots.amount !== undefined ? formatMoney(slots.amount, currency) : undefined,
    'amount.max': formatMoney(settings.maxAmount, currency),
    'match.title': match?.title,
    'match.answer': match?.body,
    'config.maxAmount': settings.maxAmount,
    'handoff.hours': settings.supportHours,
    ...extra,
  };
}

/** The card's currency: as the customer stated it, else its marketplace country's; null when neither is known. */
export function cardCurrency(stored: Readonly<Slots>): Currency | null {
  const stated = CurrencySchema.safeParse(stored.currency);
  return stated.success ? stated.data : currencyOfCountry(slotView(stored).country);
}
