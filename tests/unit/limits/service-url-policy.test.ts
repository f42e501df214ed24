import { loadConfig } from '../../../src/config/config';
import { ServiceUrlAllowListSchema, serviceUrlAllowed } from '../../../src/limits/service-url-policy';
import { clientKey, isLoopbackAddress } from '../../../src/limits/loopback';

const allowList = ServiceUrlAllowListSchema.parse('https://smba.trafficmanager.net/amer/, https://slack.botframework.com');

describe('where /api/messages may call back', () => {
  test.each([
    'http://localhost:3978/',
    'http://127.0.0.1:9999/',
    'http://[::1]:3978/',
    'https://smba.trafficmanager.net/amer/',
    'https://smba.trafficmanager.net/amer/v3/conversations',
    'https://slack.botframework.com/',
  ])('when the serviceUrl is %s, then it is allowed', (url) => {
    expect(serviceUrlAllowed(url, allowList)).toBe(true);
  });

  test.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://[::ffff:169.254.169.254]/',
    'http://10.0.0.1/',
    'http://192.168.1.1:8080/',
    'https://smba.trafficmanager.net/emea/',
    'https://smba.trafficmanager.net.evil.example/amer/',
    'http://smba.trafficmanager.net/amer/',
    'http://127.0.0.1@evil.example/',
    'http://localhost.evil.example/',
    'file:///etc/passwd',
    'gopher://127.0.0.1:6379/',
    'not a url',
  ])('when the serviceUrl is %s, then it is refused', (url) => {
    expect(serviceUrlAllowed(url, allowList)).toBe(false);
  });

  test('when the allow-list holds something other than plain https URLs, then start-up stops naming SERVICE_URL_ALLOWLIST', () => {
    expect(() => loadConfig({ SERVICE_URL_ALLOWLIST: 'http://smba.trafficmanager.net/' })).toThrow(/SERVICE_URL_ALLOWLIST/);
    expect(() => loadConfig({ SERVICE_URL_ALLOWLIST: 'https://user:pw@example.com/' })).toThrow(/SERVICE_URL_ALLOWLIST/);
  });

  test('when an address is this machine in any spelling, then it is loopback, and mapped IPv4 keys as plain IPv4', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address)).toBe(true);
    for (const address of ['192.0.2.2', '::ffff:192.0.2.2', '128.0.0.1', 'fe80::1', '', undefined]) expect(isLoopbackAddress(address)).toBe(false);
    expect(clientKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });
});
