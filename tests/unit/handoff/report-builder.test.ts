import type { ArchivedConversation } from '../../../src/handoff/conversation-archive';
import type { AuditEntry } from '../../../src/handoff/handoff-audit';
import { buildReport, type ReportInput } from '../../../src/handoff/report-builder';
import { handoffReason, hourOfDay, percentile, ratingOf } from '../../../src/handoff/report-stats';
import type { TeamNote } from '../../../src/handoff/team-notes';

/** One day, 1 December 2026 UTC, with every figure below worked out by hand. */
const at = (hh: number, mm = 0, ss = 0, day = 1) => Date.UTC(2026, 11, day, hh, mm, ss);
const iso = (t: number) => new Date(t).toISOString();
const ALICE = { id: 'token:Alice', name: 'Alice' };
const BOB = { id: 'token:Bob', name: 'Bob' };

function archived(handoffId: string, conversationId: string, agent: typeof ALICE | null, reason: string | null, filedAt: number, acceptedAt: number | null, closedAt: number): ArchivedConversation {
  return { handoffId, conversationId, channel: 'directline', userId: null, brand: null, amount: null, currency: null, country: null, agent, state: agent ? 'ended' : 'cancelled', reason, tags: [], summary: '', filedAt, acceptedAt, closedAt, text: '' };
}
function audit(action: AuditEntry['action'], handoff: string, conversationId: string, t: number): AuditEntry {
  return { at: iso(t), action, handoff, conversationId, channel: 'directline', agent: null, by: 'customer' };
}
function note(log: TeamNote['log'], conversationId: string, t: number, values: TeamNote['values']): TeamNote {
  return { at: iso(t), log, conversationId, channel: 'directline', values };
}

const TRIED: Record<string, string[]> = { h1: [], h2: ['amazon-redeemed-fix'], h3: [], h4: [] };

function input(utcOffsetMinutes = 0): ReportInput {
  return {
    from: at(0),
    to: at(0, 0, 0, 2),
    utcOffsetMinutes,
    archived: [
      // waits 60, 30, 300 s; handles 600, 300, 1200 s
      archived('h1', 'c1', ALICE, 'refund', at(10), at(10, 1), at(10, 11)),
      archived('h2', 'c2', BOB, 'fixed', at(11), at(11, 0, 30), at(11, 5, 30)),
      archived('h3', 'c3', ALICE, 'fixed', at(12), at(12, 5), at(12, 25)),
      archived('h4', 'c4', null, null, at(13), null, at(13, 2)),
      // Closed the evening before: not in the times, but its survey (after midnight) still finds Bob.
      archived('h5', 'c5', BOB, 'refund', at(22, 0, 0, 0), at(22, 30, 0, 0), at(23, 0, 0, 0)),
    ],
    audit: [
      audit('filed', 'h5', 'c5', at(22, 0, 0, 0)),
      audit('filed', 'h1', 'c1', at(10)),
      audit('accepted', 'h1', 'c1', at(10, 1)),
      audit('filed', 'h2', 'c2', at(11)),
      audit('filed', 'h3', 'c3', at(12)),
      audit('filed', 'h4', 'c4', at(13)),
      audit('external-filed', 'h6', 'c6', at(13, 30)),
    ],
    notes: [
      note('unanswered', 'c9', at(20, 0, 0, 0), { text: 'where is my refund' }),
      note('unanswered', 'c1', at(9, 59), { text: 'Where is my refund?' }),
      note('survey', 'c5', at(0, 10), { rating: '2', comment: null }),
      note('survey', 'c1', at(10, 12), { rating: '5', comment: null }),
      note('survey', 'c1', at(10, 13), { rating: 'great', comment: null }),
      note('survey', 'c2', at(11, 6), { rating: '3', comment: null }),
      note('unanswered', 'c4', at(13, 10), { text: 'where is my refund' }),
      note('survey', 'c3', at(12, 26), { rating: '4', comment: null }),
      note('unanswered', 'c7', at(14), { text: 'Can I use it abroad?' }),
      note('survey', 'c3', at(0, 0, 0, 2), { rating: '1', comment: null }),
    ],
    conversationsStarted: [at(9, 58), at(10, 59), at(11, 59), at(12, 59), at(13, 29), at(13, 40), at(23, 59), at(23, 0, 0, 0), at(0, 0, 0, 2)],
    triedOf: async (id) => TRIED[id] ?? null,
  };
}

