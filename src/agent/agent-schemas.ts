import { z } from 'zod';
import { AgentStatusSchema } from '../handoff/agent-presence';
import { AGENT_TEXT_MAX } from '../handoff/agent-text';
import { AgentSchema, HandoffStateSchema, WrapUpSchema } from '../handoff/handoff-queue';
import { LineSchema } from '../handoff/transcript-line';
import { TeamNoteSchema } from '../handoff/team-notes';

/**
 * The agent API's shapes, in and out. The router parses requests with these very schemas and
 * types its answers with `satisfies` against them, and the OpenAPI document (agent-openapi.ts) is
 * generated from them, so the description cannot drift from what the routes do. `.meta({ id })`
 * names a schema in the document's components; it does not change how it parses.
 */

// ── Requests ────────────────────────────────────────────────────────────────────────────────────

export const MessageBody = z
  .strictObject({
    text: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(AGENT_TEXT_MAX, `must be at most ${AGENT_TEXT_MAX} characters`)
      .meta({ description: 'Markdown from an allow-list (https links, emphasis, lists); anything else is taken out before the customer sees it.', example: 'Try the code on the Amazon.com site, not the app.' }),
  })
  .meta({ id: 'MessageBody' });

/** The longest handover note a transfer takes: a few sentences, not a second transcript. */
export const HANDOVER_NOTE_MAX = 1000;

/** `to`: an agent's id (GET /agents); a name only while one agent has it. Absent: back to the queue. */
export const TransferBody = z
  .strictObject({
    to: z.string().trim().min(1).max(200).optional().meta({ description: "A colleague's id from GET /api/agent/agents (a name works while exactly one agent has it). Leave out to put the request back in the queue in its old place.", example: 'token:Bob' }),
    note: z
      .string()
      .trim()
      .max(HANDOVER_NOTE_MAX, `must be at most ${HANDOVER_NOTE_MAX} characters`)
      .optional()
      .meta({ description: 'A handover note for whoever gets the conversation next (in the transcript answer as `handover`); codes are hidden, and the customer never sees it.', example: 'Already tried the app; wants a refund, not a swap.' }),
  })
  .meta({ id: 'TransferBody' });

/** An agent's own routing status. */
export const StatusBody = z
  .strictObject({
    status: AgentStatusSchema.meta({ description: 'available: routing assigns you requests (ROUTING=auto); away: nothing new is assigned, your chats stay yours; offline: as away, and colleagues see you signed out.', example: 'available' }),
  })
  .meta({ id: 'StatusBody' });

export const KnowledgeQuery = z.object({
  q: z.string().trim().min(1, 'q must not be empty').max(500).meta({ description: 'What to look for, in the customer’s words or an error message.', example: 'code already redeemed' }),
  brand: z.string().max(100).optional().meta({ description: 'A brand id (e.g. `amazon`) to search first; an unknown id is ignored.', example: 'amazon' }),
});

/** A conversation's handoff request id, as the queue lists it. */
export const ConversationParams = z.object({
  id: z.string().min(1).meta({ description: 'The handoff request id from the queue (`waiting[].id`).', example: 'h1-mjx3k2' }),
});

// ── Answers ─────────────────────────────────────────────────────────────────────────────────────

