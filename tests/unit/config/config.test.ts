import { ConfigError, loadConfig } from '../../../src/config/config';

describe('loadConfig', () => {
  test('when nothing is set, then the embedded defaults apply, on an example domain', () => {
    expect(loadConfig({})).toMatchObject({ SELL_URL: 'https://marketplace.example/sell', SWAP_URL: 'https://marketplace.example/swap', MAX_AMOUNT: 2000 });
  });

  test('when variables are empty, then they count as unset', () => {
    expect(loadConfig({ MAX_AMOUNT: '' }).MAX_AMOUNT).toBe(2000);
  });

  test('when values are bad, then every bad variable is named', () => {
    expect(() => loadConfig({ SELL_URL: 'javascript:alert(1)', MAX_AMOUNT: '-3' })).toThrow(ConfigError);
    expect(() => loadConfig({ SELL_URL: 'http://evil.example/sell' })).toThrow(/SELL_URL: must use https/);
    expect(() => loadConfig({ MAX_AMOUNT: 'lots' })).toThrow(/MAX_AMOUNT/);
  });
});
