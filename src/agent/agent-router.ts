import type { TranscriptStore } from 'botbuilder';
import type { z } from 'zod';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { transcriptLines } from '../bot/transcript-lines';
import { HttpError } from '../channels/http-error';
import type { Config } from '../config/config';
import type { Logger } from '../core/logger';
import type { RecordLog } from '../core/record-log';
import type { Agent } from '../handoff/handoff-queue';
import type { AgentResult, HandoffService } from '../handoff/handoff-service';
import type { TeamNote } from '../handoff/team-notes';
import type { ConversationArchive } from '../handoff/conversation-archive';
import { notesRoutes } from './notes-routes';
import { handoverNote, handoversOf } from './handover-notes';
import type { KnowledgeCatalog } from '../knowledge/knowledge-catalog';
import type { Matcher } from '../knowledge/matcher';
import { buildDeepLink } from '../links/deep-link';
import { bearerOf, type AgentAuth, type AgentRole } from './agent-auth';
import { agentOpenApiDocument } from './agent-openapi';
import { KnowledgeQuery, MessageBody, StatusBody, TransferBody, type AgentsAnswer, type StatusAnswer, type ConversationAnswer, type KnowledgeAnswer, type LinksAnswer, type MeAnswer, type MessageSentAnswer, type MessagesLeftAnswer, type QueueAnswer, type TranscriptAnswer } from './agent-schemas';
import type { AgentViews } from './agent-views';
import type { AuditLogEntry } from '../handoff/handoff-audit';
import { registerReportRoutes } from './reports-routes';
import { supervisorRoutes } from './supervisor-routes';
import type { TeamMacros } from '../handoff/macro-schema';
import { wrapUpOf } from './wrap-up-body';
import { wrapUpRoutes } from './wrap-up-routes';
import { archiveRoutes } from './archive-routes';

export interface AgentRouterDeps {
  auth: AgentAuth;
  handoff: HandoffService;
  views: AgentViews;
  transcripts: TranscriptStore;
  catalog: KnowledgeCatalog;
  matcher: Matcher;
  notes: RecordLog<TeamNote>;
  /** Every change of hands: reports count handoffs filed from it. */
  audit: RecordLog<AuditLogEntry>;
  /** Closed conversations: the context panel's earlier conversations. */
  archive: ConversationArchive;
  /** The team's macros and End's reasons (MACROS_DIR). */
  macros: TeamMacros;
  config: Config;
  log: Logger;
}

const KNOWLEDGE_RESULTS = 5;

type Locals = { agent: Agent; via: 'token' | 'teams'; role: AgentRole };
/** What a route answers, checked at compile time against the schema its description is made from. */
type Answer<T extends z.ZodType> = z.input<T>;

/**
 * The agent API (README › Agent API): the queue, accepting, the transcript, messages both ways,
 * ending and transferring, knowledge and link look-ups, described in /openapi.json (agent-openapi.ts).
 * Every other route needs an agent's Bearer token;
 * a conversation's routes answer only the agent who accepted it.
 */
