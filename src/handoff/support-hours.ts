import { z } from 'zod';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
type Day = (typeof DAYS)[number];

/** One opening window: these days, from `open` to `close` minutes after local midnight. */
export interface Window {
  days: Day[];
  open: number;
  close: number;
}

/** When people are there to take a conversation; `null` windows means always. */
export interface SupportHours {
  windows: Window[] | null;
  timeZone: string;
  /** As configured, for saying to the customer ("Mon-Fri 09:00-17:00 (America/New_York)"). */
  text: string;
}

const WINDOW = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

/**
 * Reads `SUPPORT_HOURS`: "always", or windows separated by commas, each "Mon-Fri 09:00-17:00" or
 * "Sat 10:00-14:00". Throws with what is wrong, for the config's error message.
 */
export function parseSupportHours(spec: string): Window[] | null {
  const trimmed = spec.trim().toLowerCase();
  if (trimmed === 'always' || trimmed === '24/7') return null;
  return trimmed.split(',').map((part) => parseWindow(part.trim()));
}

function parseWindow(part: string): Window {
  const m = WINDOW.exec(part);
  if (!m) throw new Error(`"${part}" is not like "Mon-Fri 09:00-17:00"`);
  const [, from, to, oh, om, ch, cm] = m;
  const first = dayIndex(from!);
  const last = to ? dayIndex(to) : first;
  const days: Day[] = [];
  for (let d = first; ; d = (d + 1) % 7) {
    days.push(DAYS[d]!);
    if (d === last) break;
  }
  const open = minutes(Number(oh), Number(om));
  const close = minutes(Number(ch), Number(cm));
  if (close <= open) throw new Error(`"${part}" closes before it opens`);
  return { days, open, close };
}

function dayIndex(day: string): number {
  const index = DAYS.indexOf(day as Day);
  if (index < 0) throw new Error(`"${day}" is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
  return index;
}

function minutes(hours: number, mins: number): number {
  if (hours > 24 || mins > 59 || (hours === 24 && mins > 0)) throw new Error(`${hours}:${mins} is not a time of day`);
  return hours * 60 + mins;
}

/** An IANA time zone the runtime knows ("Europe/London"). */
export const TimeZoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone like Europe/London');

/** Whether support is open at `at`, in the configured time zone. */
export function isOpen(hours: SupportHours, at: Date): boolean {
  if (!hours.windows) return true;
  const { day, minute } = localTime(at, hours.timeZone);
  return hours.windows.some((w) => w.days.includes(day) && minute >= w.open && minute < w.close);
}

function localTime(at: Date, timeZone: string): { day: Day; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: get('weekday').toLowerCase() as Day, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}
