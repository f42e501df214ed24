import { ConfigError, loadConfig } from '../../../src/config/config';
import { LimitSpecSchema } from '../../../src/limits/limit-spec';
import { TrustProxySchema } from '../../../src/limits/trust-proxy';
import { LIMIT_DEFAULTS } from '../../../src/limits/limit-defaults';

describe('limit settings', () => {
  test('when a limit is "N/S" or "off", then it reads as points per window, or no limit', () => {
    expect(LimitSpecSchema.parse('30/600')).toEqual({ points: 30, seconds: 600 });
    expect(LimitSpecSchema.parse(' 5 / 1 ')).toEqual({ points: 5, seconds: 1 });
    expect(LimitSpecSchema.parse('off')).toBe('off');
  });

  test.each(['0/10', '10/0', '10', 'ten/60', '1.5/60', '10/86401', '-1/60'])('when a limit is %j, then it is refused', (value) => {
    expect(LimitSpecSchema.safeParse(value).success).toBe(false);
  });

  test('when nothing is set, then the documented defaults apply and the queue cap is 200', () => {
    const config = loadConfig({});
    expect(config.RATE_LIMIT_POSTS_PER_CONVERSATION).toEqual({ points: 30, seconds: 15 });
    expect(config.RATE_LIMIT_CONVERSATIONS_PER_IP).toEqual(LIMIT_DEFAULTS['conversations-per-ip']);
    expect(config.HANDOFF_QUEUE_MAX).toBe(200);
    expect(config.TRUST_PROXY).toBeUndefined();
  });

  test('when a limit is malformed, then start-up stops naming the variable', () => {
    expect(() => loadConfig({ RATE_LIMIT_OVERALL: 'fast' })).toThrow(ConfigError);
    expect(() => loadConfig({ RATE_LIMIT_OVERALL: 'fast' })).toThrow(/RATE_LIMIT_OVERALL: must be "N\/S"/);
    expect(() => loadConfig({ HANDOFF_QUEUE_MAX: '-1' })).toThrow(/HANDOFF_QUEUE_MAX/);
  });

  test('when TRUST_PROXY is a hop count, addresses or ranges, then express gets them; anything else stops start-up', () => {
    expect(TrustProxySchema.parse('1')).toBe(1);
    expect(TrustProxySchema.parse('0')).toBe(false);
    expect(TrustProxySchema.parse('loopback, 10.0.0.0/8, fd00::/8')).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });
});
