import { z } from 'zod';
import { AgentSchema } from '../handoff/handoff-queue';
import { AgentsAnswer, ConversationViewSchema, MessagesLeftAnswer, QueueItemSchema } from './agent-schemas';

/**
 * The supervisor API's shapes (issue 15): the team overview, take over and reassign. Kept apart from
 * agent-schemas.ts, which is near its size limit; the routes parse with these and the OpenAPI
 * description (agent-openapi-supervisor.ts) is made from them.
 */

/**
 * Who the supervisor saw holding the chat when they clicked: the move goes ahead only if that is still
 * so, so of two supervisors acting on the same overview the second hears 409 instead of undoing the first.
 */
const SeenHolder = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .nullable()
  .optional()
  .meta({ description: "The id of the agent the caller saw holding the chat (the overview's `live[].agent.id`; null: seen waiting). Given, the move is refused with 409 if the chat changed hands since. Left out, it moves from whoever holds it now.", example: 'token:Ana' });

export const TakeOverBody = z.strictObject({ from: SeenHolder }).meta({ id: 'TakeOverBody' });

export const ReassignBody = z
  .strictObject({
    to: z.string().trim().min(1).max(200).meta({ description: "The agent's id from the overview's `agents` (a name works while exactly one agent has it). They must be available or away.", example: 'token:Bob' }),
    from: SeenHolder,
  })
  .meta({ id: 'ReassignBody' });

/** A live chat as the supervisor sees it: whose it is, how long it has run, how long the customer waited. */
export const LiveChatSchema = ConversationViewSchema.extend({
  agent: AgentSchema,
  handleSeconds: z.int().min(0).meta({ description: 'Seconds since its current agent got it (accepted, assigned, transferred or taken over).' }),
  waitedSeconds: z.int().min(0).meta({ description: 'Seconds from when the request last began waiting to when its current agent got it; for a chat passed from agent to agent (not through the queue), the earlier agents’ time counts too.' }),
}).meta({ id: 'LiveChat' });

/** How many messages left the overview carries, newest first: enough for a shift, bounded for the page. */
export const OVERVIEW_MESSAGES_MAX = 50;

export const OverviewAnswer = z
  .object({
    at: z.iso.datetime().meta({ description: 'When the figures were taken: the console counts on from here.' }),
    waiting: z.array(QueueItemSchema),
    live: z.array(LiveChatSchema).meta({ description: 'Every live chat of an agent who signed in or set a status, longest-running first.' }),
    agents: AgentsAnswer.shape.agents,
    messages: MessagesLeftAnswer.shape.messages.max(OVERVIEW_MESSAGES_MAX).meta({ description: `Messages customers left after a time-out, newest first, at most ${OVERVIEW_MESSAGES_MAX}.` }),
  })
  .meta({ id: 'SupervisorOverview' });

export const MovedAnswer = z
  .object({
    conversation: LiveChatSchema,
    from: AgentSchema.nullable().meta({ description: 'Who had it: null when it was waiting.' }),
  })
  .meta({ id: 'SupervisorMoved' });
