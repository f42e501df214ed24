import type { EngineServices } from './engine-services';
import type { EngineSettings } from './engine-settings';
import { CurrencySchema } from '../understanding/money';
import { readMarketplaceCountry } from '../understanding/entities';
import { findAmount, findMoney } from './input-readers';
import type { SlotView } from './slots';

/** What a request for a person says about the card, for the agent's queue and links. */
export interface HandoffFacts {
  /** A listed brand's id, or the name of a brand without an article ("Roblox"); null when unknown. */
  brand: string | null;
  amount: number | null;
  /** For a swap: the listed brand wanted instead. */
  wanted: string | null;
  /** ISO 4217 of the amount, as the customer stated it ("€50"); null when they didn't. */
  currency: string | null;
  /** ISO 3166 alpha-2 of the marketplace the customer named ("amazon.de" → DE); null when none. */
  country: string | null;
}

type Readers = Pick<EngineServices, 'catalog' | 'matcher' | 'otherBrands'> & { settings: Pick<EngineSettings, 'maxAmount'> };

/**
 * The card's facts as the conversation left them, else as the one-line summary states them
 * ("$25 Xbox card won't load"): a customer who asks for a person first names the card only there,
 * and the agent should not see "Brand not known" above a line that says it. The summary is read by
 * the readers the bot uses on any message — the matcher's brand resolver (ids, names, aliases, typos),
 * then the brands without an article — so it can't name a brand the bot wouldn't.
 */
export function handoffFacts(services: Readers, slots: SlotView, summary: string): HandoffFacts {
  const listed = (brand: string | null | undefined) => (brand && services.catalog.brand(brand) ? brand : null);
  // A slot holds a name as typed when no other-brands list is loaded: only a name that list knows is kept.
  const other = (name: string | undefined) => (name && services.otherBrands?.find(name) === name ? name : null);
  const brand = listed(slots.brand) ?? other(slots.brand) ?? listed(services.matcher.findBrand(summary)) ?? services.otherBrands?.find(summary) ?? null;
  // Country and currency only as the customer gave them: the agent must not read a guess as a fact
  // (a brand's home storefront is not the customer's, "$" alone is not a country).
  const country = slots.country ?? readMarketplaceCountry(summary);
  const summaryMoney = slots.amount === undefined ? findMoney(summary, country) : null;
  const amount = slots.amount ?? findAmount(summary, services.settings.maxAmount);
  const stated = slots.amount !== undefined ? CurrencySchema.safeParse(slots.text('currency')).data : summaryMoney?.amount === amount ? summaryMoney?.currency : undefined;
  return { brand, amount, wanted: listed(slots.wantedBrand), currency: amount === null ? null : (stated ?? null), country };
}
