import { DL_ACTIVITIES, message, post, type HostileCase } from './corpus';

/**
 * Issue 12, finding 5: no per-client limits. The runner's server keeps RATE_LIMIT_TOKENS_PER_IP at
 * 5 in 10 minutes and the per-conversation limits at their defaults; every other per-address
 * limit is set high there, since all the corpus comes from 127.0.0.1. So each case that counts per
 * address sends from an address of its own (127.0.0.1xx). The rest of the limits, the overall
 * ceiling and the queue cap are shown in tests/http/client-limits.test.ts and, across two
 * instances, tests/faults/limits-two-instances.test.ts.
 */
const GENERATE = '/v3/directline/tokens/generate';
const REFRESH = '/v3/directline/tokens/refresh';
const limited = { retryAfter: true, everyStatusSeen: true } as const;

/** Asks for a person, gives a summary and leaves the queue again. */
const askedAndLeft = (summary: string) => ['talk to a person', summary, 'cancel'];

export const clientLimitsCases: HostileCase[] = [
  {
    name: 'one address asks for a Direct Line token 8 times without the secret',
    category: 'client-limits',
    request: { method: 'POST', path: GENERATE, auth: 'none', from: '127.0.0.101', repeat: { times: 8, together: false } },
    expect: { status: [401, 429], ...limited },
  },
  {
    name: 'one address guesses at the secret 8 times on tokens/generate',
    category: 'client-limits',
    request: { method: 'POST', path: GENERATE, auth: 'malformed', from: '127.0.0.102', repeat: { times: 8, together: false } },
    expect: { status: [401, 429], ...limited },
  },
  {
    name: 'one address sends the secret as Basic auth 8 times',
    category: 'client-limits',
    request: { method: 'POST', path: GENERATE, auth: 'basic-secret', from: '127.0.0.103', repeat: { times: 8, together: false } },
    expect: { status: [401, 429], ...limited },
  },
  {
    name: 'one address fires 20 token requests at once',
    category: 'client-limits',
    request: { method: 'POST', path: GENERATE, auth: 'none', from: '127.0.0.104', repeat: { times: 20, together: true } },
    expect: { status: [401, 429], ...limited },
  },
  {
    name: "one address refreshes a customer's token 8 times",
    category: 'client-limits',
    request: { method: 'POST', path: REFRESH, auth: 'customer', from: '127.0.0.105', repeat: { times: 8, together: false } },
    expect: { status: [200, 429], ...limited },
  },
  {
    name: 'one address refreshes a token 8 times, each time claiming another address in X-Forwarded-For',
    category: 'client-limits',
    request: { method: 'POST', path: REFRESH, auth: 'customer', from: '127.0.0.106', headers: { 'X-Forwarded-For': '198.51.100.23, 203.0.113.9' }, repeat: { times: 8, together: false } },
    expect: { status: [200, 429], ...limited },
  },
  {
    name: 'one conversation posts 40 messages one after the other',
    category: 'client-limits',
    request: post(message('again'), { repeat: { times: 40, together: false } }),
    expect: { status: [200, 429], errorCode: 'TooManyRequests', ...limited, othersAnswered: true },
  },
  {
    name: 'one conversation fires 50 messages at once from an address of its own',
    category: 'client-limits',
    request: { method: 'POST', path: DL_ACTIVITIES, auth: 'customer', body: message('flood'), from: '127.0.0.107', repeat: { times: 50, together: true } },
    expect: { status: [200, 429], errorCode: 'TooManyRequests', ...limited, othersAnswered: true },
  },
  {
    name: 'one conversation asks for a person a 4th time in the hour (after leaving the queue three times)',
    category: 'client-limits',
    request: post(message('I want a refund')),
    conversation: { before: [...askedAndLeft('refund one'), ...askedAndLeft('refund two'), ...askedAndLeft('refund three'), 'talk to a person'] },
    expect: { status: 200, botSays: "You've asked for a person several times" },
  },
];
