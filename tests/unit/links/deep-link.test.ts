import { buildDeepLink } from '../../../src/links/deep-link';

const bases = { sell: 'https://market.example/sell', swap: 'https://market.example/swap?ref=bot' };

describe('buildDeepLink', () => {
  test('when a sale is linked, then brand, amount and utm values are encoded parameters of the base', () => {
    const url = new URL(buildDeepLink(bases, { kind: 'sell', brand: 'amazon', amount: 50, wanted: null, channel: 'msteams' }));
    expect(url.origin + url.pathname).toBe('https://market.example/sell');
    expect(Object.fromEntries(url.searchParams)).toEqual({ brand: 'amazon', amount: '50.00', utm_source: 'giftbot', utm_medium: 'msteams' });
  });

  test('when a swap is linked, then the wanted brand is added and the base keeps its own parameters', () => {
    const url = new URL(buildDeepLink(bases, { kind: 'swap', brand: 'steam', amount: 25.5, wanted: 'starbucks', channel: 'webchat' }));
    expect(url.searchParams.get('ref')).toBe('bot');
    expect(url.searchParams.get('want')).toBe('starbucks');
    expect(url.searchParams.get('amount')).toBe('25.50');
  });

  test('when values are not knowledge-base ids, then they never enter the URL', () => {
    const link = buildDeepLink(bases, { kind: 'swap', brand: 'x&admin=1', amount: NaN, wanted: 'javascript:alert(1)', channel: 'web chat"><script>' });
    const url = new URL(link);
    expect([...url.searchParams.keys()].sort()).toEqual(['ref', 'utm_medium', 'utm_source']);
    expect(url.searchParams.get('utm_medium')).toBe('chat');
    expect(link).not.toMatch(/admin|script|javascript/);
  });

  test('when an agent hands the link over, then utm_medium says agent and the channel moves to utm_content', () => {
    const url = new URL(buildDeepLink(bases, { kind: 'sell', brand: 'amazon', amount: 100, wanted: null, channel: 'msteams', by: 'agent' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({ brand: 'amazon', amount: '100.00', utm_source: 'giftbot', utm_medium: 'agent', utm_content: 'msteams' });
  });
});
