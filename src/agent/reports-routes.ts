import type { TranscriptStore } from 'botbuilder';
import type { Response, Router } from 'express';
import { HttpError } from '../channels/http-error';
import type { RecordLog } from '../core/record-log';
import type { ConversationArchive } from '../handoff/conversation-archive';
import { isHandoffEntry, type AuditLogEntry } from '../handoff/handoff-audit';
import type { HandoffQueue } from '../handoff/handoff-queue';
import { buildReport } from '../handoff/report-builder';
import { reportCsv } from '../handoff/report-csv';
import type { Report } from '../handoff/report-schema';
import type { TeamNote } from '../handoff/team-notes';
import type { AgentRole } from './agent-auth';
import { reportRange } from './report-query';

/** What the reports read: the backend's archive, audit log, notes, transcripts and queue. */
export interface ReportsDeps {
  archive: ConversationArchive;
  audit: RecordLog<AuditLogEntry>;
  notes: RecordLog<TeamNote>;
  transcripts: TranscriptStore;
  queue: Pick<HandoffQueue, 'get'>;
}

/** The channels giftbot keeps transcripts for (as the purge lists them): conversations with the bot are counted on each. */
const CHANNELS = ['directline', 'webchat', 'msteams', 'slack'];
/** A survey may come a little after the close it rates: conversations closed this long before the range still give it an agent. */
const SURVEY_LOOKBACK_MS = 86_400_000;

/**
 * GET /reports (JSON) and /reports.csv (a download) on the agent router, registered on it directly
 * so the router's own route list (and the OpenAPI test reading it) sees them. Supervisors only:
 * the figures compare agents with each other (CSAT by agent), which is the team lead's to read.
 */
export function registerReportRoutes(router: Router, deps: ReportsDeps): void {
  router.get('/reports', async (req, res) => {
    supervisorOnly(res);
    res.json(await report(deps, req.query));
  });
  router.get('/reports.csv', async (req, res) => {
    supervisorOnly(res);
    const answer = await report(deps, req.query);
    // Named by the days asked for, on their clock: `to` is the last day included.
    const day = (at: number) => new Date(at + answer.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
    const name = `giftbot-report-${day(Date.parse(answer.from))}-to-${day(Date.parse(answer.to) - 86_400_000)}.csv`;
    res.type('text/csv; charset=utf-8').attachment(name).send(reportCsv(answer));
  });
}

/** The sign-in puts the caller's role in res.locals (agent-router's authenticate). */
function supervisorOnly(res: Response): void {
  if ((res.locals as { role?: AgentRole }).role !== 'supervisor') throw new HttpError(403, 'Forbidden', 'Reports are for supervisors (AGENT_TOKENS name:token:supervisor, or TEAMS_SUPERVISOR_GROUPS)');
}

async function report(deps: ReportsDeps, query: unknown): Promise<Report> {
  const range = reportRange(query, Date.now());
  const [archived, audit, notes, listed] = await Promise.all([
    deps.archive.range(range.from - SURVEY_LOOKBACK_MS, range.to),
    // Requests' entries only: agents' status changes share the log.
    deps.audit.read().then((entries) => entries.filter(isHandoffEntry)),
    deps.notes.read(),
    Promise.all(CHANNELS.map((channel) => deps.transcripts.listTranscripts(channel))),
  ]);
  const conversationsStarted = listed.flatMap((page) => page.items.map((t) => new Date(t.created).getTime())).filter((t) => Number.isFinite(t));
  const triedOf = async (id: string) => (await deps.queue.get(id))?.tried ?? null;
  return buildReport({ ...range, archived, audit, notes, conversationsStarted, triedOf });
}
