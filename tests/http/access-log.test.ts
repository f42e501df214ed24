import WebSocket from 'ws';
import { postJson, eventually, startTestServer, type TestServer } from '../helpers/server';

const DIGITLESS_ID = 'IvGXOPNGUtPHQzwpsJwnIg';

/**
 * One access line per request — method, route, status, ms — and never what could be a secret: the
 * query string (a stream's `?t=` is a token), headers (Authorization) or the body (what a customer
 * typed, a gift card code among it).
 */
const CODE = 'X7KQ-9PLM-4RTZ-2WVB';
const QUERY_SECRET = 'query-secret-0123456789abcdef';
const HEADER_SECRET = 'header-secret-0123456789abcdef';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

// any: log lines are whatever JSON the logger wrote.
const accessLines = (): any[] => server.logs.map((line) => JSON.parse(line)).filter((line) => line.event === 'http-request');

test('when requests carry a token in the query, an Authorization header and a code in the body, then each gets an access line with method, route, status and ms, and none of those secrets is in any line', async () => {
  const before = server.logs.length;
  await fetch(`${server.url}/?token=${QUERY_SECRET}`);
  const { body: session } = await postJson(`${server.url}/v3/directline/tokens/generate`, {}, { Authorization: `Bearer ${HEADER_SECRET}` });
  const auth = { Authorization: `Bearer ${session.token}` };
  const { body: conversation } = await postJson(`${server.url}/v3/directline/conversations`, {}, auth);
  const posted = await postJson(`${server.url}/v3/directline/conversations/${conversation.conversationId}/activities?secret=${QUERY_SECRET}`, { type: 'message', from: { id: 'dl_someone' }, text: `my code ${CODE} does not work` }, auth);
  expect(posted.status).toBe(200);
  await fetch(`${server.url}/nowhere/${CODE}?token=${QUERY_SECRET}`, { headers: { Authorization: `Bearer ${HEADER_SECRET}` } });
  // The stream: its token is in the query.
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/v3/directline/conversations/${conversation.conversationId}/stream?t=${session.token}`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.close();
  // An id with no digit in it (random ids have none about one time in forty) is masked too.
  const refused = new WebSocket(`${server.url.replace('http', 'ws')}/v3/directline/conversations/${DIGITLESS_ID}/stream?t=${QUERY_SECRET}`);
  await new Promise<void>((resolve) => refused.once('error', () => resolve()));

  const lines = await eventually(() => {
    const found = accessLines();
    return found.filter((line) => line.upgrade).length >= 2 ? found : undefined;
  }, 8000, 'access lines for both WebSocket upgrades');
  const logged = server.logs.slice(before).join('\n');
  for (const secret of [QUERY_SECRET, HEADER_SECRET, session.token as string, CODE]) expect(logged).not.toContain(secret);
  const access = JSON.stringify(lines);
  for (const secret of [QUERY_SECRET, HEADER_SECRET, session.token as string, CODE, 'Bearer', 'authorization', 'my code', conversation.conversationId as string, DIGITLESS_ID]) expect(access).not.toContain(secret);

  for (const line of lines) {
    expect(line).toEqual(expect.objectContaining({ level: 'info', method: expect.stringMatching(/^(GET|POST)$/), route: expect.stringMatching(/^\//), status: expect.any(Number), ms: expect.any(Number), msg: expect.stringContaining(line.route) }));
    expect(line.route).not.toContain('?');
  }
  const routes = lines.map((line) => `${line.method} ${line.route} ${line.status}`);
  expect(routes).toEqual(expect.arrayContaining([
    'GET / 200',
    'POST /v3/directline/tokens/generate 200',
    'POST /v3/directline/conversations 201',
    'POST /v3/directline/conversations/:id/activities 200',
    'GET /v3/directline/conversations/:id/stream 101',
    'GET /v3/directline/conversations/:id/stream 401',
    'GET /nowhere/:id 404',
  ]));
  expect(lines.find((line) => line.status === 404).msg).toMatch(/^GET \/nowhere\/:id 404 in \d+ ms$/);
});

test('when a health probe polls, then its access line is debug (dropped at the default info level), while other requests are info', async () => {
  const before = server.logs.length;
  await fetch(`${server.url}/healthz`);
  await fetch(`${server.url}/readyz`);
  await fetch(`${server.url}/metrics`);
  await fetch(`${server.url}/widget.js`);
  const routes = await eventually(() => {
    const found = server.logs.slice(before).map((line) => JSON.parse(line)).filter((line) => line.event === 'http-request');
    return found.length > 0 ? found.map((line) => line.route) : undefined;
  });
  expect(routes).toEqual(['/widget.js']);

  const verbose = await startTestServer({ LOG_LEVEL: 'debug' });
  try {
    await fetch(`${verbose.url}/healthz`);
    const probe = await eventually(() => verbose.logs.map((line) => JSON.parse(line)).find((line) => line.event === 'http-request'));
    expect(probe).toMatchObject({ level: 'debug', method: 'GET', route: '/healthz', status: 200 });
  } finally {
    await verbose.close();
  }
});

test('when LOG_LEVEL is warn, then no access or other info line is written, and warnings still are', async () => {
  const quiet = await startTestServer({ LOG_LEVEL: 'warn' });
  try {
    await fetch(`${quiet.url}/`);
    await fetch(`${quiet.url}/nowhere`);
    expect(quiet.logs.map((line) => JSON.parse(line).level).filter((level) => level !== 'warn' && level !== 'error')).toEqual([]);
  } finally {
    await quiet.close();
  }
});
