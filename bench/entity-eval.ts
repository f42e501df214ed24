import { readContact, readMarketplaceCountry, readYesNo } from '../src/understanding/entities';
import { readMoney } from '../src/understanding/money';
import type { LabelledUtterance } from './understanding-eval';

/** For each kind of entity the held-out writers labelled: how many of those messages the readers get right. */
export function scoreEntities(set: readonly LabelledUtterance[]): Record<string, { right: number; of: number }> {
  const figures: Record<string, { right: number; of: number }> = {};
  const count = (kind: string, right: boolean) => {
    const row = (figures[kind] ??= { right: 0, of: 0 });
    row.of++;
    if (right) row.right++;
  };
  for (const { text, entities } of set) {
    if (!entities) continue;
    const country = readMarketplaceCountry(text);
    // The amount as a message states it (no prompt asked for a bare number).
    const money = readMoney(text, { country });
    if (entities.amount !== undefined) count('amount', money?.amount === entities.amount);
    if (entities.currency !== undefined) count('currency', money?.currency === entities.currency);
    if (entities.country !== undefined) count('country', country === entities.country);
    if (entities.yesno !== undefined) count('yes/no', readYesNo(text) === entities.yesno);
    const contact = entities.email !== undefined || entities.phone !== undefined ? readContact(text) : null;
    if (entities.email !== undefined) count('email', contact?.email?.toLowerCase() === entities.email.toLowerCase());
    if (entities.phone !== undefined) count('phone', (contact?.phone ?? '').replace(/\D/g, '') === entities.phone.replace(/\D/g, ''));
  }
  return figures;
}

export function describeEntities(name: string, figures: Record<string, { right: number; of: number }>): string {
  const parts = Object.entries(figures).map(([kind, { right, of }]) => `${kind} ${right}/${of}`);
  return `${name}: entities read as labelled — ${parts.join(', ')}`;
}
