import type { TranscriptStore } from 'botbuilder';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { transcriptLines } from '../bot/transcript-lines';
import { HttpError } from '../channels/http-error';
import type { Config } from '../config/config';
import type { Logger } from '../core/logger';
import type { RecordLog } from '../core/record-log';
import { AGENT_TEXT_MAX } from '../handoff/agent-text';
import type { Agent } from '../handoff/handoff-queue';
import type { AgentResult, HandoffService } from '../handoff/handoff-service';
import type { TeamNote } from '../handoff/team-notes';
import type { KnowledgeCatalog } from '../knowledge/knowledge-catalog';
import type { Matcher } from '../knowledge/matcher';
import { buildDeepLink } from '../links/deep-link';
import { bearerOf, type AgentAuth } from './agent-auth';
import type { AgentViews } from './agent-views';

export interface AgentRouterDeps {
  auth: AgentAuth;
  handoff: HandoffService;
  views: AgentViews;
  transcripts: TranscriptStore;
  catalog: KnowledgeCatalog;
  matcher: Matcher;
  notes: RecordLog<TeamNote>;
  config: Config;
  log: Logger;
}

const MessageBody = z.strictObject({ text: z.string().trim().min(1, 'must not be empty').max(AGENT_TEXT_MAX, `must be at most ${AGENT_TEXT_MAX} characters`) });
/** `to`: an agent's id (GET /agents); a name only while one agent has it. Absent: back to the queue. */
const TransferBody = z.strictObject({ to: z.string().trim().min(1).max(200).optional() });
const KnowledgeQuery = z.object({ q: z.string().trim().min(1, 'q must not be empty').max(500), brand: z.string().max(100).optional() });
const KNOWLEDGE_RESULTS = 5;

type Locals = { agent: Agent; via: 'token' | 'teams' };

/**
 * The agent API (README › Agent API): the queue, accepting, the transcript, messages both ways,
 * ending and transferring, knowledge and link look-ups. Every route needs an agent's Bearer token;
 * a conversation's routes answer only the agent who accepted it.
 */
export function agentRouter(deps: AgentRouterDeps): Router {
  const router = Router();
  router.use(authenticate(deps));

  router.get('/me', (_req, res) => {
    const { agent, via } = res.locals as Locals;
    res.json({ agent, via });
  });

  /** Who a conversation can go to: transfers take an `id` from here. */
  router.get('/agents', (_req, res) => {
    const { agent } = res.locals as Locals;
    res.json({ agents: deps.auth.agents().map((a) => ({ id: a.id, name: a.name, you: a.id === agent.id })) });
  });

  router.get('/queue', async (_req, res) => {
    const { agent } = res.locals as Locals;
    const [waiting, mine] = await Promise.all([deps.handoff.waiting(), deps.handoff.assignedTo(agent)]);
    res.json({ waiting: deps.views.queue(waiting), mine: mine.map((r) => deps.views.conversation(r)) });
  });

  router.post('/conversations/:id/accept', async (req, res) => {
    const { agent } = res.locals as Locals;
    const result = granted(await deps.handoff.accept(agent, String(req.params.id)));
    deps.log.info('handoff-accepted', { handoff: result.record.id, agent: agent.id });
    res.json({ conversation: deps.views.conversation(result.record) });
  });

  router.get('/conversations/:id/transcript', async (req, res) => {
    const result = granted(await deps.handoff.owned((res.locals as Locals).agent, String(req.params.id)));
    const stored = await deps.transcripts.getTranscriptActivities(result.record.channel, result.record.conversationId);
    res.json({ id: result.record.id, lines: transcriptLines(stored.items) });
  });

  router.post('/conversations/:id/messages', async (req, res) => {
    const body = MessageBody.parse(req.body);
    const sent = await deps.handoff.agentSays((res.locals as Locals).agent, String(req.params.id), body.text);
    if (!sent.ok) throw refused(sent.status);
    res.status(201).json({ line: sent.line });
  });

  router.post('/conversations/:id/typing', async (req, res) => {
    granted(await deps.handoff.agentTyping((res.locals as Locals).agent, String(req.params.id)));
    res.status(204).end();
  });

  router.post('/conversations/:id/end', async (req, res) => {
    const { agent } = res.locals as Locals;
    const result = granted(await deps.handoff.end(agent, String(req.params.id)));
    deps.log.info('handoff-ended', { handoff: result.record.id, agent: agent.id });
    res.json({ conversation: deps.views.conversation(result.record) });
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
    res.json({ conversation: deps.views.conversation(result.record) });
  });

  router.get('/conversations/:id/links', async (req, res) => {
    const result = granted(await deps.handoff.owned((res.locals as Locals).agent, String(req.params.id)));
    const { brand, amount, channel } = result.record;
    const bases = { sell: deps.config.SELL_URL, swap: deps.config.SWAP_URL };
    res.json({
      sell: buildDeepLink(bases, { kind: 'sell', brand, amount, wanted: null, channel }),
      swap: buildDeepLink(bases, { kind: 'swap', brand, amount, wanted: null, channel }),
    });
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
    res.json({ results });
  });

  router.get('/messages', async (_req, res) => {
    const notes = await deps.notes.read();
    const messages = notes
      .filter((note) => note.log === 'message')
      .map(({ at, conversationId, channel, values }) => ({ at, conversationId, channel, brand: values.brand ?? null, summary: values.summary ?? null, message: values.message ?? null, contact: values.contact ?? null }));
    res.json({ messages });
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
    Object.assign(res.locals, { agent: signIn.agent, via: signIn.via } satisfies Locals);
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
