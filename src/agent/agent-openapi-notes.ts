import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { BODY_ERRORS, errorResponses, json } from './agent-openapi-errors';
import { AGENT_API_BASE } from './agent-openapi-paths';
import { ConversationParams } from './agent-schemas';
import { ContextAnswer, NoteAddedAnswer, NoteBody, NotesAnswer } from './notes-schemas';

const CONVERSATION = `${AGENT_API_BASE}/conversations/{id}`;

/** Internal notes and the context side panel (notes-routes.ts). */
export function registerNotesPaths(registry: OpenAPIRegistry): void {
  const params = ConversationParams;
  registry.registerPath({
    method: 'post',
    path: `${CONVERSATION}/notes`,
    operationId: 'addInternalNote',
    tags: ['conversations'],
    summary: 'Write an internal note',
    description: 'Kept with the conversation for the team (the agent who holds it now or later, after a transfer); never sent to the customer, on any channel. Codes are hidden like in messages.',
    request: { params, body: { required: true, content: { 'application/json': { schema: NoteBody } } } },
    responses: {
      201: json('Kept: the note as stored.', NoteAddedAnswer),
      ...errorResponses([...BODY_ERRORS, 403, 404], { 400: 'BadRequest: `text` is missing, empty or longer than 2000 characters; or another field was sent.' }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${CONVERSATION}/notes`,
    operationId: 'internalNotes',
    tags: ['conversations'],
    summary: 'The conversation’s internal notes',
    description: 'For the agent who holds the conversation, or a supervisor (read only: any request the queue still keeps, open or closed).',
    request: { params },
    responses: { 200: json('Every internal note on the conversation, oldest first.', NotesAnswer), ...errorResponses([403, 404]) },
  });
  registry.registerPath({
    method: 'get',
    path: `${CONVERSATION}/context`,
    operationId: 'conversationContext',
    tags: ['conversations'],
    summary: 'What is known about the customer and the card',
    description: 'Channel, brand, amount, currency and country as the customer gave them (null when unknown, never guessed), and the same customer’s earlier closed conversations with people on this channel. The holder, or a supervisor (read only).',
    request: { params },
    responses: { 200: json('The context side panel.', ContextAnswer), ...errorResponses([403, 404]) },
  });
}