/** Every refusal and failure: the one error middleware (channels/error-middleware.ts) writes it. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable, machine-readable: BadRequest, Unauthorized, Forbidden, NotFound, Conflict, Ambiguous, UnknownAgent, Undelivered, PayloadTooLarge, UnsupportedMediaType, ServiceUnavailable, InternalError.' }),
      message: z.string().meta({ description: 'What went wrong, for a person; for a bad body it names the field.' }),
    }),
  })
  .meta({ id: 'Error' });

export const AgentView = AgentSchema.meta({ id: 'Agent', description: 'An agent: `token:<name>` for AGENT_TOKENS, `aad:<object id>` for Teams SSO.' });

export const MeAnswer = z
  .object({
    agent: AgentView,
    via: z.enum(['token', 'teams']),
    role: z.enum(['agent', 'supervisor']).meta({ description: 'supervisor: an AGENT_TOKENS entry name:token:supervisor, or a Teams user in TEAMS_SUPERVISOR_GROUPS; only supervisors may call /api/agent/supervisor/….' }),
  })
  .meta({ id: 'Me' });

const StatusView = AgentStatusSchema.meta({ description: 'offline until the agent sets a status; the console sets available when it signs in unless the agent chose away.' });

export const AgentsAnswer = z
  .object({
    agents: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        you: z.boolean(),
        status: StatusView,
        load: z.int().min(0).meta({ description: 'Conversations the agent holds now.' }),
      }),
    ),
    routing: z.object({ mode: z.enum(['auto', 'manual']), capacity: z.int().min(1) }).meta({ description: 'ROUTING and AGENT_CAPACITY: the most chats an agent may hold.' }),
  })
  .meta({ id: 'Agents' });

export const StatusAnswer = z
  .object({ agent: AgentSchema, status: StatusView, since: z.iso.datetime(), load: z.int().min(0) })
  .meta({ id: 'Status' });

const Tried = z.object({ id: z.string(), title: z.string() }).meta({ description: 'A fix the customer already tried, by knowledge entry.' });

const RequestCommon = z.object({
  id: z.string(),
  channel: z.string().meta({ description: 'The customer’s channel: directline (website), msteams, slack, …' }),
  brand: z.string().nullable(),
  brandName: z.string().nullable(),
  summary: z.string().meta({ description: 'The customer’s one-line summary, codes already hidden.' }),
  tried: z.array(Tried),
  filedAt: z.iso.datetime(),
});

/** A request as the queue shows it: enough to choose, nothing of the conversation itself. */
export const QueueItemSchema = RequestCommon.extend({
  position: z.int().min(1),
  waitingSeconds: z.int().min(0),
}).meta({ id: 'QueueItem' });
export type QueueItem = z.infer<typeof QueueItemSchema>;

/** A conversation an agent holds. */
export const ConversationViewSchema = RequestCommon.extend({
  acceptedAt: z.iso.datetime().nullable(),
  state: HandoffStateSchema,
  /** Set by End with a reason (issue 15); null otherwise. */
  wrapUp: WrapUpSchema.nullable().optional().meta({ description: 'The resolution reason and tags its agent gave at End; null until then.' }),
}).meta({ id: 'Conversation' });
export type ConversationView = z.infer<typeof ConversationViewSchema>;

export const QueueAnswer = z.object({ waiting: z.array(QueueItemSchema), mine: z.array(ConversationViewSchema) }).meta({ id: 'Queue' });

export const ConversationAnswer = z.object({ conversation: ConversationViewSchema }).meta({ id: 'ConversationAnswer' });

export const LineView = LineSchema.meta({ id: 'Line', description: 'One message of the conversation, codes already hidden.' });

export const HandoverView = z
  .object({ at: z.iso.datetime(), from: z.string(), to: z.string().nullable(), note: z.string() })
  .meta({ id: 'Handover', description: 'A note an agent left when transferring (`to` null: back to the queue), oldest first; for agents only.' });

export const TranscriptAnswer = z.object({ id: z.string(), lines: z.array(LineView), handover: z.array(HandoverView) }).meta({ id: 'Transcript' });

export const MessageSentAnswer = z.object({ line: LineView }).meta({ id: 'MessageSent' });

export const LinksAnswer = z
  .object({ sell: z.url(), swap: z.url() })
  .meta({ id: 'Links', description: 'Sell and swap deep links, pre-filled with the conversation’s brand, amount and (swap) wanted brand; marked utm_source=giftbot, utm_medium=agent and utm_content=<channel>, so sales an agent drove are told from the bot’s own links.' });

export const KnowledgeAnswer = z
  .object({
    results: z.array(z.object({ id: z.string(), title: z.string(), kind: z.enum(['error', 'faq']), body: z.string(), score: z.number() })).max(5),
  })
  .meta({ id: 'KnowledgeResults' });

/** A slot a flow recorded: the same values the team notes store. */
const NoteValue = TeamNoteSchema.shape.values.valueType;

export const MessagesLeftAnswer = z
  .object({
    messages: z.array(
      z.object({
        at: z.iso.datetime(),
        conversationId: z.string(),
        channel: z.string(),
        brand: NoteValue,
        summary: NoteValue,
        message: NoteValue,
        contact: NoteValue.meta({ description: 'The email or phone number the customer left.' }),
      }),
    ),
  })
  .meta({ id: 'MessagesLeft' });
