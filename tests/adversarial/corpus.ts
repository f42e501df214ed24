/**
 * The adversarial corpus: hostile requests against every public endpoint of the server, as data.
 * tests/http/adversarial.test.ts runs each one against one real server and checks the answer, that
 * nothing was stored for a refused request, that no stack trace leaks, that Object.prototype is
 * untouched and that /healthz still answers.
 *
 * A case is `{ name, category, request, expect }`:
 * - `request.path` may hold `{conversation}` — a Direct Line conversation opened for this case
 *   alone, greeted and idle — or `{handoff}` — the request a customer filed and agent Alice accepted.
 * - `request.body`: an object goes as JSON; a string or bytes go as they are (`__proto__` keys can
 *   only be written as text: in an object literal they set the prototype instead).
 * - `request.auth` says which credential the runner puts in front of it (see `Auth`).
 * - `conversation.before` / `.after`: what the customer says before / after the hostile message,
 *   for deep links that take a few turns to reach.
 */

export const CATEGORIES = [
  'oversized-json',
  'nested-json',
  'proto-keys',
  'content-type',
  'invisible-text',
  'full-width-code',
  'customer-html',
  'agent-html',
  'deep-link',
  'forged-token',
  'slack-replay',
  'flood',
  // issue 12 (safety under attack): each has its own file in tests/adversarial/, gathered by all-cases.ts
  'code-shapes',
  'other-fields',
  'long-input',
  'spoofing',
  'client-limits',
  'development-mode',
  'agent-side',
  'headers',
] as const;
export type Category = (typeof CATEGORIES)[number];

export type Auth =
  // Direct Line (customers)
  | 'none'
  | 'customer' // the conversation's own token
  | 'other-conversation' // a valid token for another conversation
  | 'expired' // signed with the server's key, expired an hour ago
  | 'forged' // the right claims, signed with another key
  | 'tampered' // another conversation's token with its claims rewritten, signature kept
  | 'malformed'
  | 'secret' // the DIRECTLINE_SECRET
  | 'basic-secret' // the secret, but as Basic auth
  // the agent API
  | 'agent' // Alice's AGENT_TOKENS token
  | 'agent-near-miss' // Alice's token with its last character changed
  // /api/messages (Bot Framework JWTs from the local key set)
  | 'bot-framework'
  | 'bot-framework-expired'
  | 'bot-framework-forged' // signed with a key nobody published
  | 'bot-framework-unsigned' // alg "none"
  | 'bot-framework-other-app' // audience is another app id
  // /api/slack/events (signing secret)
  | 'slack'
  | 'slack-replayed' // correctly signed, timestamp six minutes old
  | 'slack-altered' // signed, then the body changed
  | 'slack-bad-timestamp'
  | 'slack-wrong-secret';

export interface HostileRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string | object | Uint8Array;
  auth?: Auth;
  /** The same request again: all at once (a flood) or one after the other (a redelivery). */
  repeat?: { times: number; together: boolean };
  /** Sent from this local address (127.0.0.x: another client on this machine; 'network': this machine's non-loopback address). */
  from?: string;
  /** 'development': the runner's second server, without MicrosoftAppId (anonymous /api/messages). */
  server?: 'development';
  /** Sent with Transfer-Encoding: chunked and no Content-Length, so only a cap while reading can stop it. */
  chunked?: boolean;
}

