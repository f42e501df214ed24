import { createHmac, generateKeyPairSync } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { TokenService } from '../../src/channels/directline/token-service';
import { allCases as corpus } from '../adversarial/all-cases';
import { CATEGORIES, SERVICE_URL, type Auth, type Expected, type HostileCase } from '../adversarial/corpus';
import { CHANNEL_ISSUER, startLocalKeys, type LocalKeys } from '../helpers/bot-framework-keys';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';
import { startRedis, type RedisServer } from '../helpers/redis-server';
import { corpusBackend } from '../adversarial/backend';
import { networkAddress } from '../helpers/from-address';

/**
 * Runs the adversarial corpus (tests/adversarial/corpus.ts) against one real server with every
 * channel switched on: the embedded Direct Line with a secret, the agent API with a token, Slack
 * with a signing secret (its Web API pointed nowhere: only the HTTP answers matter here) and
 * /api/messages checking real JWTs against a local key set. Each case checks its status and error
 * code, that errors are JSON without a stack trace, that nothing was stored for a refused request,
 * that Object.prototype is untouched (the server runs in this process) and that /healthz answers.
 * The server keeps everything in SQLite; tests/http/adversarial-redis.test.ts runs it all on Redis.
 */
const SECRET = 'adversarial-directline-secret-0123456789';
const ALICE = 'alice-adversarial-token-0123456789';
const SLACK_SECRET = 'adversarial-slack-signing-secret';
const APP_ID = '00000000-1111-2222-3333-444444444444';
const MARKET = 'https://market.adversarial.example';
const HANDOFF_SUMMARY = 'adversarial corpus: refund question';

let keys: LocalKeys;
let server: TestServer;
/** Set when the corpus runs on Redis (tests/http/adversarial-redis.test.ts): a real redis-server of its own. */
let redis: RedisServer | undefined;
let handoff: Promise<Handoff>;
/**
 * Every case comes from 127.0.0.1: per-address limits high enough for the whole corpus. The
 * client-limits cases send from addresses of their own (request.from) to reach the limits that
 * stay small here; the per-conversation and per-request-for-a-person limits keep their defaults.
 */
const RUNNER_LIMITS = { RATE_LIMIT_TOKENS_PER_IP: '5/600', RATE_LIMIT_CONVERSATIONS_PER_IP: '100000/600', RATE_LIMIT_POSTS_PER_IP: '100000/60', RATE_LIMIT_OVERALL: '100000/1', RATE_LIMIT_HANDOFFS_PER_IP: '100000/3600' };
/** The 'development' cases' server: no MicrosoftAppId (anonymous /api/messages), started when first needed. */
let development: Promise<TestServer> | undefined;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  keys = await startLocalKeys();
  if (corpusBackend.kind === 'redis') redis = await startRedis();
  server = await startTestServer({
    ...(redis ? { REDIS_URL: redis.url } : {}),
    DIRECTLINE_SECRET: SECRET,
    AGENT_TOKENS: `Alice:${ALICE}`,
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-adversarial-token',
    SLACK_BOT_USER_ID: 'U0GIFTBOT',
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-used-with-expect-replies',
    BOT_OPENID_METADATA_URL: keys.metadataUrl,
    SELL_URL: `${MARKET}/sell`,
    SWAP_URL: `${MARKET}/swap`,
    HANDOFF_TIMEOUT_SECONDS: '3600',
    ...RUNNER_LIMITS,
  });
  handoff = openHandoff();
  await handoff;
}, 60_000);

afterAll(async () => {
  await server?.close();
  await (await development)?.close();
  await keys?.close();
  await redis?.stop();
}, 60_000);

// --- Direct Line conversations ---------------------------------------------------------------

// any: tests read whatever JSON the server answered.
type Activity = Record<string, any>;

interface Conversation {
  id: string;
  token: string;
  userId: string;
}

const directLine = () => `${server.url}/v3/directline`;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

function claimsOf(token: string): { conversationId: string; userId: string; exp: number } {
  return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));
}

