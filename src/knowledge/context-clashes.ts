import { tokenize } from '../text/tokenize';
import type { Problem } from '../validation/problem';
import type { BrandNames } from './brand-resolver';

/**
 * Context words two brands share: "windows" in the Apple and Xbox articles, "switch" in Nintendo's
 * and Fortnite's. Not an error — the resolver picks neither for a shared context word, and a
 * brand's own name or alias wins over another brand's context word — but a name that points nowhere
 * is worth a look, so `giftbot kb check` prints each one as a warning naming both brands.
 */
export function findContextClashes(brands: readonly BrandNames[]): Problem[] {
  const contexts = new Map<string, string[]>();
  const names = new Map<string, string>();
  for (const brand of brands) {
    for (const name of [brand.name, ...brand.aliases]) names.set(keyOf(name), brand.id);
    for (const context of brand.contexts ?? []) {
      const owners = contexts.get(keyOf(context)) ?? [];
      if (!owners.includes(brand.id)) contexts.set(keyOf(context), [...owners, brand.id]);
    }
  }
  const warnings: Problem[] = [];
  for (const brand of [...brands].sort((a, b) => a.id.localeCompare(b.id))) {
    (brand.contexts ?? []).forEach((context, i) => {
      const file = `${brand.id}.json`;
      const path = `contexts[${i}]`;
      const named = names.get(keyOf(context));
      if (named && named !== brand.id) {
        warnings.push({ file, path, message: `"${context}" is the name of brand "${named}", which wins: the context word never points to "${brand.id}"` });
      }
      const others = (contexts.get(keyOf(context)) ?? []).filter((id) => id !== brand.id);
      if (others.length > 0) {
        warnings.push({ file, path, message: `"${context}" is also a context word of ${others.map((id) => `"${id}"`).join(', ')}: a name two brands share points to neither` });
      }
    });
  }
  return warnings;
}

function keyOf(name: string): string {
  return tokenize(name).words.join(' ');
}