export interface Expected {
  /** The status; a list when more than one answer is right ("refused or ignored"). Repeated: every answer is one of these. */
  status: number | readonly number[];
  /** The JSON error code of every 4xx/5xx answer. */
  errorCode?: string;
  /** Repeated requests: each listed status must occur at least once. */
  everyStatusSeen?: boolean;
  /** Every 429 carries a Retry-After of at least one second. */
  retryAfter?: boolean;
  /** Customer posts: the stored echo's text, exactly. */
  echo?: string;
  /** A code, written plainly, that must appear nowhere in the conversation (look-alikes folded); the echo shows [code hidden] and the bot says it hid a code. */
  hidden?: string;
  /** Neither the bot's replies nor anything else it sends carry a tag or a javascript: URL. */
  repliesClean?: boolean;
  /** The bot's replies hold a deep link of this kind, built only from the configured base. */
  link?: { kind: 'sell' | 'swap'; brand?: string; want?: string };
  /** Agent messages: the customer receives text holding this, with no tag and no javascript:. */
  customerSees?: string;
  /** Slack: how many turns ran for the case's channel. */
  slackTurns?: number;
  /** Flood: another conversation still gets answers. */
  othersAnswered?: boolean;
  /** One of the bot's replies in the case's conversation holds this text. */
  botSays?: string;
  /** GET /metrics afterwards does not hold this text (a label made from request data). */
  metricsLack?: string;
  /**
   * Long input: every answer within `ms`; the bot replied (Direct Line, or /api/messages' expected
   * replies); the stored echo and every reply at most `length` characters, whole characters only
   * (no half emoji), holding none of `absent` (pieces of a code the cut must not leave behind).
   */
  bounded?: { length: number; ms: number; absent?: readonly string[] };
  /** A code (any field of the post) readable in no field of anything stored in the conversation nor in the case's log lines; the echo shows [code hidden] somewhere. */
  hiddenAnywhere?: string;
  /** The bot said it hid a code (its reply carries the giftbot.secretWarning entity). */
  warned?: boolean;
  /** Response headers of every answer: a string it contains, a pattern it matches, or null for absent. */
  headers?: Record<string, string | RegExp | null>;
}

export interface HostileCase {
  /** The hostile input: "when <name>, then <expected>". */
  name: string;
  category: Category;
  request: HostileRequest;
  expect: Expected;
  conversation?: { before?: string[]; after?: string[] };
}

// --- what the bodies are built from ---------------------------------------------------------

/** Constants the runner needs to match: the Bot Framework service URL the JWTs name. */
export const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
export const SLACK_TEAM = 'T0ADVERSE';
export const SLACK_BOT = 'U0GIFTBOT';

const KB = 1024;

/** `depth` nested arrays: `[[[…]]]`. */
export function nestedArrays(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** `depth` nested objects: `{"a":{"a":…1}}`. */
export function nestedObjects(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Serializes `base` and adds raw JSON members to it (keys like `__proto__` that an object literal can't hold). */
export function jsonWith(base: object, ...members: string[]): string {
  const json = JSON.stringify(base);
  return members.length === 0 ? json : `${json.slice(0, -1)}${json.length > 2 ? ',' : ''}${members.join(',')}}`;
}

/** A member that would pollute Object.prototype if anything merged it naively. */
export const PROTO = '"__proto__":{"polluted":"yes"}';
export const CONSTRUCTOR = '"constructor":{"prototype":{"polluted":"yes"}}';

/** A Direct Line message from the customer. */
export function message(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'message', text, ...extra };
}

/** A Bot Framework activity as Azure Bot Service delivers it, replies asked for in the response (no outbound calls). */
export function botActivity(conversationId: string, text = 'help', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `act-${conversationId}`,
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    deliveryMode: 'expectReplies',
    from: { id: 'user-adversary', name: 'Mallory' },
    recipient: { id: 'bot-1', name: 'giftbot' },
    conversation: { id: conversationId, conversationType: 'personal' },
    text,
    ...extra,
  };
}

/** A Slack Events API delivery of an app_mention, shaped like Slack's. */
export function slackMention(channel: string, eventId: string, text: string): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: SLACK_TEAM,
    api_app_id: 'A0GIFTBOT',
    event: { type: 'app_mention', user: 'U0MALLORY', text: `<@${SLACK_BOT}> ${text}`, ts: `1718000000.${eventId.slice(-6)}`, channel, event_ts: '1718000000.000100' },
    type: 'event_callback',
    event_id: eventId,
    event_time: 1718000000,
  });
}

export const DL_ACTIVITIES = '/v3/directline/conversations/{conversation}/activities';
export const AGENT_MESSAGES = '/api/agent/conversations/{handoff}/messages';
export const SLACK = '/api/slack/events';
export const MESSAGES = '/api/messages';
export const JSON_TYPE = { 'Content-Type': 'application/json' };

/** A customer post into their own conversation. */
export const post = (body: HostileRequest['body'], extra: Partial<HostileRequest> = {}): HostileRequest => ({ method: 'POST', path: DL_ACTIVITIES, auth: 'customer', body, ...extra });
/** Alice writing to the customer she accepted. */
export const agentSays = (body: HostileRequest['body'], extra: Partial<HostileRequest> = {}): HostileRequest => ({ method: 'POST', path: AGENT_MESSAGES, auth: 'agent', body, ...extra });

