import type { TranscriptStore } from 'botbuilder';
import type { Router } from 'express';
import type { RecordLog } from '../core/record-log';
import type { ConversationArchive } from '../handoff/conversation-archive';
import type { AuditEntry } from '../handoff/handoff-audit';
import type { HandoffQueue } from '../handoff/handoff-queue';
import { buildReport } from '../handoff/report-builder';
import { reportCsv } from '../handoff/report-csv';
import type { Report } from '../handoff/report-schema';
import type { TeamNote } from '../handoff/team-notes';
import { reportRange } from './report-query';

/** What the reports read: the backend's archive, audit log, notes, transcripts and queue. */
export interface ReportsDeps {
  archive: ConversationArchive;
  audit: RecordLog<AuditEntry>;
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
 * so the router's own route list (and the OpenAPI test reading it) sees them. Every signed-in
 * agent may read them: there are no roles yet.
 */
export function registerReportRoutes(router: Router, deps: ReportsDeps): void {
  router.get('/reports', async (req, res) => {
    res.json(await report(deps, req.query));
  });
  router.get('/reports.csv', async (req, res) => {
    const answer = await report(deps, req.query);
    const name = `giftbot-report-${answer.from.slice(0, 10)}-${answer.to.slice(0, 10)}.csv`;
    res.type('text/csv; charset=utf-8').attachment(name).send(reportCsv(answer));
  });
}

async function report(deps: ReportsDeps, query: unknown): Promise<Report> {
  const range = reportRange(query, Date.now());
  const [archived, audit, notes, listed] = await Promise.all([
    deps.archive.range(range.from - SURVEY_LOOKBACK_MS, range.to),
    deps.audit.read(),
    deps.notes.read(),
    Promise.all(CHANNELS.map((channel) => deps.transcripts.listTranscripts(channel))),
  ]);
  const conversationsStarted = listed.flatMap((page) => page.items.map((t) => new Date(t.created).getTime())).filter((t) => Number.isFinite(t));
  const triedOf = async (id: string) => (await deps.queue.get(id))?.tried ?? null;
  return buildReport({ ...range, archived, audit, notes, conversationsStarted, triedOf });
}
