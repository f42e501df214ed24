import { agentSays, botActivity, DL_ACTIVITIES, JSON_TYPE, MESSAGES, message, post, SLACK, slackMention, type HostileCase } from './corpus';

/**
 * Issue 12, finding 8 (headers and origins): no CSP, frame-ancestors, nosniff or Referrer-Policy,
 * the console's CSP only in a <meta> (which cannot stop framing), Slack bodies read to 4 MB before
 * the signature. Run by tests/http/adversarial.test.ts; the server there has no https PUBLIC_URL,
 * so no HSTS.
 */
const MB = 1024 * 1024;

/** What every answer carries, whatever it is. */
const ALWAYS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'strict-transport-security': null } as const;
/** JSON, errors and anything that is not a page: nothing may load, nobody may frame. */
const API = { ...ALWAYS, 'content-security-policy': /^default-src 'none';.*frame-ancestors 'none'/, 'x-frame-options': 'DENY' } as const;

export const headersCases: HostileCase[] = [
  {
    name: 'another site frames the help-centre page (clickjacking) or injects a script into it',
    category: 'headers',
    request: { method: 'GET', path: '/' },
    expect: { status: 200, headers: { ...ALWAYS, 'content-security-policy': /^(?!.*unsafe-eval)(?!.*\*)(?=.*script-src 'self';)(?=.*object-src 'none')(?=.*frame-ancestors 'none')/, 'x-frame-options': 'DENY' } },
  },
  {
    name: 'another site frames the agent console, whose CSP used to be a <meta> tag',
    category: 'headers',
    request: { method: 'GET', path: '/agent/' },
    expect: { status: 200, headers: { ...ALWAYS, 'content-security-policy': /^(?!.*unsafe-inline)(?=.*style-src 'self';)(?=.*frame-ancestors 'none')/, 'x-frame-options': 'DENY' } },
  },
  {
    name: 'a site that is not Teams frames the Teams tab',
    category: 'headers',
    request: { method: 'GET', path: '/agent/teams.html' },
    // Only https hosts of Teams and Microsoft 365 after frame-ancestors: no '*', no 'self', no http.
    expect: { status: 200, headers: { ...ALWAYS, 'content-security-policy': /frame-ancestors https:\/\/teams\.microsoft\.com( https:\/\/(\*\.)?[a-z0-9.-]+\.(com|microsoft))+(;|$)/, 'x-frame-options': null } },
  },
  {
    name: 'a path made to look like the Teams tab (double slash) is framed',
    category: 'headers',
    request: { method: 'GET', path: '/agent//teams.html' },
    expect: { status: [200, 404], headers: { ...ALWAYS, 'content-security-policy': /frame-ancestors 'none'/, 'x-frame-options': 'DENY' } },
  },
  {
    name: 'a 404 page is asked for with markup in its path, to be sniffed as HTML',
    category: 'headers',
    request: { method: 'GET', path: '/nowhere/%3Cscript%3Ealert(1)%3C%2Fscript%3E' },
    expect: { status: 404, errorCode: 'NotFound', headers: { ...API, 'content-type': 'application/json' } },
  },
  {
    name: 'a token is asked for without the Direct Line secret',
    category: 'headers',
    request: { method: 'POST', path: '/v3/directline/tokens/generate', auth: 'none', body: {} },
    expect: { status: [401, 403], headers: API },
  },
  {
    name: 'a customer posts a message and the JSON answer is loaded into a frame',
    category: 'headers',
    request: post(message('hello')),
    expect: { status: 200, headers: API },
  },
  {
    name: "a customer's activities are read as if they were a page",
    category: 'headers',
    request: { method: 'GET', path: `${DL_ACTIVITIES}?watermark=0`, auth: 'customer' },
    expect: { status: 200, headers: API },
  },
  {
    name: 'an agent request with an almost-right token is refused',
    category: 'headers',
    request: agentSays({ text: 'hello' }, { auth: 'agent-near-miss' }),
    expect: { status: 401, headers: API },
  },
  {
    name: 'a 300 KB activity is posted to /api/messages',
    category: 'headers',
    request: { method: 'POST', path: MESSAGES, body: botActivity('adv-headers-big', 'x'.repeat(300 * 1024)) },
    expect: { status: 413, errorCode: 'PayloadTooLarge', headers: API },
  },
  {
    name: 'a signed 4 MB Slack mention streams in chunked, with no Content-Length',
    category: 'headers',
    request: { method: 'POST', path: SLACK, auth: 'slack', chunked: true, body: slackMention('C0CHUNKED', 'Ev0HDR000001', `sell my card ${'a'.repeat(4 * MB)}`) },
    expect: { status: 413, errorCode: 'PayloadTooLarge', headers: { ...API, connection: 'close' } },
  },
  {
    name: 'an unsigned 4 MB body streams chunked into the Slack endpoint',
    category: 'headers',
    request: { method: 'POST', path: SLACK, auth: 'none', chunked: true, headers: JSON_TYPE, body: slackMention('C0CHUNKUNS', 'Ev0HDR000002', 'b'.repeat(4 * MB)) },
    expect: { status: 413, errorCode: 'PayloadTooLarge', headers: { ...API, connection: 'close' } },
  },
  {
    name: 'the widget script is loaded from a customer\'s own site',
    category: 'headers',
    request: { method: 'GET', path: '/widget.js' },
    expect: { status: 200, headers: { ...ALWAYS, 'cross-origin-resource-policy': 'cross-origin', 'content-type': 'javascript' } },
  },
];
