import { ZodError } from 'zod';
import { HttpError } from '../../../src/channels/http-error';
import { reportRange } from '../../../src/agent/report-query';

const NOW = Date.UTC(2026, 11, 6, 14, 59);
const DAY = 86_400_000;

describe('a report range', () => {
  test('when no dates are given, then it is the last seven days in UTC, today included', () => {
    expect(reportRange({}, NOW)).toEqual({ from: Date.UTC(2026, 11, 0), to: Date.UTC(2026, 11, 7), utcOffsetMinutes: 0 });
  });

  test('when dates and an offset are given, then both days are included on that clock', () => {
    expect(reportRange({ from: '2026-12-01', to: '2026-12-01', utcOffset: '60' }, NOW)).toEqual({ from: Date.UTC(2026, 11, 1) - 3_600_000, to: Date.UTC(2026, 11, 2) - 3_600_000, utcOffsetMinutes: 60 });
    // Late evening UTC is already tomorrow in Tokyo: the default ends there.
    expect(reportRange({ utcOffset: '540' }, Date.UTC(2026, 11, 6, 20)).to).toBe(Date.UTC(2026, 11, 8) - 540 * 60_000);
  });

  test('when a year of 366 days is asked, then it is allowed; one day more is a 400 naming the limit', () => {
    const leap = reportRange({ from: '2028-01-01', to: '2028-12-31' }, NOW);
    expect((leap.to - leap.from) / DAY).toBe(366);
    expect(() => reportRange({ from: '2026-01-01', to: '2027-01-02' }, NOW)).toThrow(expect.objectContaining({ status: 400, message: expect.stringContaining('at most 366') }));
  });

  test('when the range is reversed, then it is a 400 saying so', () => {
    let thrown: unknown;
    try {
      reportRange({ from: '2026-12-02', to: '2026-12-01' }, NOW);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(HttpError);
    expect(thrown).toMatchObject({ status: 400, message: 'from: must not be after to' });
  });

  test('when a date or offset is malformed, then zod refuses it (a 400 at the route)', () => {
    for (const bad of [{ from: '2026-02-30' }, { to: '12/01/2026' }, { from: '2026-1-1' }, { utcOffset: '900' }, { utcOffset: '1.5' }, { utcOffset: 'x' }]) {
      expect(() => reportRange(bad, NOW)).toThrow(ZodError);
    }
  });
});
