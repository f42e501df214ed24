import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { registerConversationPaths, registerMetaPaths, registerPeoplePaths } from './agent-openapi-paths';
import { registerSupervisorPaths } from './agent-openapi-supervisor';
import { registerReportPaths } from './agent-openapi-reports';
import { registerNotesPaths } from './agent-openapi-notes';
import { registerWrapUpPaths } from './agent-openapi-wrap-up';
import { registerArchivePaths } from './agent-openapi-archive';

/** The document's type, as the generator gives it (openapi3-ts's, which is not a direct dependency). */
type OpenAPIObject = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** The name routes refer to in `security`; the one way in is an agent's bearer token. */
const BEARER = 'agentBearer';

let built: OpenAPIObject | undefined;

/**
 * The agent API described as OpenAPI 3.1, generated from the zod schemas the routes parse with
 * (agent-schemas.ts). Built once on first use: it only depends on code, never on config or data.
 */
export function agentOpenApiDocument(): OpenAPIObject {
  built ??= build();
  return built;
}

function build(): OpenAPIObject {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', BEARER, {
    type: 'http',
    scheme: 'bearer',
    description:
      'An agent token from AGENT_TOKENS (`name:token` pairs), or inside Teams a Teams SSO token (an Entra ID JWT with the access_as_user scope, verified against TEAMS_SSO_CLIENT_ID and TEAMS_SSO_TENANT_ID). A customer’s Direct Line token or secret is refused.',
  });
  registerPeoplePaths(registry);
  registerConversationPaths(registry);
  registerNotesPaths(registry);
  registerWrapUpPaths(registry);
  registerSupervisorPaths(registry);
  registerMetaPaths(registry);
  registerReportPaths(registry);
  registerArchivePaths(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'giftbot agent API',
      version: '1.0.0',
      description:
        'The queue, conversations and look-ups behind the agent console, for contact-centre integrations. JSON in and out. Every call but this description needs `Authorization: Bearer <token>`. Errors are `{"error": {"code", "message"}}` with the status given. Only the agent who accepted a conversation may read it, write to it, end it or transfer it. Live events come over the WebSocket at /api/agent/stream.',
    },
    security: [{ [BEARER]: [] }],
    tags: [
      { name: 'queue', description: 'Waiting requests and messages left' },
      { name: 'conversations', description: 'A conversation an agent holds' },
      { name: 'knowledge', description: 'Look-ups while helping' },
      { name: 'agents', description: 'Who is signed in' },
      { name: 'meta', description: 'This description and the live stream' },
      { name: 'reports', description: 'Figures over a date range, as JSON or CSV' },
      { name: 'supervisor', description: 'The team overview, take over and reassign (supervisors only)' },
      { name: 'archive', description: 'Past conversations: search and transcript export' },
    ],
  });
}