export function agentRouter(deps: AgentRouterDeps): Router {
  const router = Router();
  // Before sign-in: the description holds no data, only what the README says, and integrators'
  // tools (code generators, API explorers) fetch it before anyone has a token.
  router.get('/openapi.json', (_req, res) => {
    res.json(agentOpenApiDocument());
  });
  router.use(authenticate(deps));
  registerReportRoutes(router, { archive: deps.archive, audit: deps.audit, notes: deps.notes, transcripts: deps.transcripts, queue: deps.handoff });
  router.use(supervisorRoutes(deps));
  router.use(wrapUpRoutes(deps));
  router.use(archiveRoutes(deps));

  router.get('/me', (_req, res) => {
    const { agent, via, role } = res.locals as Locals;
    res.json({ agent, via, role } satisfies Answer<typeof MeAnswer>);
  });

  /** Who a conversation can go to (transfers take an `id` from here), with each one's status and load. */
  router.get('/agents', async (_req, res) => {
    const { agent } = res.locals as Locals;
    const roster = new Map((await deps.handoff.roster()).map((p) => [p.agent.id, p]));
    const loads = await Promise.all(deps.auth.agents().map(async (a) => roster.get(a.id)?.load ?? (await deps.handoff.assignedTo(a)).length));
    const routing = deps.handoff.routing ?? { mode: 'manual' as const, capacity: Number.MAX_SAFE_INTEGER };
    res.json({
      agents: deps.auth.agents().map((a, i) => ({ id: a.id, name: a.name, you: a.id === agent.id, status: roster.get(a.id)?.status ?? 'offline', load: loads[i]! })),
      routing,
    } satisfies Answer<typeof AgentsAnswer>);
  });

  /** The caller's routing status: available agents are assigned requests (ROUTING=auto). */
  router.post('/me/status', async (req, res) => {
    const body = StatusBody.parse(req.body);
    const { agent } = res.locals as Locals;
    const presence = await deps.handoff.setStatus(agent, body.status);
    deps.log.info('agent-status', { agent: agent.id, status: body.status });
    const load = (await deps.handoff.assignedTo(agent)).length;
    res.json({ agent, status: presence.status, since: new Date(presence.since).toISOString(), load } satisfies Answer<typeof StatusAnswer>);
  });

  router.get('/me/status', async (_req, res) => {
    const { agent } = res.locals as Locals;
    const presence = await deps.handoff.statusOf(agent.id);
    const load = (await deps.handoff.assignedTo(agent)).length;
    res.json({ agent, status: presence?.status ?? 'offline', since: new Date(presence?.since ?? 0).toISOString(), load } satisfies Answer<typeof StatusAnswer>);
  });

  router.get('/queue', async (_req, res) => {
    const { agent } = res.locals as Locals;
    const [waiting, mine] = await Promise.all([deps.handoff.waiting(), deps.handoff.assignedTo(agent)]);
    res.json({ waiting: deps.views.queue(waiting), mine: mine.map((r) => deps.views.conversation(r)) } satisfies Answer<typeof QueueAnswer>);
  });

  router.post('/conversations/:id/accept', async (req, res) => {
    const { agent } = res.locals as Locals;
    const result = granted(await deps.handoff.accept(agent, String(req.params.id)));
    deps.log.info('handoff-accepted', { handoff: result.record.id, agent: agent.id });
    res.json({ conversation: deps.views.conversation(result.record) } satisfies Answer<typeof ConversationAnswer>);
  });

  router.get('/conversations/:id/transcript', async (req, res) => {
    const result = granted(await deps.handoff.owned((res.locals as Locals).agent, String(req.params.id)));
    const [stored, notes] = await Promise.all([deps.transcripts.getTranscriptActivities(result.record.channel, result.record.conversationId), deps.notes.read()]);
    res.json({ id: result.record.id, lines: transcriptLines(stored.items), handover: handoversOf(notes, result.record.id) } satisfies Answer<typeof TranscriptAnswer>);
  });

  router.post('/conversations/:id/messages', async (req, res) => {
    const body = MessageBody.parse(req.body);
    const sent = await deps.handoff.agentSays((res.locals as Locals).agent, String(req.params.id), body.text);
    if (!sent.ok) throw refused(sent.status);
    res.status(201).json({ line: sent.line } satisfies Answer<typeof MessageSentAnswer>);
  });

  router.post('/conversations/:id/typing', async (req, res) => {
    granted(await deps.handoff.agentTyping((res.locals as Locals).agent, String(req.params.id)));
    res.status(204).end();
  });

  router.post('/conversations/:id/end', async (req, res) => {
    const { agent } = res.locals as Locals;
    const wrapUp = wrapUpOf(req.body, deps.macros.reasons);
    const result = granted(await deps.handoff.end(agent, String(req.params.id), wrapUp));
    deps.log.info('handoff-ended', { handoff: result.record.id, agent: agent.id });
    res.json({ conversation: deps.views.conversation(result.record) } satisfies Answer<typeof ConversationAnswer>);
  });

  router.post('/conversations/:id/transfer', async (req, res) => {
    const body = TransferBody.parse(req.body ?? {});
    const { agent } = res.locals as Locals;
    const found = body.to ? deps.auth.find(body.to) : null;
    // Refused before anything changes: the conversation stays with the agent who asked.
    if (found && !found.ok) {
      if (found.status === 'unknown') throw new HttpError(404, 'UnknownAgent', 'No agent with that id has signed in; GET /api/agent/agents lists them');
      throw new HttpError(409, 'Ambiguous', `${found.candidates.length} agents have that name; transfer by id: ${found.candidates.map((c) => c.id).join(', ')}`);
    }
    const to = found?.ok ? found.agent : null;
    if (to?.id === agent.id) throw new HttpError(400, 'BadRequest', 'The conversation is already yours');
    const result = granted(await deps.handoff.transfer(agent, String(req.params.id), to ?? null));
    deps.log.info('handoff-transferred', { handoff: result.record.id, agent: agent.id, to: to?.id ?? 'queue' });
    if (body.note) await deps.notes.append(handoverNote(result.record, agent, to ?? null, body.note));
    res.json({ conversation: deps.views.conversation(result.record) } satisfies Answer<typeof ConversationAnswer>);
  });

  router.get('/conversations/:id/links', async (req, res) => {
    const result = granted(await deps.handoff.owned((res.locals as Locals).agent, String(req.params.id)));
    const { brand, amount, wanted, channel } = result.record;
    const bases = { sell: deps.config.SELL_URL, swap: deps.config.SWAP_URL };
    const known = { brand, amount, wanted: wanted ?? null, channel, by: 'agent' } as const;
    res.json({
      sell: buildDeepLink(bases, { kind: 'sell', ...known }),
      swap: buildDeepLink(bases, { kind: 'swap', ...known }),
    } satisfies Answer<typeof LinksAnswer>);
  });

  router.get('/knowledge', (req, res) => {
    const query = KnowledgeQuery.parse(req.query);
    const brand = query.brand && deps.catalog.brand(query.brand) ? query.brand : null;
    const found = deps.matcher.search(query.q, { brand });
    const seen = new Set<string>();
    const results = [...found.results, ...found.suggestions]
      .filter((hit) => !seen.has(hit.id) && seen.add(hit.id))
      .slice(0, KNOWLEDGE_RESULTS)
      .map((hit) => ({ id: hit.id, title: hit.title, kind: hit.kind, body: deps.catalog.entry(hit.id)?.body ?? '', score: Number(hit.score.toFixed(3)) }));
    res.json({ results } satisfies Answer<typeof KnowledgeAnswer>);
  });

  router.use(notesRoutes(deps));

  router.get('/messages', async (_req, res) => {
    const notes = await deps.notes.read();
    const messages = notes
      .filter((note) => note.log === 'message')
      .map(({ at, conversationId, channel, values }) => ({ at, conversationId, channel, brand: values.brand ?? null, summary: values.summary ?? null, message: values.message ?? null, contact: values.contact ?? null }));
    res.json({ messages } satisfies Answer<typeof MessagesLeftAnswer>);
  });

  return router;
}