describe('report statistics', () => {
  test('when percentiles are asked, then they are nearest-rank values that occurred, null for none', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 50)).toBe(5);
    expect(percentile([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 90)).toBe(9);
    expect(percentile([300, 30, 60], 90)).toBe(300);
  });

  test('when an instant is placed on a clock, then the hour is of that clock, across midnight both ways', () => {
    expect(hourOfDay(at(23, 30), 0)).toBe(23);
    expect(hourOfDay(at(23, 30), 60)).toBe(0);
    expect(hourOfDay(at(0, 30), -300)).toBe(19);
    expect(hourOfDay(at(5, 59), 330)).toBe(11);
  });

  test('when a handoff is classified, then tried fixes beat an unanswered question, which beats asking', () => {
    expect(handoffReason(['fix'], true)).toBe('fix-did-not-work');
    expect(handoffReason([], true)).toBe('not-answered');
    expect(handoffReason([], false)).toBe('asked-for-person');
    expect(handoffReason(null, true)).toBe('unknown');
  });

  test('when a survey rating is read, then only 1 to 5 count', () => {
    expect([ratingOf('5'), ratingOf(' 1 '), ratingOf(3), ratingOf('0'), ratingOf('6'), ratingOf('great'), ratingOf('4.5'), ratingOf(null)]).toEqual([5, 1, 3, null, null, null, null, null]);
  });
});

describe('a report over one day', () => {
  test('when built, then wait and handle p50/p90 come from the conversations closed in the range only', async () => {
    const report = await buildReport(input());
    expect(report.waitSeconds).toEqual({ count: 3, p50: 60, p90: 300 });
    expect(report.handleSeconds).toEqual({ count: 3, p50: 600, p90: 1200 });
    expect(report.from).toBe('2026-12-01T00:00:00.000Z');
    expect(report.to).toBe('2026-12-02T00:00:00.000Z');
  });

  test('when built, then CSAT averages the valid ratings given in the range, by agent and by reason', async () => {
    const { csat } = await buildReport(input());
    expect(csat.overall).toEqual({ average: 3.5, count: 4 });
    expect(csat.byAgent).toEqual([
      { agent: 'token:Alice', name: 'Alice', average: 4.5, count: 2 },
      { agent: 'token:Bob', name: 'Bob', average: 2.5, count: 2 },
    ]);
    expect(csat.byReason).toEqual([
      { reason: 'fixed', average: 3.5, count: 2 },
      { reason: 'refund', average: 3.5, count: 2 },
    ]);
  });

  test('when built, then the handoff rate is filed handoffs over conversations started, with each reason counted', async () => {
    const { handoffs } = await buildReport(input());
    expect(handoffs).toEqual({
      conversations: 7,
      handoffs: 5,
      rate: 0.7143,
      reasons: [
        { reason: 'asked-for-person', count: 2 },
        { reason: 'fix-did-not-work', count: 1 },
        { reason: 'not-answered', count: 1 },
        { reason: 'unknown', count: 1 },
      ],
    });
  });

  test('when built in UTC, then volume by hour puts each start and filing in its hour', async () => {
    const { volumeByHour } = await buildReport(input());
    expect(volumeByHour).toHaveLength(24);
    const busy = volumeByHour.filter((h) => h.conversations || h.handoffs);
    expect(busy).toEqual([
      { hour: 9, conversations: 1, handoffs: 0 },
      { hour: 10, conversations: 1, handoffs: 1 },
      { hour: 11, conversations: 1, handoffs: 1 },
      { hour: 12, conversations: 1, handoffs: 1 },
      { hour: 13, conversations: 2, handoffs: 2 },
      { hour: 23, conversations: 1, handoffs: 0 },
    ]);
  });

  test('when built an hour ahead of UTC, then the hours move with the clock', async () => {
    const { volumeByHour, utcOffsetMinutes } = await buildReport(input(60));
    expect(utcOffsetMinutes).toBe(60);
    expect(volumeByHour[0]).toEqual({ hour: 0, conversations: 1, handoffs: 0 });
    expect(volumeByHour[14]).toEqual({ hour: 14, conversations: 2, handoffs: 2 });
    expect(volumeByHour[23]).toEqual({ hour: 23, conversations: 0, handoffs: 0 });
  });

  test('when built, then the unanswered questions of the range are grouped, most asked first', async () => {
    const { unanswered } = await buildReport(input());
    expect(unanswered).toEqual({
      total: 3,
      top: [
        { question: 'where is my refund', count: 2, example: 'where is my refund' },
        { question: 'can i use it abroad', count: 1, example: 'Can I use it abroad?' },
      ],
    });
  });

  test('when nothing happened, then every figure is zero or null, not an error', async () => {
    const report = await buildReport({ ...input(), archived: [], audit: [], notes: [], conversationsStarted: [] });
    expect(report.waitSeconds).toEqual({ count: 0, p50: null, p90: null });
    expect(report.csat.overall).toEqual({ average: null, count: 0 });
    expect(report.handoffs.rate).toBeNull();
    expect(report.unanswered).toEqual({ total: 0, top: [] });
  });
});
