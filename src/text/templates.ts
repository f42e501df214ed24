/**
 * `{brand.name}`-style placeholders in the wording of flows. Only the names below exist; stage-two
 * validation rejects any other, so a typo in a data file never reaches a customer as "{brnad.name}".
 */
export const PLACEHOLDERS: ReadonlySet<string> = new Set([
  'brand.name',
  'brand.needs',
  'brand.marketplace',
  'brand.code',
  'brand.balance',
  'wanted.name',
  'amount',
  'amount.money',
  'amount.max',
  'match.title',
  'match.answer',
  'walk.number',
  'walk.count',
  'walk.item',
  'handoff.position',
  'handoff.wait',
  'handoff.hours',
  'handoff.to',
  'agent.name',
  'agent.text',
  'config.maxAmount',
  'link.url',
]);

const PLACEHOLDER = /\{([a-zA-Z]+(?:\.[a-zA-Z]+)?)\}/g;

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Fills placeholders; one with no value renders as an empty string rather than leaking braces. */
export function render(text: string, values: Readonly<Record<string, string | number | undefined>>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    return value === undefined ? '' : String(value);
  });
}