async function generate(): Promise<{ token: string; conversationId: string }> {
  const { status, body } = await postJson(`${directLine()}/tokens/generate`, {}, bearer(SECRET));
  expect(status).toBe(200);
  return body;
}

/** A fresh conversation, greeted and idle: its join turn has finished. */
async function openConversation(): Promise<Conversation> {
  const { token, conversationId } = await generate();
  expect((await postJson(`${directLine()}/conversations`, {}, bearer(token))).status).toBe(201);
  const conversation = { id: conversationId, token, userId: claimsOf(token).userId };
  await eventually(async () => ((await activities(conversation)).some((a) => a.text === 'What would you like to do?') ? true : undefined), 8000, 'greeting');
  return conversation;
}

async function activities(conversation: Conversation): Promise<Activity[]> {
  const res = await fetch(`${directLine()}/conversations/${conversation.id}/activities?watermark=0`, { headers: bearer(conversation.token) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { activities: Activity[] }).activities;
}

async function say(conversation: Conversation, text: string): Promise<void> {
  const { status } = await postJson(`${directLine()}/conversations/${conversation.id}/activities`, { type: 'message', text }, bearer(conversation.token));
  expect(status).toBe(200);
}

const fromBot = (a: Activity) => a.from?.id === 'giftbot';

// --- the agent side --------------------------------------------------------------------------

interface Handoff {
  id: string;
  customer: Conversation;
}

async function agentApi(method: 'GET' | 'POST', path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}/api/agent${path}`, { method, headers: bearer(ALICE) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A customer asks for a person and Alice accepts: what the agent-side cases write into. */
async function openHandoff(): Promise<Handoff> {
  const customer = await openConversation();
  await say(customer, 'talk to a person');
  await say(customer, HANDOFF_SUMMARY);
  await eventually(async () => ((await activities(customer)).some((a) => String(a.text).includes('in the queue')) ? true : undefined), 8000, 'queued');
  const waiting = await eventually(async () => (await agentApi('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === HANDOFF_SUMMARY), 8000, 'request in the queue');
  expect((await agentApi('POST', `/conversations/${waiting.id}/accept`)).status).toBe(200);
  await eventually(async () => ((await activities(customer)).some((a) => String(a.text).includes('Alice from the support team has joined')) ? true : undefined), 8000, 'agent joined');
  return { id: waiting.id as string, customer };
}

async function transcriptLength(id: string): Promise<number> {
  const { status, body } = await agentApi('GET', `/conversations/${id}/transcript`);
  expect(status).toBe(200);
  return body.lines.length;
}

// --- credentials -----------------------------------------------------------------------------

interface Context {
  conversation?: Conversation;
  handoff?: Handoff;
}

const now = () => Math.floor(Date.now() / 1000);
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwtClaims = (overrides: Record<string, unknown> = {}) => ({ iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: now() - 60, exp: now() + 600, ...overrides });
const unpublishedKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

function slackSignature(body: string, timestamp: number, secret = SLACK_SECRET): Record<string, string> {
  const hash = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'X-Slack-Request-Timestamp': String(timestamp), 'X-Slack-Signature': `v0=${hash}` };
}

/** The headers `auth` stands for; Slack's sign the body as it is at this point. */
async function credentials(auth: Auth | undefined, ctx: Context, body: string): Promise<Record<string, string>> {
  const customer = async () => {
    if (!ctx.conversation) throw new Error(`${String(auth)} needs the case's conversation`);
    return ctx.conversation;
  };
  switch (auth) {
    case undefined:
    case 'none':
      return {};
    case 'customer':
      return bearer((await customer()).token);
    case 'other-conversation':
      return bearer((await generate()).token);
    case 'expired': {
      const { id, userId } = await customer();
      return bearer(new TokenService(SECRET, () => now() - 3600).issue(id, userId).token);
    }
    case 'forged': {
      const { id, userId } = await customer();
      return bearer(new TokenService('not-the-directline-secret-0123456789').issue(id, userId).token);
    }
    case 'tampered': {
      const { id } = await customer();
      const other = (await generate()).token;
      const claims = claimsOf(other);
      return bearer(`${base64url({ ...claims, conversationId: id })}.${other.split('.')[1]}`);
    }
    case 'malformed':
      return bearer('not-a-direct-line-token');
    case 'secret':
      return bearer(SECRET);
    case 'basic-secret':
      return { Authorization: `Basic ${Buffer.from(`user:${SECRET}`).toString('base64')}` };
    case 'agent':
      return bearer(ALICE);
    case 'agent-near-miss':
      return bearer(`${ALICE.slice(0, -1)}${ALICE.endsWith('0') ? '1' : '0'}`);
    case 'bot-framework':
      return bearer(keys.sign(jwtClaims()));
    case 'bot-framework-expired':
      return bearer(keys.sign(jwtClaims({ nbf: now() - 7200, exp: now() - 3600 })));
    case 'bot-framework-forged':
      return bearer(keys.sign(jwtClaims(), { key: unpublishedKey }));
    case 'bot-framework-unsigned':
      return bearer(`${base64url({ alg: 'none', typ: 'JWT', kid: 'local-test-key' })}.${base64url(jwtClaims())}.`);
    case 'bot-framework-other-app':
      return bearer(keys.sign(jwtClaims({ aud: '99999999-1111-2222-3333-444444444444' })));
    case 'slack':
    case 'slack-altered':
      return slackSignature(body, now());
    case 'slack-replayed':
      return slackSignature(body, now() - 6 * 60);
    case 'slack-bad-timestamp':
      return { ...slackSignature(body, now()), 'X-Slack-Request-Timestamp': 'yesterday' };
    case 'slack-wrong-secret':
      return slackSignature(body, now(), 'not-the-slack-signing-secret');
    default: {
      const unknown: never = auth;
      throw new Error(`unknown auth ${String(unknown)}`);
    }
  }
}

