import { CurrencySchema, currencyOfCountry, formatMoney } from '../understanding/money';
import type { HandoffRecord } from './handoff-queue';
import type { MacroPlaceholder } from './macro-schema';

/** What a placeholder reads when the conversation doesn't know it: neutral words, never "{brand}" or "undefined". */
export const MACRO_FALLBACKS: Readonly<Record<Exclude<MacroPlaceholder, 'agent'>, string>> = {
  brand: 'the brand',
  card: 'your gift card',
  amount: 'the amount',
};

export interface MacroContext {
  /** The brand's display name ("Amazon"), or null when the conversation has none. */
  brandName: string | null;
  record: Pick<HandoffRecord, 'amount' | 'currency' | 'country'>;
  agentName: string;
}

/** A macro's text with its placeholders filled for one conversation (the loader refused unknown ones). */
export function fillMacro(text: string, context: MacroContext): string {
  const values = placeholderValues(context);
  return text.replace(/\{([^{}]*)\}/g, (whole, name: string) => (isPlaceholder(name, values) ? values[name] : whole));
}

function placeholderValues({ brandName, record, agentName }: MacroContext): Record<MacroPlaceholder, string> {
  return {
    brand: brandName ?? MACRO_FALLBACKS.brand,
    card: brandName ? `your ${brandName} gift card` : MACRO_FALLBACKS.card,
    amount: record.amount !== null && Number.isFinite(record.amount) ? formatMoney(record.amount, currencyOf(record)) : MACRO_FALLBACKS.amount,
    agent: agentName,
  };
}

/** As the bot words it (template-context.ts): the stated currency, else the marketplace country's, else dollars. */
function currencyOf(record: MacroContext['record']) {
  const stated = CurrencySchema.safeParse(record.currency);
  return stated.success ? stated.data : currencyOfCountry(record.country ?? null);
}

function isPlaceholder(name: string, values: Record<MacroPlaceholder, string>): name is MacroPlaceholder {
  return Object.hasOwn(values, name);
}
