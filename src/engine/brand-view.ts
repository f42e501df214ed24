import type { Brand } from '../knowledge/brand-schema';
import type { KnowledgeCatalog } from '../knowledge/knowledge-catalog';

/** What the wording needs to know about a brand. */
export interface BrandView {
  name: string;
  needs: string[];
  steps: string[];
  marketplace: string;
  code: string;
  balance: string;
}

/** A brand slot seen three ways: listed in the knowledge base, typed but unlisted, or none yet. */
export function brandView(catalog: KnowledgeCatalog, slot: string | undefined): BrandView {
  const brand: Brand | undefined = slot !== undefined ? catalog.brand(slot) : undefined;
  const { generic } = catalog;
  if (brand) {
    return {
      name: brand.name,
      needs: brand.needs,
      steps: brand.steps,
      marketplace: brand.region.marketplace,
      code: brand.code.name,
      balance: firstSentence(brand.intro),
    };
  }
  return {
    name: slot ? slot : 'your card',
    needs: generic?.needs ?? [],
    steps: generic?.steps ?? [],
    marketplace: "the brand's own site",
    code: 'code',
    balance: 'The balance is now on your account with the brand.',
  };
}

function firstSentence(text: string): string {
  const match = /^.+?[.!?](?=\s|$)/.exec(text);
  // "A Amazon gift card adds to…" reads, once it's redeemed, as "Your Amazon gift card adds to…".
  return (match ? match[0] : text).replace(/^An? /, 'Your ');
}
