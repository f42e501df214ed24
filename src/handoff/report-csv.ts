import type { Report } from './report-schema';

type Cell = string | number | null;

/**
 * A report as CSV (RFC 4180: CRLF lines, fields with a quote, comma or line break quoted, quotes
 * doubled): one section a table, a title line, a header line, the rows, a blank line between.
 * Text a customer or agent wrote (questions, reasons, names) could start a spreadsheet formula, so
 * a text cell starting with = + - @ (or a tab or carriage return, which some spreadsheets skip
 * before one) gets a leading ' (OWASP's CSV injection advice). Numbers are written as they are.
 */
export function reportCsv(report: Report): string {
  const sections: Cell[][][] = [
    [['Report'], ['from', 'to', 'utcOffsetMinutes'], [report.from, report.to, report.utcOffsetMinutes]],
    [['Volume by hour'], ['hour', 'conversations', 'handoffs'], ...report.volumeByHour.map((r) => [r.hour, r.conversations, r.handoffs])],
    [
      ['Wait and handle time (seconds)'],
      ['measure', 'count', 'p50', 'p90'],
      ['wait', report.waitSeconds.count, report.waitSeconds.p50, report.waitSeconds.p90],
      ['handle', report.handleSeconds.count, report.handleSeconds.p50, report.handleSeconds.p90],
    ],
    [['CSAT by agent'], ['agent', 'name', 'average', 'count'], ['(all)', '(all)', report.csat.overall.average, report.csat.overall.count], ...report.csat.byAgent.map((r) => [r.agent, r.name, r.average, r.count])],
    [['CSAT by reason'], ['reason', 'average', 'count'], ...report.csat.byReason.map((r) => [r.reason, r.average, r.count])],
    [
      ['Handoffs'],
      ['conversations', 'handoffs', 'rate'],
      [report.handoffs.conversations, report.handoffs.handoffs, report.handoffs.rate],
    ],
    [['Handoff reasons'], ['reason', 'count'], ...report.handoffs.reasons.map((r) => [r.reason, r.count])],
    [['Top unanswered questions'], ['question', 'count', 'example'], ...report.unanswered.top.map((r) => [r.question, r.count, r.example])],
  ];
  return sections.map((rows) => rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('')).join('\r\n');
}

/** One field: a formula-looking text defused, then quoted when it needs to be. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
