import Ajv2020 from 'ajv/dist/2020';
import { agentClient, type AgentClient } from '../helpers/agent-client';
import { directLineClient, type Customer } from '../helpers/directline-client';
import { validateOpenApi } from '../helpers/openapi-validator';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * The agent API's OpenAPI document, fetched from the real server: valid OpenAPI 3.1, describing
 * every route the agent router registers (and nothing it doesn't), with bodies and refusals that
 * match what the routes really do.
 */
const ALICE = 'alice-token-openapi-0123456789';
const BASE = '/api/agent';
const STREAM = `${BASE}/stream`;

// any: the document is whatever JSON the server answered; the validator checks its shape.
type Json = any;

let server: TestServer;
let doc: Json;
const customers: Customer[] = [];
const agents: AgentClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ AGENT_TOKENS: `Alice:${ALICE}`, HANDOFF_TIMEOUT_SECONDS: '600' });
  const res = await fetch(`${server.url}${BASE}/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  doc = await res.json();
});
afterAll(async () => {
  customers.forEach((c) => c.end());
  await Promise.all(agents.map((a) => a.close()));
  await server.close();
});

/** The routes the agent router registers, read from the running app: `METHOD /api/agent/...` with `{param}`. */
function registeredRoutes(): string[] {
  // The router's layers are Express internals with no public type: only the fields read here.
  type Layer = { rawPath?: unknown; handle: { stack?: Layer[] }; route?: { path: string; methods: Record<string, boolean> } };
  const appStack = (server.app as unknown as { router: { stack: Layer[] } }).router.stack;
  const mounted = appStack.filter((layer) => layer.rawPath === BASE && Array.isArray(layer.handle.stack));
  expect(mounted.length).toBeGreaterThan(0);
  // Parts' own routers (notes-routes.ts, …) are mounted inside the agent router without a path: their routes count too.
  const inner = (stack: Layer[]): Layer[] => stack.flatMap((layer) => (layer.route ? [layer] : Array.isArray(layer.handle.stack) ? inner(layer.handle.stack) : []));
  const routes = mounted.flatMap((layer) => inner(layer.handle.stack!));
  return routes.flatMap(({ route }) =>
    Object.keys(route!.methods)
      .filter((method) => route!.methods[method])
      .map((method) => `${method.toUpperCase()} ${BASE}${route!.path.replace(/:(\w+)/g, '{$1}')}`),
  );
}

function documentedOperations(): string[] {
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => ['get', 'post', 'put', 'patch', 'delete'].includes(key))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

describe('the agent API description', () => {
  test('when fetched without a token, then it is a valid OpenAPI 3.1 document by the official schema', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const verdict = validateOpenApi(doc);
    expect(verdict.errors).toBeNull();
    expect(verdict.valid).toBe(true);
    expect(verdict.version).toBe('3.1');
  });

  test('when it is broken on purpose, then the validator says so (it can fail)', () => {
    const broken = structuredClone(doc);
    broken.paths[`${BASE}/queue`].get.responses = 'none';
    expect(validateOpenApi(broken).valid).toBe(false);
  });

  test('when the agent router registers a route, then the document describes it, and it describes no route that is not there', () => {
    const registered = registeredRoutes();
    // The ten of the issue, at least: queue, accept, transcript, messages, typing, end, transfer, links, knowledge, messages left.
    expect(registered.length).toBeGreaterThanOrEqual(10);
    const documented = documentedOperations();
    expect(documented.filter((op) => !registered.includes(op))).toEqual([`GET ${STREAM}`]);
    expect(registered.filter((op) => !documented.includes(op))).toEqual([]);
  });

  test('when a described call is made without a token, then it gets the documented 401 with WWW-Authenticate', async () => {
    expect(doc.components.securitySchemes.agentBearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const secured = documentedOperations().filter((op) => !op.endsWith('/openapi.json') && op !== `GET ${STREAM}`);
    for (const op of secured) {
      const [method, path] = op.split(' ') as [string, string];
      expect(doc.paths[path][method.toLowerCase()].responses['401']).toBeDefined();
      const res = await fetch(`${server.url}${path.replace('{id}', 'h1-none')}${path.endsWith('/knowledge') ? '?q=code' : ''}`, { method });
      expect({ op, status: res.status, auth: res.headers.get('www-authenticate') }).toEqual({ op, status: 401, auth: 'Bearer realm="giftbot agents"' });
      expect(((await res.json()) as Json).error.code).toBe('Unauthorized');
    }
  });

  test('when the documented message body is sent, then the real route takes it; when one breaks the schema, then it gets the documented 400 in the documented error shape', async () => {
    const ajv = new Ajv2020({ strict: false });
    const bodyValid = ajv.compile(doc.components.schemas.MessageBody);
    const errorValid = ajv.compile(doc.components.schemas.Error);
    const operation = doc.paths[`${BASE}/conversations/{id}/messages`].post;
    expect(operation.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/MessageBody');

    const alice = await agentClient(server.url, ALICE);
    agents.push(alice);
    const id = await queuedRequest(alice, 'card shows as used');
    expect((await alice.api('POST', `/conversations/${id}/accept`)).status).toBe(200);

    const good = { text: 'Hello, I am looking at it now.' };
    expect(bodyValid(good)).toBe(true);
    const sent = await alice.api('POST', `/conversations/${id}/messages`, good);
    expect(sent.status).toBe(201);
    expect(operation.responses['201']).toBeDefined();
    expect(doc.components.schemas.MessageSent.properties.line.$ref).toBe('#/components/schemas/Line');
    expect(ajv.validate(doc.components.schemas.Line, sent.body.line)).toBe(true);
    expect(sent.body.line).toMatchObject({ from: 'agent', name: 'Alice', text: good.text });

    const maxLength = doc.components.schemas.MessageBody.properties.text.maxLength as number;
    const bad = [{ text: 'x'.repeat(maxLength + 1) }, { text: 'hi', extra: true }, {}];
    for (const body of bad) {
      expect(bodyValid(body)).toBe(false);
      const refused = await alice.api('POST', `/conversations/${id}/messages`, body);
      expect(operation.responses[String(refused.status)]).toBeDefined();
      expect(refused.status).toBe(400);
      expect(errorValid(refused.body)).toBe(true);
      expect(refused.body.error.code).toBe('BadRequest');
    }
  });
});

/** A customer on the real Direct Line asks for a person; resolves with the request's id in the queue. */
async function queuedRequest(as: AgentClient, summary: string): Promise<string> {
  const { body } = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
  const customer = directLineClient({ domain: `${server.url}/v3/directline`, token: body.token, webSocket: true });
  customers.push(customer);
  const saw = (text: string) => eventually(() => customer.texts().find((t) => t.includes(text)), 8000, `customer to see "${text}"`);
  await saw("I'm giftbot");
  await customer.say('talk to a person');
  await saw('In one line');
  await customer.say(summary);
  await saw('in the queue');
  const item = await eventually(async () => (await as.api('GET', '/queue')).body.waiting.find((w: { summary: string }) => w.summary === summary), 8000, 'request in the queue');
  return item.id as string;
}
