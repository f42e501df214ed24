import { isOpen, parseSupportHours, TimeZoneSchema, type SupportHours } from '../../../src/handoff/support-hours';

const hoursIn = (spec: string, timeZone: string): SupportHours => ({ windows: parseSupportHours(spec), timeZone, text: spec });

describe('parseSupportHours', () => {
  test('when the hours are "always" or "24/7" in any case, then there are no windows (always open)', () => {
    expect(parseSupportHours('always')).toBeNull();
    expect(parseSupportHours('24/7')).toBeNull();
    expect(parseSupportHours('  Always ')).toBeNull();
  });

  test('when the hours are a range of days, then every day of the range has the window, in minutes after midnight', () => {
    expect(parseSupportHours('Mon-Fri 09:00-17:00')).toEqual([{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: 9 * 60, close: 17 * 60 }]);
  });

  test('when several windows are separated by commas, then each is read', () => {
    expect(parseSupportHours('Sat 10:00-14:00, Sun 12:00-13:00')).toEqual([
      { days: ['sat'], open: 600, close: 840 },
      { days: ['sun'], open: 720, close: 780 },
    ]);
  });

  test('when a range of days wraps past Sunday, then it runs through the weekend', () => {
    expect(parseSupportHours('Fri-Mon 10:00-11:00')).toEqual([{ days: ['fri', 'sat', 'sun', 'mon'], open: 600, close: 660 }]);
  });

  test('when a window runs to midnight, then 24:00 is a valid closing time', () => {
    expect(parseSupportHours('Mon 00:00-24:00')).toEqual([{ days: ['mon'], open: 0, close: 1440 }]);
  });

  test('when a window closes before it opens, then the error says so', () => {
    expect(() => parseSupportHours('Mon 17:00-09:00')).toThrow('"mon 17:00-09:00" closes before it opens');
    expect(() => parseSupportHours('Mon 09:00-09:00')).toThrow('closes before it opens');
  });

  test('when a day is not a day, then the error says what a window looks like, or which days there are', () => {
    expect(() => parseSupportHours('Funday 09:00-10:00')).toThrow('"funday 09:00-10:00" is not like "Mon-Fri 09:00-17:00"');
    expect(() => parseSupportHours('Fun 09:00-10:00')).toThrow('"fun" is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)');
  });

  test('when times are not written hh:mm, then the error shows the expected shape', () => {
    expect(() => parseSupportHours('Mon 9-5')).toThrow('"mon 9-5" is not like "Mon-Fri 09:00-17:00"');
  });

  test('when a time is past the end of the day, then the error says it is not a time of day', () => {
    expect(() => parseSupportHours('Mon 25:00-26:00')).toThrow(/^25:0+ is not a time of day$/);
    expect(() => parseSupportHours('Mon 09:60-10:00')).toThrow(/is not a time of day/);
    expect(() => parseSupportHours('Mon 09:00-24:01')).toThrow(/is not a time of day/);
  });

  test('when one window of several is bad, then the whole spec is refused', () => {
    expect(() => parseSupportHours('Mon-Fri 09:00-17:00, Sat 9-5')).toThrow('"sat 9-5"');
  });
});

describe('isOpen', () => {
  // Wednesday 25 November 2026. New York is on EST (UTC-5) then; Tokyo is UTC+9 all year.
  const wed = (hour: number, minute = 0) => new Date(Date.UTC(2026, 10, 25, hour, minute));

  test('when there are no windows, then support is always open', () => {
    expect(isOpen({ windows: null, timeZone: 'UTC', text: 'always' }, wed(3))).toBe(true);
  });

  test('when the same instant is read in two time zones, then each is open or closed by its own clock', () => {
    const utc = hoursIn('Mon-Fri 09:00-17:00', 'UTC');
    const newYork = hoursIn('Mon-Fri 09:00-17:00', 'America/New_York');

    // 12:00 UTC is 07:00 in New York.
    expect(isOpen(utc, wed(12))).toBe(true);
    expect(isOpen(newYork, wed(12))).toBe(false);
    // 20:00 UTC is 15:00 in New York.
    expect(isOpen(utc, wed(20))).toBe(false);
    expect(isOpen(newYork, wed(20))).toBe(true);
  });

  test('when the local day differs from the UTC day, then the local day decides', () => {
    // Thursday 02:00 UTC is still Wednesday 21:00 in New York; Tuesday 23:30 UTC is Wednesday 08:30 in Tokyo.
    const thuEarlyUtc = new Date(Date.UTC(2026, 10, 26, 2));
    expect(isOpen(hoursIn('Wed 20:00-22:00', 'America/New_York'), thuEarlyUtc)).toBe(true);
    expect(isOpen(hoursIn('Wed 20:00-22:00', 'UTC'), thuEarlyUtc)).toBe(false);
    const tueLateUtc = new Date(Date.UTC(2026, 10, 24, 23, 30));
    expect(isOpen(hoursIn('Wed 08:00-09:00', 'Asia/Tokyo'), tueLateUtc)).toBe(true);
    expect(isOpen(hoursIn('Wed 08:00-09:00', 'UTC'), tueLateUtc)).toBe(false);
  });

  test('when it is exactly the opening or closing minute, then it is open at opening and closed at closing', () => {
    const hours = hoursIn('Wed 09:00-17:00', 'UTC');
    expect(isOpen(hours, wed(8, 59))).toBe(false);
    expect(isOpen(hours, wed(9, 0))).toBe(true);
    expect(isOpen(hours, wed(16, 59))).toBe(true);
    expect(isOpen(hours, wed(17, 0))).toBe(false);
  });

  test('when a window starts at midnight, then the first minutes of the day count as open', () => {
    expect(isOpen(hoursIn('Wed 00:00-01:00', 'UTC'), wed(0, 30))).toBe(true);
    expect(isOpen(hoursIn('Tue 23:00-24:00', 'UTC'), wed(0, 30))).toBe(false);
    expect(isOpen(hoursIn('Tue 23:00-24:00', 'UTC'), new Date(Date.UTC(2026, 10, 24, 23, 59)))).toBe(true);
  });

  test('when a day range wraps the weekend, then Sunday is open and Wednesday is not', () => {
    const hours = hoursIn('Fri-Mon 10:00-11:00', 'UTC');
    expect(isOpen(hours, new Date(Date.UTC(2026, 10, 29, 10, 30)))).toBe(true); // Sunday
    expect(isOpen(hours, wed(10, 30))).toBe(false);
  });
});

describe('TimeZoneSchema', () => {
  test('when the zone is an IANA zone, then it is accepted', () => {
    expect(TimeZoneSchema.safeParse('Europe/London').success).toBe(true);
    expect(TimeZoneSchema.safeParse('America/New_York').success).toBe(true);
  });

  test('when the zone is made up, then it is refused with a hint', () => {
    const parsed = TimeZoneSchema.safeParse('Mars/Olympus');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('must be an IANA time zone like Europe/London');
  });
});
