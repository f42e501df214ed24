/**
 * Deep links into the marketplace's sell and swap flows. A link is only ever built from a
 * configured base URL; every value goes in as an encoded query parameter, and brands only as ids
 * from the knowledge base — nothing a person typed ever becomes part of a URL by itself.
 */
export type LinkKind = 'sell' | 'swap';

export interface LinkBases {
  sell: string;
  swap: string;
}

export interface LinkRequest {
  kind: LinkKind;
  /** A knowledge-base brand id, or null for a brand the marketplace doesn't list. */
  brand: string | null;
  amount: number | null;
  /** The card's currency (ISO 4217, "EUR"), when the customer stated one or its marketplace implies one; USD, the marketplace's own, is left out. */
  currency?: string | null;
  /** The card's marketplace country (ISO 3166, "DE"; GB for the UK), when a domain like amazon.de named it. */
  country?: string | null;
  /** For a swap: the brand id wanted instead. */
  wanted: string | null;
  /** The channel the conversation is on (utm_medium, or utm_content for an agent's link). */
  channel: string;
  /**
   * Who hands the link over: the bot (the default) or a support agent. An agent's link says
   * utm_medium=agent, so sales an agent drove can be told from the bot's own.
   */
  by?: 'bot' | 'agent';
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CURRENCY = /^[A-Z]{3}$/;
const COUNTRY = /^[A-Z]{2}$/;

export function buildDeepLink(bases: LinkBases, request: LinkRequest): string {
  const url = new URL(bases[request.kind]);
  const set = (key: string, value: string | null) => {
    if (value !== null) url.searchParams.set(key, value);
  };
  set('brand', request.brand && ID.test(request.brand) ? request.brand : null);
  set('amount', request.amount !== null && Number.isFinite(request.amount) ? request.amount.toFixed(2) : null);
  set('currency', request.currency && CURRENCY.test(request.currency) && request.currency !== 'USD' ? request.currency : null);
  set('country', request.country && COUNTRY.test(request.country) ? request.country : null);
  if (request.kind === 'swap') set('want', request.wanted && ID.test(request.wanted) ? request.wanted : null);
  set('utm_source', 'giftbot');
  const channel = ID.test(request.channel) ? request.channel : 'chat';
  set('utm_medium', request.by === 'agent' ? 'agent' : channel);
  if (request.by === 'agent') set('utm_content', channel);
  return url.toString();
}
