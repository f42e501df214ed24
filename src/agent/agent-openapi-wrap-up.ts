import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { errorResponses, json } from './agent-openapi-errors';
import { AGENT_API_BASE } from './agent-openapi-paths';
import { ConversationParams } from './agent-schemas';
import { FilledMacrosAnswer, MacrosAnswer, WrapUpAnswer } from './wrap-up-schemas';

/** Macros and End's wrap-up (wrap-up-routes.ts); End's own body is described with End in agent-openapi-paths.ts. */
export function registerWrapUpPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: `${AGENT_API_BASE}/macros`,
    operationId: 'listMacros',
    tags: ['knowledge'],
    summary: 'The team’s macros, as written',
    description: 'From macros/macros.json (MACROS_DIR). The console offers them when the reply starts with "/".',
    responses: { 200: json('Every macro, in file order.', MacrosAnswer), ...errorResponses() },
  });
  registry.registerPath({
    method: 'get',
    path: `${AGENT_API_BASE}/conversations/{id}/macros`,
    operationId: 'conversationMacros',
    tags: ['conversations'],
    summary: 'The macros filled for one conversation',
    description: 'Placeholders filled from the conversation’s record; an unknown brand or amount reads as neutral words, never as the placeholder. Only for the agent who has the conversation.',
    request: { params: ConversationParams },
    responses: { 200: json('Every macro, filled.', FilledMacrosAnswer), ...errorResponses([403, 404]) },
  });
  registry.registerPath({
    method: 'get',
    path: `${AGENT_API_BASE}/wrap-up`,
    operationId: 'wrapUp',
    tags: ['conversations'],
    summary: 'End’s resolution reasons and suggested tags',
    description: 'From macros/wrap-up.json (MACROS_DIR). POST …/end takes `reason` (one of these ids) and `tags`.',
    responses: { 200: json('Reasons in file order, and suggested tags.', WrapUpAnswer), ...errorResponses() },
  });
}
