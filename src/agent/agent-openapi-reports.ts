import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ReportSchema } from '../handoff/report-schema';
import { errorResponses, json } from './agent-openapi-errors';
import { AGENT_API_BASE } from './agent-openapi-paths';
import { REPORT_DAYS_MAX, ReportQuery } from './report-query';

const RANGE = `Days \`from\` to \`to\` (both included, YYYY-MM-DD) on the clock \`utcOffset\` minutes ahead of UTC (default UTC), at most ${REPORT_DAYS_MAX} days; without them, the last 7 days. A bad date, \`from\` after \`to\` or a longer range is a 400.`;

const FORBIDDEN = 'Forbidden: the caller is not a supervisor (AGENT_TOKENS `name:token:supervisor`, or a Teams user in TEAMS_SUPERVISOR_GROUPS).';

/** The reports (supervisors only): the same figures as JSON and as a CSV download. */
export function registerReportPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: `${AGENT_API_BASE}/reports`,
    operationId: 'reports',
    tags: ['reports'],
    summary: 'Volume, wait and handle times, CSAT, handoff rate and reasons, top unanswered questions',
    description: `${RANGE} Volume counts conversations with the bot started (from the transcripts kept) and handoffs filed, by hour of day; wait (filed → accepted) and handle (accepted → closed) times are nearest-rank p50/p90 over conversations with people closed in the range; CSAT averages survey ratings given in the range by the conversation's agent and End reason.`,
    request: { query: ReportQuery },
    responses: { 200: json('The report.', ReportSchema), ...errorResponses([400, 403], { 403: FORBIDDEN }) },
  });
  registry.registerPath({
    method: 'get',
    path: `${AGENT_API_BASE}/reports.csv`,
    operationId: 'reportsCsv',
    tags: ['reports'],
    summary: 'The same report as a CSV download',
    description: `${RANGE} RFC 4180 CSV, one section a table (a title line, a header line, the rows, a blank line between). Text cells starting with = + - @ are prefixed with ' so a spreadsheet never runs them as formulas.`,
    request: { query: ReportQuery },
    responses: { 200: { description: 'The report as CSV (Content-Disposition: attachment).', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses([400, 403], { 403: FORBIDDEN }) },
  });
}