// --- sending ---------------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

/**
 * One request on a connection of its own (no keep-alive pool): a server that stops reading a
 * 5 MB body and closes the socket must not break the next case's requests.
 */
function rawRequest(url: string, method: string, headers: Record<string, string>, body: string | Uint8Array | undefined, from?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const localAddress = from === 'network' ? networkAddress() : from;
    const req = httpRequest(url, { method, headers, agent: false, ...(localAddress ? { localAddress, family: 4 } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        answered = true;
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    // Writing the rest of a body the server has already refused may fail; the answer is what counts.
    req.on('error', (err) => {
      if (!answered) setTimeout(() => (answered ? undefined : reject(err)), 500);
    });
    req.end(body === undefined ? undefined : Buffer.from(body));
  });
}

function bodyOf(c: HostileCase): string | Uint8Array | undefined {
  const { body } = c.request;
  if (body === undefined || typeof body === 'string' || ArrayBuffer.isView(body)) return body as string | Uint8Array | undefined;
  return JSON.stringify(body);
}

async function send(c: HostileCase, ctx: Context): Promise<Answer[]> {
  const { request } = c;
  const path = request.path.replace('{conversation}', ctx.conversation?.id ?? '').replace('{handoff}', ctx.handoff?.id ?? '');
  let body = bodyOf(c);
  const headers: Record<string, string> = {};
  const typed = Object.keys(request.headers ?? {}).some((h) => h.toLowerCase() === 'content-type');
  if (typeof body === 'string' && !typed) headers['Content-Type'] = 'application/json';
  Object.assign(headers, request.headers, await credentials(request.auth, ctx, typeof body === 'string' ? body : ''));
  if (request.auth === 'slack-altered' && typeof body === 'string') body = body.replace('"text":"', '"text":"(altered) ');
  if (body !== undefined && !request.chunked) headers['Content-Length'] = String(Buffer.byteLength(body));
  if (request.chunked) headers['Transfer-Encoding'] = 'chunked';
  // From another address, the request goes to 127.0.0.1: `localhost` may be ::1, which 127.0.0.x can't reach.
  const url = request.from ? `${server.url.replace('localhost', '127.0.0.1')}${path}` : `${server.url}${path}`;
  const once = () => rawRequest(url, request.method, headers, body, request.from);
  const { times, together } = request.repeat ?? { times: 1, together: false };
  if (together) return Promise.all(Array.from({ length: times }, once));
  const answers: Answer[] = [];
  for (let i = 0; i < times; i++) answers.push(await once());
  return answers;
}

// --- what is checked -------------------------------------------------------------------------

const STACK_TRACE = /\n\s+at |\bat [\w$.<>]+ \(|[\w-]+\.(?:ts|js):\d+|node_modules|\/work\/|[A-Z]:\\/;
const TAG = /<\s*\/?\s*[a-z!?]/i;
const SECRET_WARNING = 'giftbot.secretWarning';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The characters a code may be disguised with, undone: compatibility forms, invisibles, look-alikes, Unicode dashes. */
const LOOKALIKES: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X', ο: 'o',
};
function compact(text: string): string {
  const folded = [...text.normalize('NFKC')]
    .filter((ch) => !/[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/.test(ch))
    .map((ch) => LOOKALIKES[ch] ?? ch)
    .join('');
  return folded.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

/** What an activity says, without its addressing (which echoes the sender's name back). */
const content = (a: Activity) => JSON.stringify([a.text ?? '', a.attachments ?? [], a.suggestedActions ?? [], a.value ?? null]);

/** Every URL with a scheme in the activities' content: in the text, on buttons and cards. */
function urlsIn(list: Activity[]): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const m of value.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"'\])]+/gi)) found.push(m[0].replace(/[.,;:!?]+$/, ''));
      if (/^\s*(?:javascript|data|vbscript):/i.test(value)) found.push(value.trim());
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const a of list) walk([a.text, a.attachments, a.suggestedActions, a.channelData]);
  return [...new Set(found)];
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function linkProblems(url: string, expected: NonNullable<Expected['link']>): string[] {
  const problems: string[] = [];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [`not a URL: ${url}`];
  }
  const market = new URL(MARKET);
  if (parsed.protocol !== 'https:') problems.push(`not https: ${url}`);
  if (parsed.host !== market.host) problems.push(`not on the configured host ${market.host}: ${url}`);
  if (parsed.username || parsed.password || parsed.hash) problems.push(`credentials or a fragment: ${url}`);
  if (!/^[A-Za-z0-9:/?&=._%-]+$/.test(url)) problems.push(`characters that can break out of an attribute: ${url}`);
  if (parsed.pathname !== `/${expected.kind}`) return [...problems, `not the ${expected.kind} link: ${url}`];
  const allowed = ['brand', 'amount', 'utm_source', 'utm_medium', ...(expected.kind === 'swap' ? ['want'] : [])];
  const keys = [...parsed.searchParams.keys()];
  for (const key of keys) if (!allowed.includes(key)) problems.push(`unexpected query key "${key}": ${url}`);
  if (new Set(keys).size !== keys.length) problems.push(`a query key twice: ${url}`);
  const param = (key: string) => parsed.searchParams.get(key);
  if (param('utm_source') !== 'giftbot' || param('utm_medium') !== 'directline') problems.push(`utm parameters changed: ${url}`);
  for (const key of ['brand', 'want']) if (param(key) !== null && !ID.test(param(key)!)) problems.push(`${key} is not a brand id: ${url}`);
  if (param('amount') !== null && !/^\d+\.\d{2}$/.test(param('amount')!)) problems.push(`amount is not a number: ${url}`);
  if (expected.brand !== undefined && param('brand') !== expected.brand) problems.push(`brand is ${param('brand')}, not ${expected.brand}: ${url}`);
  if (expected.want !== undefined && param('want') !== expected.want) problems.push(`want is ${param('want')}, not ${expected.want}: ${url}`);
  return problems;
}

/** The conversation id of a Bot Framework activity, or the channel of a Slack event, in the body. */
const bodyField = (c: HostileCase, pattern: RegExp): string | undefined => {
  const body = bodyOf(c);
  return typeof body === 'string' ? pattern.exec(body)?.[1] : undefined;
};

const logEvents = (event: string, needle: string) => server.logs.filter((line) => line.includes(`"event":"${event}"`) && line.includes(needle));

async function runCase(c: HostileCase): Promise<string[]> {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok && !problems.includes(what)) problems.push(what);
  };
  const { request, expect: expected } = c;
  const ctx: Context = {};
  // Customer credentials belong to a conversation: open it before anything is counted.
  const needsCustomer = request.auth === 'customer' || request.auth === 'expired' || request.auth === 'forged' || request.auth === 'tampered';
  if (request.path.includes('{conversation}') || needsCustomer) ctx.conversation = await openConversation();
  if (request.path.includes('{handoff}')) ctx.handoff = await handoff;
  for (const text of c.conversation?.before ?? []) await say(ctx.conversation!, text);

  // What is there before: to tell afterwards what the request added.
  const watched = ctx.conversation ?? ctx.handoff?.customer;
  const before = watched ? (await activities(watched)).length : 0;
  const linesBefore = ctx.handoff ? await transcriptLength(ctx.handoff.id) : 0;
  const logsBefore = server.logs.length;

  const sentAt = performance.now();
  const answers = await send(c, ctx);
  const took = performance.now() - sentAt;

  // The status, and errors as JSON without a stack trace.
  const allowed = [expected.status].flat();
  for (const answer of answers) {
    check(allowed.includes(answer.status), `status ${answer.status}, expected ${allowed.join(' or ')} — body: ${answer.text.slice(0, 160)}`);
    for (const [name, want] of Object.entries(expected.headers ?? {})) {
      const got = [answer.headers[name.toLowerCase()]].flat().filter((v) => v !== undefined).join(', ') || undefined;
      if (want === null) check(got === undefined, `${name}: ${String(got)}, expected none`);
      else check(got !== undefined && (typeof want === 'string' ? got.includes(want) : want.test(got)), `${name}: ${String(got)}, expected ${String(want)}`);
    }
    if (answer.status < 400) continue;
    const error = answer.json?.error;
    check(typeof error?.code === 'string' && typeof error?.message === 'string', `the ${answer.status} answer is not a JSON error {"error": {"code", "message"}}: ${JSON.stringify(answer.text.slice(0, 120))}`);
    if (expected.errorCode) check(error?.code === expected.errorCode, `error code ${String(error?.code)}, expected ${expected.errorCode}`);
    check(!STACK_TRACE.test(answer.text), `the ${answer.status} answer shows a stack trace or a file path: ${answer.text.slice(0, 200)}`);
    if (answer.status === 429 && expected.retryAfter) check(Number(answer.headers['retry-after']) >= 1, `a 429 without Retry-After (got ${String(answer.headers['retry-after'])})`);
  }
  if (expected.everyStatusSeen) for (const status of allowed) check(answers.some((a) => a.status === status), `no answer was ${status} (got ${[...new Set(answers.map((a) => a.status))].join(', ')})`);

  // The server is up and nobody reached Object.prototype.
  check((await fetch(`${server.url}/healthz`)).status === 200, '/healthz does not answer 200 afterwards');
  check(JSON.stringify(Object.getOwnPropertyNames(Object.prototype).sort()) === JSON.stringify(prototypeKeys), `Object.prototype gained keys: ${Object.getOwnPropertyNames(Object.prototype).filter((k) => !prototypeKeys.includes(k)).join(', ')}`);
  check(({} as Record<string, unknown>).polluted === undefined, 'Object.prototype.polluted is set');

  const accepted = answers.filter((a) => a.status < 300);

  // Direct Line: a refused request stores nothing; an accepted post stores exactly its echo.
  if (ctx.conversation) {
    const added = (await activities(ctx.conversation)).slice(before);
    if (accepted.length === 0) check(added.length === 0, `${added.length} activities were stored for a refused request: ${added.map((a) => JSON.stringify(a.text)).join(', ')}`);
    else if (request.method === 'POST' && request.path.endsWith('/activities')) {
      const echoes = added.filter((a) => a.from?.id === ctx.conversation!.userId);
      check(echoes.length === accepted.length, `${echoes.length} echoes stored for ${accepted.length} accepted posts (${answers.length - accepted.length} refused)`);
      for (const answer of accepted) check(added.some((a) => a.id === answer.json?.id), `the accepted post ${String(answer.json?.id)} was not stored`);
    }
  }
  // The agent API: a refused message reaches neither the customer nor the transcript.
  if (ctx.handoff && accepted.length === 0) {
    const added = (await activities(ctx.handoff.customer)).slice(before);
    check(added.length === 0, `the customer got ${added.length} activities from a refused agent request`);
    check((await transcriptLength(ctx.handoff.id)) === linesBefore, 'the transcript grew from a refused agent request');
  }
  // /api/messages: a refused activity runs no turn.
  const botConversation = request.path === '/api/messages' ? bodyField(c, /"conversation":\{"id":"([^"]+)"/) : undefined;
  if (botConversation && accepted.length === 0) check(logEvents('turn', `"conversation":"${botConversation}"`).length === 0, 'a refused Bot Framework activity ran a turn');
  // Slack: a refused request runs no turn; a redelivery runs none of its own.
  const slackChannel = request.path === '/api/slack/events' ? bodyField(c, /"channel":"([^"]+)"/) : undefined;
  if (slackChannel) {
    const turns = () => logEvents('slack-turn', `:${slackChannel}:`);
    if (accepted.length === 0) check(turns().length === 0, 'a refused Slack request ran a turn');
    if (expected.slackTurns !== undefined) {
      await eventually(() => (turns().length >= expected.slackTurns! ? true : undefined), 8000, 'Slack turns');
      if (answers.length > 1) await eventually(() => (logEvents('slack-duplicate', `:${slackChannel}:`).length >= answers.length - 1 ? true : undefined), 8000, 'slack-duplicate');
      check(turns().length === expected.slackTurns, `${turns().length} Slack turns ran, expected ${expected.slackTurns}`);
    }
  }

  // Long input: answered in time, with a reply, and nothing longer than the cut stored or said.
  if (expected.bounded && accepted.length > 0) {
    const { length, ms, absent = [] } = expected.bounded;
    check(took <= ms, `answered in ${took.toFixed(0)} ms, over ${ms} ms`);
    const said = ctx.conversation ? (await activities(ctx.conversation)).slice(before) : request.path === '/api/messages' ? accepted.flatMap((a) => (a.json?.activities ?? []) as Activity[]) : undefined;
    if (said) {
      check((ctx.conversation ? said.filter(fromBot) : said).some((a) => a.type === 'message'), 'the bot did not reply');
      for (const a of said.filter((x) => typeof x.text === 'string')) {
        const text = a.text as string;
        const what = ctx.conversation && !fromBot(a) ? 'the stored echo' : 'a reply';
        check(text.length <= length, `${what} is ${text.length} characters, over ${length}`);
        check(!LONE_SURROGATE.test(text), `${what} holds half a character`);
        for (const piece of absent) check(!text.includes(piece), `${what} holds "${piece}", part of a code the cut split`);
      }
    }
  }

  // What the customer's conversation shows after a message that got in.
  if (ctx.conversation && accepted.length > 0) {
    const echo = (await activities(ctx.conversation)).find((a) => a.id === accepted[0]!.json?.id);
    if (expected.echo !== undefined) check(echo?.text === expected.echo, `the echo is ${JSON.stringify(echo?.text)}, not the text sent ${JSON.stringify(expected.echo)}`);
    if (expected.hidden !== undefined) {
      const added = (await activities(ctx.conversation)).slice(before);
      check(String(echo?.text).includes('[code hidden]'), `the stored echo does not show [code hidden]: ${JSON.stringify(echo?.text)}`);
      const leaked = added.filter((a) => compact(content(a)).includes(compact(expected.hidden!)));
      check(leaked.length === 0, `the code is readable in ${leaked.map((a) => (fromBot(a) ? 'a bot reply' : 'the stored echo')).join(' and ')}: ${leaked.map((a) => JSON.stringify(a.text)).join(', ')}`);
      check(added.some((a) => fromBot(a) && (a.entities ?? []).some((e: { type?: string }) => e.type === SECRET_WARNING)), 'the bot never said it hid a code (the redactor did not see it)');
    }
    if (expected.hiddenAnywhere !== undefined) {
      const code = compact(expected.hiddenAnywhere);
      const added = (await activities(ctx.conversation)).slice(before);
      check(JSON.stringify(echo ?? {}).includes('[code hidden]'), `no field of the stored echo shows [code hidden]: ${JSON.stringify(echo).slice(0, 300)}`);
      const leaked = added.filter((a) => compact(JSON.stringify(a)).includes(code));
      check(leaked.length === 0, `the code is readable in ${leaked.map((a) => (fromBot(a) ? 'a bot reply' : 'the stored echo')).join(' and ')}: ${leaked.map((a) => JSON.stringify(a).slice(0, 300)).join(', ')}`);
      const logged = server.logs.slice(logsBefore).filter((line) => compact(line).includes(code));
      check(logged.length === 0, `the code is readable in the log: ${logged.join(' ').slice(0, 300)}`);
    }
    if (expected.warned) {
      const added = (await activities(ctx.conversation)).slice(before);
      check(added.some((a) => fromBot(a) && (a.entities ?? []).some((e: { type?: string }) => e.type === SECRET_WARNING)), 'the bot never said it hid a code (the redactor did not see it)');
    }
    for (const text of c.conversation?.after ?? []) await say(ctx.conversation, text);
    const replies = (await activities(ctx.conversation)).slice(before).filter(fromBot);
    if (expected.botSays !== undefined) check(replies.some((r) => String(r.text).includes(expected.botSays!)), `the bot never said ${JSON.stringify(expected.botSays)}: ${replies.map((r) => JSON.stringify(r.text)).join(' | ').slice(-300)}`);
    if (expected.repliesClean) {
      for (const reply of replies) check(!TAG.test(content(reply)) && !/javascript:/i.test(content(reply)), `a bot reply carries markup or javascript: ${content(reply).slice(0, 200)}`);
    }
    if (expected.link) {
      const urls = urlsIn(replies);
      check(urls.some((u) => u.includes(`/${expected.link!.kind}`)), `no ${expected.link.kind} link in the replies: ${replies.map((r) => JSON.stringify(r.text)).join(' | ')}`);
      for (const url of urls) for (const problem of linkProblems(url, expected.link)) check(false, problem);
    }
  }

  // An agent's message as the customer receives it.
  if (ctx.handoff && expected.customerSees !== undefined && accepted.length > 0) {
    const line = accepted[0]!.json?.line?.text;
    check(typeof line === 'string' && !TAG.test(line) && !/javascript:/i.test(line), `the line sent back to the agent carries markup: ${JSON.stringify(line)}`);
    const received = await eventually(async () => (await activities(ctx.handoff!.customer)).slice(before).find((a) => fromBot(a) && String(a.text).startsWith('Alice: ')), 8000, "the agent's message");
    const text = String(received.text);
    check(text.includes(expected.customerSees), `the customer got ${JSON.stringify(text)}, without ${JSON.stringify(expected.customerSees)}`);
    check(!TAG.test(content(received)), `the customer got a tag: ${JSON.stringify(text)}`);
    check(!/javascript:/i.test(content(received)), `the customer got a javascript: URL: ${JSON.stringify(text)}`);
    check(!/[\u202A-\u202E\u2066-\u2069]/.test(text), `the customer got bidi controls: ${JSON.stringify(text)}`);
  }

  // A flood into one conversation leaves the others alone.
  if (expected.othersAnswered) {
    const other = await openConversation();
    const before = (await activities(other)).length;
    const res = await postJson(`${directLine()}/conversations/${other.id}/activities`, { type: 'message', text: 'help' }, bearer(other.token));
    check(res.status === 200, `another conversation got ${res.status} during the flood`);
    const replies = (await activities(other)).slice(before).filter(fromBot);
    check(replies.some((r) => r.text === 'What would you like to do?'), 'another conversation got no answer during the flood');
  }
  return problems;
}

