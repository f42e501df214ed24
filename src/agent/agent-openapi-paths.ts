import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { BODY_ERRORS, errorResponses, json } from './agent-openapi-errors';
import {
  AgentsAnswer,
  ConversationAnswer,
  ConversationParams,
  KnowledgeAnswer,
  KnowledgeQuery,
  LinksAnswer,
  MeAnswer,
  MessageBody,
  MessageSentAnswer,
  MessagesLeftAnswer,
  QueueAnswer,
  StatusAnswer,
  StatusBody,
  TranscriptAnswer,
  TransferBody,
} from './agent-schemas';
import { AGENT_STREAM_PATH, CLOSE_UNAUTHORIZED } from './agent-stream';
import { EndBody } from './wrap-up-body';

/** Where the agent router is mounted (src/app/server.ts); paths below are written in full. */
export const AGENT_API_BASE = '/api/agent';
const CONVERSATION = `${AGENT_API_BASE}/conversations/{id}`;

/** The agent and the people: who am I, who else is signed in, the queue, the messages left. */
export function registerPeoplePaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: `${AGENT_API_BASE}/me`,
    operationId: 'me',
    tags: ['agents'],
    summary: 'Who the token signs in as',
    responses: { 200: json('The signed-in agent and how they signed in.', MeAnswer), ...errorResponses() },
  });
  registry.registerPath({
    method: 'get',
    path: `${AGENT_API_BASE}/agents`,
    operationId: 'listAgents',
    tags: ['agents'],
    summary: 'Agents a conversation can be transferred to, with their status and load',
    description: 'Every token agent, and each Teams agent who has signed in since the server started. `you` marks the caller; `status` is what each set (offline if never), `load` the chats each holds now; `routing` gives ROUTING and AGENT_CAPACITY.',
    responses: { 200: json('The agents, by name.', AgentsAnswer), ...errorResponses() },
  });
  registry.registerPath({
    method: 'get',
    path: `${AGENT_API_BASE}/me/status`,
    operationId: 'myStatus',
    tags: ['agents'],
    summary: 'Your routing status and load',
    responses: { 200: json('Your status (offline if never set) and the chats you hold.', StatusAnswer), ...errorResponses() },
  });
  registry.registerPath({
    method: 'post',
    path: `${AGENT_API_BASE}/me/status`,
    operationId: 'setMyStatus',
    tags: ['agents'],
    summary: 'Set yourself available, away or offline',
    description: 'With ROUTING=auto, the longest-waiting request goes to the available agent with the fewest chats (ties: idle longest), up to AGENT_CAPACITY each; away and offline agents get nothing new and keep their chats. Every console hears the change (`status` on the stream), and routing runs at once.',
    request: { body: { required: true, content: { 'application/json': { schema: StatusBody } } } },
    responses: { 200: json('Your status now.', StatusAnswer), ...errorResponses([...BODY_ERRORS], { 400: 'BadRequest: `status` is missing or not one of available, away, offline.' }) },
  });
  registry.registerPath({
    method: 'get',
    path: `${AGENT_API_BASE}/queue`,
    operationId: 'queue',
    tags: ['queue'],
    summary: 'The waiting requests, and the conversations you hold',
    description: 'Any agent sees every waiting request’s summary (not its transcript). `mine` are the conversations the caller accepted.',
    responses: { 200: json('Waiting requests in queue order, and yours.', QueueAnswer), ...errorResponses() },
  });
  registry.registerPath({
    method: 'get',
    path: `${AGENT_API_BASE}/messages`,
    operationId: 'messagesLeft',
    tags: ['queue'],
    summary: 'Messages customers left when nobody was free',
    description: 'Left after a time-out or outside SUPPORT_HOURS, with an email or phone number to answer them by.',
    responses: { 200: json('Every message left, oldest first.', MessagesLeftAnswer), ...errorResponses() },
  });
  registry.registerPath({
    method: 'get',
    path: `${AGENT_API_BASE}/knowledge`,
    operationId: 'searchKnowledge',
    tags: ['knowledge'],
    summary: 'Search the knowledge base',
    description: 'The best five error fixes and FAQ answers for the text, the given brand’s first.',
    request: { query: KnowledgeQuery },
    responses: { 200: json('Up to five entries, best first.', KnowledgeAnswer), ...errorResponses([400]) },
  });
}

