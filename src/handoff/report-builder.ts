import type { ArchivedConversation } from './conversation-archive';
import type { AuditEntry } from './handoff-audit';
import { HandoffReasonSchema, type HandoffReason, type Report } from './report-schema';
import { average, handoffReason, hourOfDay, percentile, ratingOf } from './report-stats';
import type { TeamNote } from './team-notes';
import { groupUnanswered } from './unanswered-questions';

/** How many unanswered questions a report lists. */
export const UNANSWERED_TOP = 10;

/** Everything a report is computed from; the routes read it from the backend (reports-routes.ts). */
export interface ReportInput {
  /** [from, to) in ms since the epoch. */
  from: number;
  to: number;
  /** The clock hours are counted on, minutes ahead of UTC. */
  utcOffsetMinutes: number;
  /** Conversations with people, closed in the range (and possibly a little before, so a survey can find its agent). */
  archived: readonly ArchivedConversation[];
  audit: readonly AuditEntry[];
  notes: readonly TeamNote[];
  /** When each conversation with the bot started (its transcript's first activity). */
  conversationsStarted: readonly number[];
  /** The fixes a handoff request had already tried; null when the request is no longer kept. */
  triedOf(handoffId: string): Promise<readonly string[] | null>;
}

const FILED: ReadonlySet<AuditEntry['action']> = new Set(['filed', 'external-filed']);

/** The reports over one range: pure but for `triedOf` (a look-up in the queue). */
export async function buildReport(input: ReportInput): Promise<Report> {
  const within = (at: number) => at >= input.from && at < input.to;
  const filed = input.audit.filter((e) => FILED.has(e.action) && within(Date.parse(e.at)));
  const closed = input.archived.filter((c) => within(c.closedAt));

  const volumeByHour = Array.from({ length: 24 }, (_, hour) => ({ hour, conversations: 0, handoffs: 0 }));
  const started = input.conversationsStarted.filter(within);
  for (const at of started) volumeByHour[hourOfDay(at, input.utcOffsetMinutes)]!.conversations++;
  for (const e of filed) volumeByHour[hourOfDay(Date.parse(e.at), input.utcOffsetMinutes)]!.handoffs++;

  const accepted = closed.filter((c): c is ArchivedConversation & { acceptedAt: number } => c.acceptedAt !== null);
  const waits = accepted.map((c) => Math.round((c.acceptedAt - c.filedAt) / 1000));
  const handles = accepted.map((c) => Math.round((c.closedAt - c.acceptedAt) / 1000));

  return {
    from: new Date(input.from).toISOString(),
    to: new Date(input.to).toISOString(),
    utcOffsetMinutes: input.utcOffsetMinutes,
    volumeByHour,
    waitSeconds: { count: waits.length, p50: percentile(waits, 50), p90: percentile(waits, 90) },
    handleSeconds: { count: handles.length, p50: percentile(handles, 50), p90: percentile(handles, 90) },
    csat: csatOf(input, within),
    handoffs: {
      conversations: started.length,
      handoffs: filed.length,
      rate: started.length === 0 ? null : Math.round((filed.length / started.length) * 10_000) / 10_000,
      reasons: await reasonsOf(filed, input),
    },
    unanswered: unansweredOf(input, within),
  };
}

function csatOf(input: ReportInput, within: (at: number) => boolean): Report['csat'] {
  const all: number[] = [];
  const byAgent = new Map<string, { name: string; ratings: number[] }>();
  const byReason = new Map<string, number[]>();
  for (const note of input.notes) {
    const at = Date.parse(note.at);
    const rating = note.log === 'survey' && within(at) ? ratingOf(note.values.rating) : null;
    if (rating === null) continue;
    all.push(rating);
    // The survey follows the close: the conversation's latest archived close at or before it.
    const conversation = input.archived
      .filter((c) => c.conversationId === note.conversationId && c.channel === note.channel && c.closedAt <= at)
      .reduce<ArchivedConversation | undefined>((latest, c) => (!latest || c.closedAt > latest.closedAt ? c : latest), undefined);
    const agent = conversation?.agent ?? { id: '(unknown)', name: '(unknown)' };
    const agentRow = byAgent.get(agent.id) ?? { name: agent.name, ratings: [] };
    agentRow.ratings.push(rating);
    byAgent.set(agent.id, agentRow);
    const reason = conversation?.reason ?? '(none)';
    byReason.set(reason, [...(byReason.get(reason) ?? []), rating]);
  }
  return {
    overall: average(all),
    byAgent: [...byAgent].map(([agent, row]) => ({ agent, name: row.name, ...average(row.ratings) })).sort((a, b) => a.name.localeCompare(b.name)),
    byReason: [...byReason].map(([reason, ratings]) => ({ reason, ...average(ratings) })).sort((a, b) => a.reason.localeCompare(b.reason)),
  };
}

async function reasonsOf(filed: readonly AuditEntry[], input: ReportInput): Promise<Report['handoffs']['reasons']> {
  const counts = new Map<HandoffReason, number>(HandoffReasonSchema.options.map((r) => [r, 0]));
  for (const e of filed) {
    const at = Date.parse(e.at);
    const unansweredBefore = input.notes.some((n) => n.log === 'unanswered' && n.conversationId === e.conversationId && n.channel === e.channel && Date.parse(n.at) <= at);
    const reason = handoffReason(await input.triedOf(e.handoff), unansweredBefore);
    counts.set(reason, counts.get(reason)! + 1);
  }
  return [...counts].map(([reason, count]) => ({ reason, count }));
}

function unansweredOf(input: ReportInput, within: (at: number) => boolean): Report['unanswered'] {
  const inRange = input.notes.filter((n) => n.log === 'unanswered' && within(Date.parse(n.at)));
  const grouped = groupUnanswered(inRange, { now: new Date(input.to), limit: UNANSWERED_TOP });
  return { total: grouped.total, top: grouped.questions.map(({ question, count, example }) => ({ question, count, example })) };
}
