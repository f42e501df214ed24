import { buildDeepLink } from '../../../src/links/deep-link';
import { formatMoney, isQuestion, readContact, readMarketplaceCountry, readMoney, readOrdinal, readYesNo } from '../../../src/understanding/entities';

describe('readMoney', () => {
  test.each([
    ['€50', 50, 'EUR'], ['£40', 40, 'GBP'], ['50 eur', 50, 'EUR'], ['twenty dollars', 20, 'USD'], ['25 bucks', 25, 'USD'],
    ['$25.50', 25.5, 'USD'], ['USD 1,000', 1000, 'USD'], ['CAD 40', 40, 'CAD'], ['A$30', 30, 'AUD'], ['fifty quid', 50, 'GBP'],
    ['got a €50 amazon.de voucher', 50, 'EUR'], ['sell my $20 amazon card', 20, 'USD'],
  ])('when the text says "%s", then it is %d %s', (text, amount, currency) => {
    expect(readMoney(text)).toEqual({ amount, currency });
  });

  test('when "$" is written and the marketplace is amazon.ca or amazon.com.au, then it is that country\'s dollar; € stays EUR', () => {
    expect(readMoney('$40', { country: 'CA' })).toEqual({ amount: 40, currency: 'CAD' });
    expect(readMoney('30 bucks', { country: 'AU' })).toEqual({ amount: 30, currency: 'AUD' });
    expect(readMoney('€40', { country: 'CA' })).toEqual({ amount: 40, currency: 'EUR' });
  });

  test('when the prompt asked for an amount, then a bare number is one, in the country\'s currency if known', () => {
    expect(readMoney('50', { bare: true })).toEqual({ amount: 50, currency: null });
    expect(readMoney('fifty', { bare: true })).toEqual({ amount: 50, currency: null });
    expect(readMoney('50', { bare: true, country: 'DE' })).toEqual({ amount: 50, currency: 'EUR' });
    expect(readMoney('50')).toBeNull();
  });

  test.each([
    ['an error code', '2813-0001'], ['an order number', 'order 112-3456789-1234567'], ['two amounts', '$50 for a $100 card'],
    ['a negative amount', '-$20'], ['cents', '20 cents'], ['two numbers', '10 or 20'], ['nothing', 'my card is broken'],
  ])('when the answer is %s ("%s"), then it is not an amount', (_, text) => {
    expect(readMoney(text, { bare: true })).toBeNull();
  });

  test('when a long message states money far in, then only a window is read and it is still found', () => {
    expect(readMoney(`${'blah '.repeat(400)}and it is a €75 card ${'blah '.repeat(400)}`)).toEqual({ amount: 75, currency: 'EUR' });
  });

  test('when an amount is named in a reply, then its currency shows: €40, £25.50, $50, C$2,000', () => {
    expect([formatMoney(40, 'EUR'), formatMoney(25.5, 'GBP'), formatMoney(50, 'USD'), formatMoney(50, null), formatMoney(2000, 'CAD')]).toEqual(['€40', '£25.50', '$50', '$50', 'C$2,000']);
  });
});

describe('readYesNo', () => {
  test.each(['yeah that worked', 'yep', 'it worked!', 'yes please', 'ok', 'fixed it, thanks'])('when the answer is "%s", then it is yes', (text) => {
    expect(readYesNo(text)).toBe('yes');
  });

  test.each(['nope', 'not really', 'still broken', 'no it still says invalid', 'no thanks', "didn't work", 'yes but it still says invalid'])('when the answer is "%s", then it is no', (text) => {
    expect(readYesNo(text)).toBe('no');
  });

  test.each(['yes but how do I add it to my account?', 'I paid 500 for it?', 'how do i check the balance', 'not sure', 'hmm', 'thanks'])('when the answer is "%s" (a question or neither), then it is not a plain yes or no', (text) => {
    expect(readYesNo(text)).toBeNull();
  });

  test('when a question ends with "?" or starts with a question word, then it is a question', () => {
    expect([isQuestion('ok?'), isQuestion('what now'), isQuestion('ok'), isQuestion('yes it did')]).toEqual([true, true, false, false]);
  });
});

describe('readOrdinal', () => {
  test.each([['2', 2], ['the second one', 2], ['second', 2], ['2nd', 2], ['number 3', 3], ['option two', 2], ['the last one', 3], ['the first one', 1]])(
    'when the reply is "%s" among three, then it picks %d', (text, index) => {
      expect(readOrdinal(text, 3)).toBe(index);
    },
  );

  test.each(['9', 'the fifth one', '7-eleven', 'second hand card', 'i want to sell it', ''])('when the reply is "%s", then it picks none of three', (text) => {
    expect(readOrdinal(text, 3)).toBeNull();
  });
});

describe('readContact', () => {
  test('when a message gives an email address or a phone number, then each is found in the sentence', () => {
    expect(readContact('you can reach me at casey@example.com, thanks')).toEqual({ email: 'casey@example.com' });
    expect(readContact('call me on +1 415 555 0100 after 5')).toEqual({ phone: '+1 415 555 0100' });
    expect(readContact('casey@example.com or 020 7946 0958')).toEqual({ email: 'casey@example.com', phone: '020 7946 0958' });
  });

  test.each(['2813-0001', 'order 112-3456789-1234567', 'my card ends 4821', 'no thanks'])('when the message is "%s", then it is no contact', (text) => {
    expect(readContact(text)).toBeNull();
  });
});

describe('readMarketplaceCountry', () => {
  test.each([['amazon.de', 'DE'], ['a card from amazon.co.uk', 'GB'], ['it says .ca on it', 'CA'], ['amazon.com.au', 'AU'], ['i bought it on amazon.de.', 'DE']])(
    'when the text names %s, then the country is %s', (text, country) => {
      expect(readMarketplaceCountry(text)).toBe(country);
    },
  );

  test.each(['amazon.com', 'email me at casey@web.de', 'my amazon card'])('when the text is "%s", then no marketplace country is named', (text) => {
    expect(readMarketplaceCountry(text)).toBeNull();
  });
});

describe('deep link with currency', () => {
  const bases = { sell: 'https://marketplace.example/sell', swap: 'https://marketplace.example/swap' };

  test('when the card is in euros from amazon.de, then the link carries currency=EUR and country=DE; USD, the default, is left out', () => {
    const euro = buildDeepLink(bases, { kind: 'sell', brand: 'amazon', amount: 50, currency: 'EUR', country: 'DE', wanted: null, channel: 'webchat' });
    expect(euro).toBe('https://marketplace.example/sell?brand=amazon&amount=50.00&currency=EUR&country=DE&utm_source=giftbot&utm_medium=webchat');
    const dollars = buildDeepLink(bases, { kind: 'sell', brand: 'amazon', amount: 50, currency: 'USD', wanted: null, channel: 'webchat' });
    expect(dollars).toBe('https://marketplace.example/sell?brand=amazon&amount=50.00&utm_source=giftbot&utm_medium=webchat');
  });

  test('when a currency or country is not a code, then it stays out of the link', () => {
    const url = buildDeepLink(bases, { kind: 'sell', brand: 'amazon', amount: 5, currency: 'EUR&x=1', country: 'germany', wanted: null, channel: 'webchat' });
    expect(url).not.toMatch(/currency|country|x=1/);
  });
});
