import type { EngineServices } from './engine-services';
import type { EngineSettings } from './engine-settings';
import { findAmount } from './input-readers';
import type { SlotView } from './slots';

/** What a request for a person says about the card, for the agent's queue and links. */
export interface HandoffFacts {
  /** A listed brand's id, or the name of a brand without an article ("Roblox"); null when unknown. */
  brand: string | null;
  amount: number | null;
  /** For a swap: the listed brand wanted instead. */
  wanted: string | null;
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
  const amount = slots.amount ?? findAmount(summary, services.settings.maxAmount);
  return { brand, amount, wanted: listed(slots.wantedBrand) };
}
