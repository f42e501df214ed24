import { fillMacro } from '../../../src/handoff/macro-fill';

const TEXT = '{agent} here. {card} ({brand}) for {amount}.';

describe('macro fill', () => {
  test('when brand, amount and currency are known, then they are filled with the currency sign', () => {
    const filled = fillMacro(TEXT, { brandName: 'Amazon', record: { amount: 50, currency: 'EUR', country: 'DE' }, agentName: 'Ana' });
    expect(filled).toBe('Ana here. your Amazon gift card (Amazon) for €50.');
  });

  test('when only the country is known, then the amount takes its currency', () => {
    expect(fillMacro('{amount}', { brandName: 'Amazon', record: { amount: 25.5, currency: null, country: 'GB' }, agentName: 'Ana' })).toBe('£25.50');
  });

  test('when brand and amount are unknown, then neutral words stand in, never the placeholder or "undefined"', () => {
    const filled = fillMacro(TEXT, { brandName: null, record: { amount: null }, agentName: 'Ana' });
    expect(filled).toBe('Ana here. your gift card (the brand) for the amount.');
    expect(filled).not.toMatch(/[{}]|undefined|null/);
  });

  test('when text holds braces that are no placeholder, then they are left as written', () => {
    expect(fillMacro('{} {toString} {brand}', { brandName: 'Steam', record: { amount: null }, agentName: 'Ana' })).toBe('{} {toString} Steam');
  });
});