// --- the tests -------------------------------------------------------------------------------

function then(expected: Expected, c: HostileCase): string {
  const statuses = [expected.status].flat();
  const code = expected.errorCode ? ` ${expected.errorCode}` : '';
  const parts: string[] = [];
  if (expected.everyStatusSeen) parts.push(`some ${statuses.join(' and some ')}${code}${expected.retryAfter ? ' with Retry-After' : ''}, the accepted ones stored and the refused ones not`);
  else if (statuses.length > 1) parts.push(`${statuses.join(' or ')} (refused or ignored), Object.prototype untouched`);
  else parts.push(`${statuses[0]}${code}`);
  const refused = statuses.every((s) => s >= 400);
  if (refused && (c.request.path.includes('{') || c.request.path.startsWith('/api/'))) parts.push('nothing stored');
  if (expected.hidden) parts.push('the code hidden in the echo and every reply');
  if (expected.hiddenAnywhere) parts.push('the code in no field of the echo, any reply or the log');
  if (expected.warned) parts.push('the bot warns');
  if (expected.echo) parts.push('stored as the plain text sent');
  if (expected.repliesClean) parts.push('no markup in the replies');
  if (expected.link) parts.push(`the ${expected.link.kind} link only on the configured host with safe parameters`);
  if (expected.customerSees) parts.push('the customer gets it without tags or javascript:');
  if (expected.slackTurns !== undefined) parts.push(`both acknowledged and ${expected.slackTurns} turn runs`);
  if (expected.othersAnswered) parts.push('other conversations still answered');
  if (expected.botSays) parts.push(`the bot says "${expected.botSays}"`);
  if (expected.metricsLack) parts.push(`/metrics without "${expected.metricsLack}"`);
  if (expected.headers) parts.push(`with ${Object.keys(expected.headers).join(', ')} as expected`);
  if (expected.bounded) parts.push(`answered within ${expected.bounded.ms} ms, echo and replies at most ${expected.bounded.length} characters${expected.bounded.absent ? ' with no piece of the split code' : ''}`);
  return `${parts.join(', ')}, and the server stays up`;
}

describe.each(CATEGORIES.map((category) => [category]))('adversarial corpus: %s', (category) => {
  const cases = corpus.filter((c) => c.category === category);
  test.each(cases.map((c) => [`when ${c.name}, then ${then(c.expect, c)}`, c] as const))('%s', async (_title, c) => {
    const main = server;
    if (c.request.server === 'development') server = await (development ??= startTestServer({ ...RUNNER_LIMITS, RATE_LIMIT_TOKENS_PER_IP: '100000/600' }));
    try {
      const problems = await runCase(c);
      if (c.expect.metricsLack !== undefined) {
        const metrics = await (await fetch(`${server.url}/metrics`)).text();
        if (metrics.includes(c.expect.metricsLack)) problems.push(`/metrics holds ${JSON.stringify(c.expect.metricsLack)}`);
      }
      expect(problems).toEqual([]);
    } finally {
      server = main;
    }
  }, 90_000);
});

test('when the corpus is counted, then it holds at least 40 hostile requests and every category', () => {
  expect(corpus.length).toBeGreaterThanOrEqual(40);
  expect(CATEGORIES.filter((category) => !corpus.some((c) => c.category === category))).toEqual([]);
  expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
});