/** A customer message hiding `code`: 200, and the code is nowhere afterwards. */
export const hides = (name: string, category: Category, text: string, code: string): HostileCase => ({
  name,
  category,
  request: post(message(text)),
  expect: { status: 200, hidden: code },
});

/** An agent message: 201, and the customer gets `sees` without markup. */
export const agentHtml = (name: string, text: string, sees: string): HostileCase => ({
  name,
  category: 'agent-html',
  request: agentSays({ text }),
  expect: { status: 201, customerSees: sees },
});

// --- the corpus --------------------------------------------------------------------------------

const CODE = 'X7KQ-9PLM-4RTZ-2WVB';

export const corpus: HostileCase[] = [
  // Oversized JSON: past 256 KB, refused before anything reads it.
  { name: 'a customer posts a 300 KB message', category: 'oversized-json', request: post(message('x'.repeat(300 * KB))), expect: { status: 413, errorCode: 'PayloadTooLarge' } },
  {
    name: 'a customer posts 1 MB of channelData keys',
    category: 'oversized-json',
    request: post(message('hi', { channelData: Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, 'vvvvvvvvvvvv'])) })),
    expect: { status: 413, errorCode: 'PayloadTooLarge' },
  },
  { name: 'an agent posts a 300 KB message', category: 'oversized-json', request: agentSays({ text: 'x'.repeat(300 * KB) }), expect: { status: 413, errorCode: 'PayloadTooLarge' } },
  { name: 'a 300 KB activity arrives at /api/messages without a token', category: 'oversized-json', request: { method: 'POST', path: MESSAGES, body: botActivity('adv-oversized', 'x'.repeat(300 * KB)) }, expect: { status: 413, errorCode: 'PayloadTooLarge' } },
  { name: 'a token is generated with a 300 KB user name', category: 'oversized-json', request: { method: 'POST', path: '/v3/directline/tokens/generate', auth: 'secret', body: { user: { id: 'dl_big', name: 'n'.repeat(300 * KB) } } }, expect: { status: 413, errorCode: 'PayloadTooLarge' } },
  { name: 'an unsigned 5 MB body is posted to the Slack endpoint', category: 'oversized-json', request: { method: 'POST', path: SLACK, headers: JSON_TYPE, body: JSON.stringify({ type: 'url_verification', challenge: 'c'.repeat(5 * KB * KB) }) }, expect: { status: 413 } },

  // Deeply nested JSON: small enough to pass the size limit, deep enough to blow a recursive walker.
  { name: 'a customer posts a value nested 10,000 arrays deep', category: 'nested-json', request: post(`{"type":"message","text":"hi","value":${nestedArrays(10_000)}}`), expect: { status: 400 } },
  { name: 'a customer posts channelData nested 100,000 arrays deep', category: 'nested-json', request: post(`{"type":"message","text":"hi","channelData":{"deep":${nestedArrays(100_000)}}}`), expect: { status: 400 } },
  { name: 'a customer posts an entity nested 10,000 objects deep', category: 'nested-json', request: post(`{"type":"message","text":"hi","entities":[{"type":"x","deep":${nestedObjects(10_000)}}]}`), expect: { status: 400 } },
  { name: 'a customer posts a bare array nested 100,000 deep', category: 'nested-json', request: post(nestedArrays(100_000)), expect: { status: 400, errorCode: 'BadArgument' } },
  { name: 'an agent posts a text nested 10,000 arrays deep', category: 'nested-json', request: agentSays(`{"text":${nestedArrays(10_000)}}`), expect: { status: 400, errorCode: 'BadRequest' } },
  { name: 'a signed Bot Framework activity carries a value nested 10,000 arrays deep', category: 'nested-json', request: { method: 'POST', path: MESSAGES, auth: 'bot-framework', body: jsonWith(botActivity('adv-nested'), `"value":${nestedArrays(10_000)}`) }, expect: { status: 400 } },

  // __proto__ and constructor.prototype keys: refused or ignored, never merged into Object.prototype.
  { name: 'a customer posts an activity with a top-level __proto__ key', category: 'proto-keys', request: post(jsonWith(message('hello'), PROTO)), expect: { status: [200, 400] } },
  { name: 'a customer posts channelData with a __proto__ key', category: 'proto-keys', request: post(jsonWith(message('hello'), `"channelData":{${PROTO}}`)), expect: { status: [200, 400] } },
  { name: 'a customer posts channelData with constructor.prototype', category: 'proto-keys', request: post(jsonWith(message('hello'), `"channelData":{${CONSTRUCTOR}}`)), expect: { status: [200, 400] } },
  { name: 'a customer posts __proto__ inside value and entities', category: 'proto-keys', request: post(jsonWith(message('hello'), `"value":{${PROTO},"nested":{${PROTO}}}`, `"entities":[{"type":"x",${PROTO}}]`)), expect: { status: [200, 400] } },
  { name: 'an agent message carries a __proto__ key', category: 'proto-keys', request: agentSays(jsonWith({ text: 'hello' }, PROTO)), expect: { status: 400, errorCode: 'BadRequest' } },
  { name: 'an agent message carries constructor.prototype', category: 'proto-keys', request: agentSays(jsonWith({ text: 'hello' }, CONSTRUCTOR)), expect: { status: 400, errorCode: 'BadRequest' } },
  { name: 'a token is generated with __proto__ keys in the body and the user', category: 'proto-keys', request: { method: 'POST', path: '/v3/directline/tokens/generate', auth: 'secret', body: `{"user":{"id":"dl_proto",${PROTO}},${PROTO},${CONSTRUCTOR}}` }, expect: { status: [200, 400] } },
  { name: 'a signed Bot Framework activity carries __proto__ and constructor.prototype', category: 'proto-keys', request: { method: 'POST', path: MESSAGES, auth: 'bot-framework', body: jsonWith(botActivity('adv-proto'), PROTO, `"channelData":{${PROTO},${CONSTRUCTOR}}`) }, expect: { status: [200, 400] } },
  { name: 'an agent searches knowledge with __proto__[polluted] in the query string', category: 'proto-keys', request: { method: 'GET', path: '/api/agent/knowledge?q=refund&__proto__[polluted]=yes&constructor[prototype][polluted]=yes', auth: 'agent' }, expect: { status: [200, 400] } },

  // Wrong content types and shapes to JSON endpoints: a 4xx with a JSON error, never a 500.
  { name: 'a customer posts an activity as text/plain', category: 'content-type', request: post(JSON.stringify(message('hi')), { headers: { 'Content-Type': 'text/plain' } }), expect: { status: 400, errorCode: 'BadArgument' } },
  { name: 'a customer posts an activity form-encoded', category: 'content-type', request: post('type=message&text=hi', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), expect: { status: 400, errorCode: 'BadArgument' } },
  { name: 'a customer posts an activity as application/xml', category: 'content-type', request: post('<activity><type>message</type><text>hi</text></activity>', { headers: { 'Content-Type': 'application/xml' } }), expect: { status: 400, errorCode: 'BadArgument' } },
  { name: 'a customer posts an activity with no content type', category: 'content-type', request: post(new TextEncoder().encode(JSON.stringify(message('hi')))), expect: { status: 400, errorCode: 'BadArgument' } },
  { name: 'a customer posts JSON in a charset nobody has heard of', category: 'content-type', request: post(JSON.stringify(message('hi')), { headers: { 'Content-Type': 'application/json; charset=klingon' } }), expect: { status: 415 } },
  { name: 'a customer posts a body claiming gzip that is not', category: 'content-type', request: post('this is not gzip', { headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' } }), expect: { status: 400 } },
  { name: 'a customer posts the JSON literal null', category: 'content-type', request: post('null'), expect: { status: 400, errorCode: 'BadRequest' } },
  { name: 'a customer posts an activity of a type clients may not send (deleteUserData)', category: 'content-type', request: post({ type: 'deleteUserData' }), expect: { status: 400, errorCode: 'BadArgument' } },
  { name: 'an agent posts a message as text/plain', category: 'content-type', request: agentSays('hello', { headers: { 'Content-Type': 'text/plain' } }), expect: { status: 400, errorCode: 'BadRequest' } },
  { name: 'a signed Bot Framework activity arrives as text/plain', category: 'content-type', request: { method: 'POST', path: MESSAGES, auth: 'bot-framework', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(botActivity('adv-text-plain')) }, expect: { status: 400, errorCode: 'BadRequest' } },
  { name: 'a signed Bot Framework request carries {} instead of an activity', category: 'content-type', request: { method: 'POST', path: MESSAGES, auth: 'bot-framework', body: {} }, expect: { status: 400 } },

  // Zero-width, bidi and look-alike characters hiding a code: folded before matching.
  hides('a code arrives with zero-width spaces between its characters', 'invisible-text', `my code is X\u200B7\u200BK\u200BQ-9PLM-4RTZ-2WVB and it fails`, CODE),
  hides('a code arrives wrapped in a right-to-left override', 'invisible-text', `\u202Emy code ${CODE} fails\u202C`, CODE),
  hides('a code arrives with Cyrillic look-alike letters', 'invisible-text', 'my code is \u04257\u041AQ-9\u0420L\u041C-4RTZ-2WVB and it fails', CODE),
  hides('a code arrives with Greek look-alike letters', 'invisible-text', 'my code is \u03A77\u039AQ-9\u03A1L\u039C-4R\u03A4\u0396-2WV\u0392 and it fails', CODE),
  hides('a code arrives with word joiners and soft hyphens', 'invisible-text', 'code: X7KQ\u2060-9PLM\u00AD-4RTZ\u2060-2WVB', CODE),
  hides('a code arrives grouped with Unicode hyphens instead of dashes', 'invisible-text', 'my code is X7KQ\u20109PLM\u20114RTZ\u20132WVB and it fails', CODE),

  // Codes hidden with full-width (and other compatibility) digits.
  hides('a code arrives in full-width characters', 'full-width-code', '\uFF38\uFF2B\uFF17\uFF31-\uFF19\uFF30\uFF2C\uFF2D-\uFF14\uFF32\uFF34\uFF3A-\uFF12\uFF37\uFF36\uFF22 does not work', 'XK7Q-9PLM-4RTZ-2WVB'),
  hides('a card number arrives in full-width digits', 'full-width-code', 'card \uFF14\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11 was declined', '4111 1111 1111 1111'),
  hides('a PIN arrives in full-width digits', 'full-width-code', 'my PIN \uFF14\uFF18\uFF12\uFF11 is wrong', '4821'),
  hides('a code arrives in mathematical bold letters and digits', 'full-width-code', 'my code is \u{1D417}\u{1D7D5}\u{1D40A}\u{1D410}-\u{1D7D7}\u{1D40F}\u{1D40B}\u{1D40C}-\u{1D7D2}\u{1D411}\u{1D413}\u{1D419}-\u{1D7D0}\u{1D416}\u{1D415}\u{1D401}', CODE),

  // HTML and javascript: links from customers: stored as the plain text they sent, never reflected as markup.
  { name: 'a customer sends a <script> tag', category: 'customer-html', request: post(message('<script>alert(document.cookie)</script> how do I redeem?')), expect: { status: 200, echo: '<script>alert(document.cookie)</script> how do I redeem?', repliesClean: true } },
  { name: 'a customer sends a markdown javascript: link', category: 'customer-html', request: post(message('[free balance](javascript:alert(1)) sell my card')), expect: { status: 200, echo: '[free balance](javascript:alert(1)) sell my card', repliesClean: true } },
  { name: 'a customer sends an <img onerror> as xml-formatted text', category: 'customer-html', request: post(message('<img src=x onerror=alert(1)> help', { textFormat: 'xml' })), expect: { status: 200, echo: '<img src=x onerror=alert(1)> help', repliesClean: true } },
  { name: 'a customer names themselves "<script>" and asks for a javascript: link', category: 'customer-html', request: post(message('redeem javascript:alert(1)', { from: { id: 'ignored', name: '<script>alert(1)</script>' } })), expect: { status: 200, echo: 'redeem javascript:alert(1)', repliesClean: true } },

  // HTML and javascript: links from agents: stripped before the customer sees them.
  agentHtml('an agent sends a <script> tag', '<script>alert(document.cookie)</script>Your refund is on its way', 'Your refund is on its way'),
  agentHtml('an agent sends a markdown javascript: link', '[click for your refund](javascript:alert(document.cookie))', 'click for your refund'),
  agentHtml('an agent sends an HTML anchor to javascript:', '<a href="javascript:alert(1)">refund form</a> here', 'refund form'),
  agentHtml('an agent splits a tag so stripping would join it ("<<b>script>")', '<<b>script>alert(1)<</b>/script> refund sent', 'refund sent'),
  agentHtml('an agent sends a javascript: image and a javascript: reference definition', '![refund](javascript:alert(1)) see [refund][1]\n[1]: javascript:alert(1)', 'refund'),
  agentHtml('an agent disguises a javascript: link with a bidi override', '\u202E[refund status](javascript:alert(1))\u202C', 'refund status'),
  agentHtml('an agent sends a javascript: autolink in angle brackets', '<javascript:alert(1)> refund approved', 'refund approved'),
  agentHtml('an agent leaves an <img onerror> tag unclosed', 'refund approved <img src=x onerror=alert(1)', 'refund approved'),

  // Deep-link parameter injection: the link is built from the configured base, never from what was typed.
  { name: 'a customer sells "amazon&utm_source=evil"', category: 'deep-link', request: post(message('sell my amazon&utm_source=evil card for $20')), expect: { status: 200, link: { kind: 'sell', brand: 'amazon' } } },
  { name: 'a customer answers the brand question with "steam?x=1#frag"', category: 'deep-link', request: post(message('steam?x=1#frag')), conversation: { before: ['sell my card'], after: ['20'] }, expect: { status: 200, link: { kind: 'sell' } } },
  { name: 'a customer answers the brand question with "javascript:alert(1)"', category: 'deep-link', request: post(message('javascript:alert(1)')), conversation: { before: ['sell my card'], after: ['20'] }, expect: { status: 200, link: { kind: 'sell' }, repliesClean: true } },
  { name: 'a customer swaps for "amazon&want=evil"', category: 'deep-link', request: post(message('swap my steam card for amazon&want=evil $30')), expect: { status: 200, link: { kind: 'swap', brand: 'steam', want: 'amazon' } } },
  { name: 'a customer adds "&amount=9999&brand=evil" after the amount', category: 'deep-link', request: post(message('sell my steam card for $20&amount=9999&brand=evil')), expect: { status: 200, link: { kind: 'sell', brand: 'steam' } } },
  { name: 'a customer sells a brand written as an attribute break-out ("><script>)', category: 'deep-link', request: post(message('sell my steam"><script>alert(1)</script> card for $25')), expect: { status: 200, link: { kind: 'sell' }, repliesClean: true } },

  // Forged, expired, borrowed and malformed credentials.
  { name: 'a Direct Line token signed with another key is used', category: 'forged-token', request: post(message('hi'), { auth: 'forged' }), expect: { status: 401, errorCode: 'BadToken' } },
  { name: 'an expired Direct Line token is used', category: 'forged-token', request: post(message('hi'), { auth: 'expired' }), expect: { status: 403, errorCode: 'TokenExpired' } },
  { name: "another conversation's Direct Line token is used", category: 'forged-token', request: post(message('hi'), { auth: 'other-conversation' }), expect: { status: 403, errorCode: 'WrongConversation' } },
  { name: "another conversation's token is rewritten to name this one", category: 'forged-token', request: post(message('hi'), { auth: 'tampered' }), expect: { status: 401, errorCode: 'BadToken' } },
  { name: 'a malformed Direct Line token is used', category: 'forged-token', request: post(message('hi'), { auth: 'malformed' }), expect: { status: 401, errorCode: 'BadToken' } },
  { name: 'a post carries no Authorization header', category: 'forged-token', request: post(message('hi'), { auth: 'none' }), expect: { status: 401, errorCode: 'MissingToken' } },
  { name: 'the Direct Line secret is sent as Basic auth', category: 'forged-token', request: post(message('hi'), { auth: 'basic-secret' }), expect: { status: 401, errorCode: 'MissingToken' } },
  { name: "another conversation's token reads this conversation", category: 'forged-token', request: { method: 'GET', path: DL_ACTIVITIES, auth: 'other-conversation' }, expect: { status: 403, errorCode: 'WrongConversation' } },
  { name: 'an expired Direct Line token is refreshed', category: 'forged-token', request: { method: 'POST', path: '/v3/directline/tokens/refresh', auth: 'expired', body: {} }, expect: { status: 403, errorCode: 'TokenExpired' } },
  { name: 'a customer token asks for a new token (the secret is required)', category: 'forged-token', request: { method: 'POST', path: '/v3/directline/tokens/generate', auth: 'customer', body: {} }, expect: { status: 403, errorCode: 'SecretRequired' } },
  { name: 'a customer Direct Line token is used on the agent API', category: 'forged-token', request: { method: 'GET', path: '/api/agent/queue', auth: 'customer' }, expect: { status: 401, errorCode: 'Unauthorized' } },
  { name: 'the Direct Line secret is used on the agent API', category: 'forged-token', request: { method: 'GET', path: '/api/agent/queue', auth: 'secret' }, expect: { status: 401, errorCode: 'Unauthorized' } },
  { name: "an agent token one character off is used to write to a customer", category: 'forged-token', request: agentSays({ text: 'hello' }, { auth: 'agent-near-miss' }), expect: { status: 401, errorCode: 'Unauthorized' } },
  { name: 'a Bot Framework JWT signed with an unpublished key arrives', category: 'forged-token', request: { method: 'POST', path: MESSAGES, auth: 'bot-framework-forged', body: botActivity('adv-jwt-forged') }, expect: { status: 401, errorCode: 'Unauthorized' } },
  { name: 'an expired Bot Framework JWT arrives', category: 'forged-token', request: { method: 'POST', path: MESSAGES, auth: 'bot-framework-expired', body: botActivity('adv-jwt-expired') }, expect: { status: 401, errorCode: 'Unauthorized' } },
  { name: 'an unsigned (alg "none") Bot Framework JWT arrives', category: 'forged-token', request: { method: 'POST', path: MESSAGES, auth: 'bot-framework-unsigned', body: botActivity('adv-jwt-none') }, expect: { status: 401, errorCode: 'Unauthorized' } },
  { name: 'a Bot Framework JWT for another app arrives', category: 'forged-token', request: { method: 'POST', path: MESSAGES, auth: 'bot-framework-other-app', body: botActivity('adv-jwt-other-app') }, expect: { status: 401, errorCode: 'Unauthorized' } },
  { name: 'a Bot Framework activity arrives with no JWT', category: 'forged-token', request: { method: 'POST', path: MESSAGES, auth: 'none', body: botActivity('adv-jwt-missing') }, expect: { status: 401, errorCode: 'Unauthorized' } },

  // Slack: the signing secret and the five-minute window; redeliveries run once.
  { name: 'a correctly signed Slack request six minutes old is replayed', category: 'slack-replay', request: { method: 'POST', path: SLACK, auth: 'slack-replayed', body: slackMention('C0REPLAY', 'Ev0ADV000001', 'sell my $20 steam card') }, expect: { status: 401 } },
  { name: 'the same signed Slack event is delivered twice within the window', category: 'slack-replay', request: { method: 'POST', path: SLACK, auth: 'slack', body: slackMention('C0TWICE', 'Ev0ADV000002', 'sell my $20 steam card'), repeat: { times: 2, together: false } }, expect: { status: 200, slackTurns: 1 } },
  { name: 'a signed Slack request is altered after signing', category: 'slack-replay', request: { method: 'POST', path: SLACK, auth: 'slack-altered', body: slackMention('C0ALTERED', 'Ev0ADV000003', 'hello') }, expect: { status: 401 } },
  { name: 'a Slack request is signed with the wrong secret', category: 'slack-replay', request: { method: 'POST', path: SLACK, auth: 'slack-wrong-secret', body: slackMention('C0WRONG', 'Ev0ADV000004', 'sell my $20 steam card') }, expect: { status: 401 } },
  { name: 'a Slack request carries a timestamp that is not a number', category: 'slack-replay', request: { method: 'POST', path: SLACK, auth: 'slack-bad-timestamp', body: slackMention('C0BADTS', 'Ev0ADV000005', 'sell my $20 steam card') }, expect: { status: 401 } },
  { name: 'a Slack request carries no signature', category: 'slack-replay', request: { method: 'POST', path: SLACK, auth: 'none', headers: JSON_TYPE, body: slackMention('C0UNSIGNED', 'Ev0ADV000006', 'sell my $20 steam card') }, expect: { status: 401 } },

  // A flood into one conversation: refused politely, the rest of the world unaffected.
  {
    name: '100 messages are posted at once into one conversation',
    category: 'flood',
    request: post(message('flood'), { repeat: { times: 100, together: true } }),
    expect: { status: [200, 429], everyStatusSeen: true, errorCode: 'TooManyRequests', retryAfter: true, othersAnswered: true },
  },
];
