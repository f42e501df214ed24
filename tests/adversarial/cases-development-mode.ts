import { botActivity, MESSAGES, type HostileCase, type HostileRequest } from './corpus';

/**
 * Issue 12, finding 6: development defaults. These run on the runner's second server, which has no
 * MicrosoftAppId (anonymous /api/messages, as with NODE_ENV unset). Only this machine may send
 * there, and an activity's serviceUrl — where replies and agents' messages are POSTed — must be on
 * this machine (or SERVICE_URL_ALLOWLIST, unset here); anything else is refused before any
 * outbound call. Metric labels built from request data come from a closed set.
 */
const LOCAL = 'http://localhost:3978/';

let n = 0;
/** An anonymous activity to /api/messages on the development server, replies asked for in the response. */
function anonymous(serviceUrl: unknown, extra: Partial<HostileRequest> = {}, fields: Record<string, unknown> = {}): HostileRequest {
  n++;
  return { method: 'POST', path: MESSAGES, auth: 'none', server: 'development', body: botActivity(`dev-mode-${n}`, 'help', { serviceUrl, ...fields }), ...extra };
}

const refusedUrl = (name: string, serviceUrl: string): HostileCase => ({
  name: `an anonymous activity names ${name} as its serviceUrl`,
  category: 'development-mode',
  request: anonymous(serviceUrl),
  expect: { status: 403, errorCode: 'Forbidden' },
});

export const developmentModeCases: HostileCase[] = [
  {
    name: 'an anonymous activity comes from another machine',
    category: 'development-mode',
    request: anonymous(LOCAL, { from: 'network' }),
    expect: { status: 403, errorCode: 'Forbidden' },
  },
  {
    name: 'an anonymous activity comes from another machine claiming 127.0.0.1 in X-Forwarded-For',
    category: 'development-mode',
    request: anonymous(LOCAL, { from: 'network', headers: { 'X-Forwarded-For': '127.0.0.1' } }),
    expect: { status: 403, errorCode: 'Forbidden' },
  },
  refusedUrl('the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'),
  refusedUrl('the metadata address written as IPv4-mapped IPv6', 'http://[::ffff:169.254.169.254]/'),
  refusedUrl('a host on the private network', 'http://10.0.0.1:8080/'),
  refusedUrl('loopback as userinfo before another host', 'http://127.0.0.1@evil.example/'),
  refusedUrl('a look-alike of localhost', 'http://localhost.evil.example/'),
  refusedUrl('a file URL', 'file:///etc/passwd'),
  refusedUrl('a Redis port through gopher', 'gopher://127.0.0.1:6379/_FLUSHALL'),
  refusedUrl("Azure's service URL without an allow-list", 'https://smba.trafficmanager.net/amer/'),
  {
    name: 'an anonymous activity sends a serviceUrl that is not a string',
    category: 'development-mode',
    request: anonymous({ href: 'http://169.254.169.254/' }),
    expect: { status: 400, errorCode: 'BadRequest' },
  },
  {
    name: 'an anonymous activity from this machine invents a channel id',
    category: 'development-mode',
    request: anonymous(LOCAL, {}, { channelId: 'invented-channel-0x51f3' }),
    expect: { status: 200, metricsLack: 'invented-channel-0x51f3' },
  },
];