function authenticate(deps: AgentRouterDeps) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const signIn = await deps.auth.signIn(bearerOf(req.headers.authorization));
    if (!signIn.ok) {
      const message = deps.auth.enabled ? 'An agent token is required' : 'No agent sign-in is configured (AGENT_TOKENS or Teams SSO)';
      throw new HttpError(401, 'Unauthorized', message, { 'WWW-Authenticate': 'Bearer realm="giftbot agents"' });
    }
    Object.assign(res.locals, { agent: signIn.agent, via: signIn.via, role: signIn.role } satisfies Locals);
    next();
  };
}

/** Every reason HandoffService gives for refusing an agent's action (AgentResult and agentSays). */
type Refused = 'gone' | 'forbidden' | 'taken' | 'empty' | 'undelivered';

/** The record of a conversation action that went through; a refused one is thrown as its HttpError. */
function granted(result: AgentResult): Extract<AgentResult, { ok: true }> {
  if (!result.ok) throw refused(result.status);
  return result;
}

/** Why a conversation action was refused, as the agent's console hears it. */
function refused(status: Refused): HttpError {
  switch (status) {
    case 'forbidden':
      return new HttpError(403, 'Forbidden', 'This conversation is with another agent');
    case 'taken':
      return new HttpError(409, 'Conflict', 'Another agent accepted this request first');
    case 'gone':
      return new HttpError(404, 'NotFound', 'No such request is open: it was cancelled, timed out, or has ended');
    case 'empty':
      return new HttpError(400, 'BadRequest', 'text has nothing left once markup is taken out');
    case 'undelivered':
      return new HttpError(502, 'Undelivered', "The customer's channel could not be reached; try again");
    default: {
      const unknown: never = status;
      throw new Error(`unknown status ${String(unknown)}`);
    }
  }
}
