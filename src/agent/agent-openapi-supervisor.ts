import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { BODY_ERRORS, errorResponses, json } from './agent-openapi-errors';
import { AGENT_API_BASE } from './agent-openapi-paths';
import { ConversationParams } from './agent-schemas';
import { MovedAnswer, OverviewAnswer, ReassignBody, TakeOverBody } from './supervisor-schemas';

const SUPERVISOR = `${AGENT_API_BASE}/supervisor`;
const FORBIDDEN = 'Forbidden: the caller is not a supervisor (AGENT_TOKENS `name:token:supervisor`, or a Teams user in TEAMS_SUPERVISOR_GROUPS).';

/** The supervisor's calls (supervisor-routes.ts): the team overview, take over, reassign. */
export function registerSupervisorPaths(registry: OpenAPIRegistry): void {
  const params = ConversationParams;
  registry.registerPath({
    method: 'get',
    path: `${SUPERVISOR}/overview`,
    operationId: 'supervisorOverview',
    tags: ['supervisor'],
    summary: 'Waiting and live chats, agents and the messages customers left',
    description: 'Waiting requests with their wait so far; live chats with their agent, handle time so far and the wait they had; every agent with status and load; messages left after a time-out, newest first.',
    responses: { 200: json('The team now.', OverviewAnswer), ...errorResponses([403], { 403: FORBIDDEN }) },
  });
  registry.registerPath({
    method: 'post',
    path: `${SUPERVISOR}/conversations/{id}/take-over`,
    operationId: 'supervisorTakeOver',
    tags: ['supervisor'],
    summary: 'Become the agent of a waiting or live chat',
    description: 'The agent who had it hears `ended` (by `supervisor`) on the stream and loses it; the customer is told who has it now. Audited as `taken-over`. The move is conditional on the holder (the one in `from`, else the one read at the call), so of two supervisors moving one chat at once exactly one wins.',
    request: { params, body: { required: false, content: { 'application/json': { schema: TakeOverBody } } } },
    responses: {
      200: json('The chat, now the caller’s.', MovedAnswer),
      ...errorResponses([...BODY_ERRORS, 403, 404, 409], { 403: FORBIDDEN, 409: 'Conflict: it is already the caller’s, was handed to a contact centre, or changed hands meanwhile.' }),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${SUPERVISOR}/conversations/{id}/reassign`,
    operationId: 'supervisorReassign',
    tags: ['supervisor'],
    summary: 'Give a waiting or live chat to an agent',
    description: 'To an available or away agent (not offline). The agent who had it hears `ended` (by `supervisor`), the new one `assigned`. Audited as `reassigned`. Conditional on the holder, as take over.',
    request: { params, body: { required: true, content: { 'application/json': { schema: ReassignBody } } } },
    responses: {
      200: json('The chat, now with `to`.', MovedAnswer),
      ...errorResponses([...BODY_ERRORS, 403, 404, 409], {
        403: FORBIDDEN,
        404: 'NotFound: no such request is open; or UnknownAgent: no agent with that id or name has signed in.',
        409: 'Conflict: already with that agent, the agent is offline, handed to a contact centre, or changed hands meanwhile; or Ambiguous: several agents have that name.',
      }),
    },
  });
}
