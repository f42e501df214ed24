import { Router, type NextFunction, type Request, type Response } from 'express';
import type { z } from 'zod';
import { HttpError } from '../channels/http-error';
import type { Logger } from '../core/logger';
import type { RecordLog } from '../core/record-log';
import type { Agent, HandoffRecord } from '../handoff/handoff-queue';
import type { HandoffService } from '../handoff/handoff-service';
import type { SupervisorRefusal, SupervisorResult } from '../handoff/supervisor-actions';
import type { TeamNote } from '../handoff/team-notes';
import type { AgentAuth, AgentRole } from './agent-auth';
import type { AgentViews } from './agent-views';
import { OVERVIEW_MESSAGES_MAX, ReassignBody, TakeOverBody, type LiveChatSchema, type MovedAnswer, type OverviewAnswer } from './supervisor-schemas';

export interface SupervisorRouteDeps {
  auth: AgentAuth;
  handoff: HandoffService;
  views: AgentViews;
  notes: RecordLog<TeamNote>;
  log: Logger;
  now?: () => number;
}

/** What the agent router's sign-in put in res.locals. */
type Locals = { agent: Agent; role: AgentRole };
type Answer<T extends z.ZodType> = z.input<T>;

/**
 * The supervisor's calls (issue 15), under /api/agent/supervisor: the team overview, take over and
 * reassign. Mounted after sign-in; every call here answers 403 to anyone but a supervisor. Nothing
 * is kept on this instance: the overview is read from the shared queue, presence and notes, and the
 * moves are compare-and-sets on the queue (SupervisorActions), so two instances agree.
 */
export function supervisorRoutes(deps: SupervisorRouteDeps): Router {
  const router = Router();
  const now = deps.now ?? Date.now;
  router.use('/supervisor', onlySupervisors);

  router.get('/supervisor/overview', async (_req, res) => {
    const at = now();
    const [waiting, roster, notes] = await Promise.all([deps.handoff.waiting(), deps.handoff.roster(), deps.notes.read()]);
    const presence = new Map(roster.map((p) => [p.agent.id, p]));
    // Agents known here (tokens, Teams users who signed in on this instance) and those with a status anywhere.
    const people = new Map<string, Agent>([...deps.auth.agents(), ...roster.map((p) => p.agent)].map((a) => [a.id, a]));
    const held = await Promise.all([...people.values()].map(async (agent) => ({ agent, chats: await deps.handoff.assignedTo(agent) })));
    const live = held.flatMap(({ chats }) => chats).sort((a, b) => (a.acceptedAt ?? 0) - (b.acceptedAt ?? 0)).map((record) => liveChat(deps.views, record, at));
    const messages = notes
      .filter((note) => note.log === 'message')
      .reverse()
      .slice(0, OVERVIEW_MESSAGES_MAX)
      .map(({ at: when, conversationId, channel, values }) => ({ at: when, conversationId, channel, brand: values.brand ?? null, summary: values.summary ?? null, message: values.message ?? null, contact: values.contact ?? null }));
    const { agent: me } = res.locals as Locals;
    res.json({
      at: new Date(at).toISOString(),
      waiting: deps.views.queue(waiting),
      live,
      agents: held
        .map(({ agent, chats }) => ({ id: agent.id, name: agent.name, you: agent.id === me.id, status: presence.get(agent.id)?.status ?? ('offline' as const), load: chats.length }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
      messages,
    } satisfies Answer<typeof OverviewAnswer>);
  });

  router.post('/supervisor/conversations/:id/take-over', async (req, res) => {
    const body = TakeOverBody.parse(req.body ?? {});
    const { agent } = res.locals as Locals;
    const result = moved(await deps.handoff.supervisor.takeOver(agent, String(req.params.id), body.from), agent);
    deps.log.info('handoff-taken-over', { handoff: result.record.id, supervisor: agent.id, from: result.from?.id ?? 'queue' });
    res.json({ conversation: liveChat(deps.views, result.record, now()), from: result.from } satisfies Answer<typeof MovedAnswer>);
  });

  router.post('/supervisor/conversations/:id/reassign', async (req, res) => {
    const body = ReassignBody.parse(req.body ?? {});
    const { agent } = res.locals as Locals;
    const found = deps.auth.find(body.to);
    // Refused before anything changes, with the same words as a transfer's.
    if (!found.ok) {
      if (found.status === 'unknown') throw new HttpError(404, 'UnknownAgent', 'No agent with that id has signed in; the overview lists them');
      throw new HttpError(409, 'Ambiguous', `${found.candidates.length} agents have that name; reassign by id: ${found.candidates.map((c) => c.id).join(', ')}`);
    }
    const result = moved(await deps.handoff.supervisor.reassign(agent, String(req.params.id), found.agent, body.from), found.agent);
    deps.log.info('handoff-reassigned', { handoff: result.record.id, supervisor: agent.id, from: result.from?.id ?? 'queue', to: found.agent.id });
    res.json({ conversation: liveChat(deps.views, result.record, now()), from: result.from } satisfies Answer<typeof MovedAnswer>);
  });

  return router;
}

function onlySupervisors(_req: Request, res: Response, next: NextFunction): void {
  if ((res.locals as Locals).role !== 'supervisor') {
    throw new HttpError(403, 'Forbidden', 'Only supervisors may see the team and move chats (AGENT_TOKENS name:token:supervisor, or TEAMS_SUPERVISOR_GROUPS)');
  }
  next();
}

function liveChat(views: AgentViews, record: HandoffRecord, at: number): Answer<typeof LiveChatSchema> {
  const acceptedAt = record.acceptedAt ?? at;
  return {
    ...views.conversation(record),
    // A live record always has its agent; the fallback only keeps the type honest.
    agent: record.agent ?? { id: 'unknown', name: 'Unknown' },
    handleSeconds: Math.max(0, Math.round((at - acceptedAt) / 1000)),
    waitedSeconds: Math.max(0, Math.round((acceptedAt - record.waitingSince) / 1000)),
  };
}

/** The moved record, or the refusal as the console hears it. */
function moved(result: SupervisorResult, to: Agent): Extract<SupervisorResult, { ok: true }> {
  if (result.ok) return result;
  throw refusal(result.status, to);
}

function refusal(status: SupervisorRefusal, to: Agent): HttpError {
  switch (status) {
    case 'gone':
      return new HttpError(404, 'NotFound', 'No such request is open: it was cancelled, timed out, or has ended');
    case 'external':
      return new HttpError(409, 'Conflict', 'This request was handed to the contact centre');
    case 'already':
      return new HttpError(409, 'Conflict', `The chat is already with ${to.name}`);
    case 'offline':
      return new HttpError(409, 'Conflict', `${to.name} is offline: a chat can go only to an available or away agent`);
    case 'changed':
      return new HttpError(409, 'Conflict', 'The chat changed hands meanwhile; look at the overview again');
    default: {
      const unknown: never = status;
      throw new Error(`unknown refusal ${String(unknown)}`);
    }
  }
}