/** One conversation: accept it, read it, write to it, end it, hand it on. Only its agent may (but accept). */
export function registerConversationPaths(registry: OpenAPIRegistry): void {
  const params = ConversationParams;
  registry.registerPath({
    method: 'post',
    path: `${CONVERSATION}/accept`,
    operationId: 'accept',
    tags: ['conversations'],
    summary: 'Take a waiting request',
    description: 'A compare-and-set: when two agents accept at once, exactly one gets it and the other gets 409. An Accept may go past AGENT_CAPACITY (capacity bounds what routing hands out, not what an agent chooses). Works with ROUTING=auto too (routing may have assigned it first: 409). The customer hears that the agent has joined.',
    request: { params },
    responses: { 200: json('The conversation, now yours.', ConversationAnswer), ...errorResponses([404, 409], { 409: 'Conflict: another agent (or routing) took it first.' }) },
  });
  registry.registerPath({
    method: 'get',
    path: `${CONVERSATION}/transcript`,
    operationId: 'transcript',
    tags: ['conversations'],
    summary: 'The conversation so far',
    description: 'Customer, bot and agent messages in order, with codes already hidden.',
    request: { params },
    responses: { 200: json('The transcript.', TranscriptAnswer), ...errorResponses([403, 404]) },
  });
  registry.registerPath({
    method: 'post',
    path: `${CONVERSATION}/messages`,
    operationId: 'sendMessage',
    tags: ['conversations'],
    summary: 'Write to the customer',
    description: 'The text is rebuilt from an allow-list of markdown (https links only, no images, no HTML) and control and bidi characters are taken out; the answer is the line as the customer got it.',
    request: { params, body: { required: true, content: { 'application/json': { schema: MessageBody } } } },
    responses: {
      201: json('Sent: the line as the customer got it.', MessageSentAnswer),
      ...errorResponses([...BODY_ERRORS, 403, 404, 502], { 400: 'BadRequest: `text` is missing, empty, longer than the limit, or has nothing left once markup is taken out; or another field was sent.' }),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${CONVERSATION}/typing`,
    operationId: 'typing',
    tags: ['conversations'],
    summary: 'Show the customer that the agent is typing',
    request: { params },
    responses: { 204: { description: 'Shown.' }, ...errorResponses([403, 404]) },
  });
  registry.registerPath({
    method: 'post',
    path: `${CONVERSATION}/end`,
    operationId: 'end',
    tags: ['conversations'],
    summary: 'End the conversation',
    description: 'The customer is asked how the support team did (1–5), then the bot is back. An optional wrap-up (`reason` from GET /api/agent/wrap-up, optional `tags`) is stored on the conversation as `wrapUp` in the same step that ends it; a refused one changes nothing.',
    request: { params, body: { required: false, content: { 'application/json': { schema: EndBody } } } },
    responses: { 200: json('The conversation, ended.', ConversationAnswer), ...errorResponses([...BODY_ERRORS, 403, 404], { 400: 'BadRequest: `reason` is not one of the configured ids, tags without a reason, too many or too long tags, or another field was sent; the conversation stays active.' }) },
  });
  registry.registerPath({
    method: 'post',
    path: `${CONVERSATION}/transfer`,
    operationId: 'transfer',
    tags: ['conversations'],
    summary: 'Hand the conversation to a colleague, or back to the queue',
    description: 'With `to`, to an agent from GET /api/agent/agents; with `{}` or no body, back to the queue in its old place. An optional `note` is kept with the conversation for the next agent (the transcript answer’s `handover`), never sent to the customer. A refused transfer changes nothing: the conversation stays with the caller.',
    request: { params, body: { required: false, content: { 'application/json': { schema: TransferBody } } } },
    responses: {
      200: json('The conversation, now with its new holder (or waiting).', ConversationAnswer),
      ...errorResponses([...BODY_ERRORS, 403, 404, 409], {
        400: 'BadRequest: the body does not match the schema, or the conversation is already yours.',
        404: 'NotFound: no such request is open; or UnknownAgent: no agent with that id or name has signed in.',
        409: 'Ambiguous: several agents have that name; the message lists their ids.',
      }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${CONVERSATION}/links`,
    operationId: 'links',
    tags: ['conversations'],
    summary: 'Sell and swap deep links for the conversation',
    request: { params },
    responses: { 200: json('The links, pre-filled with the conversation’s brand and amount.', LinksAnswer), ...errorResponses([403, 404]) },
  });
}

/** This document, and the WebSocket that carries live events (described, since OpenAPI has no WebSocket operations). */
export function registerMetaPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: `${AGENT_API_BASE}/openapi.json`,
    operationId: 'openapi',
    tags: ['meta'],
    summary: 'This description',
    security: [],
    responses: { 200: { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } },
  });
  registry.registerPath({
    method: 'get',
    path: AGENT_STREAM_PATH,
    operationId: 'stream',
    tags: ['meta'],
    summary: 'Live events (WebSocket)',
    description: [
      'Open with a WebSocket upgrade; no Authorization header (a browser cannot set one, and a token in the URL would reach logs).',
      'The first frame signs in: `{"type":"auth","token":"…"}` (an agent token or Teams SSO token). The server answers `{"type":"ready","agent"}` and `{"type":"queue","waiting"}`.',
      'The auth frame may carry `"status":"available"` (or away, offline): the console sends it so signing in makes the agent available; without it the stored status stands. When an agent’s last stream closes and stays closed for 60 seconds, an available agent becomes offline.',
      'Then: `queue` (the whole waiting list, on every change) and `status` (`{agent, status, since, load}`, when anyone’s status changes) to everyone; for the agent’s own conversations `message` (`{id, line}`), `typing` (`{id}`), `assigned` (`{conversation}`, transferred or routed to you) and `ended` (`{id, by}`, by customer, agent or transfer); `note` (`{id, note}`: an internal note written on a conversation, to the consoles of the agent holding it and of every supervisor, on any instance; never to the customer).',
      'The client may send `{"type":"typing","id"}` and `{"type":"ping"}` (answered `{"type":"pong"}`); a frame that is not one of these gets `{"type":"error","message"}`.',
      `A failed sign-in, or none within 10 seconds, closes the socket with code ${CLOSE_UNAUTHORIZED}.`,
    ].join('\n\n'),
    security: [],
    responses: {
      101: { description: 'Switching Protocols: the WebSocket is open; sign in with the first frame.' },
    },
  });
}
