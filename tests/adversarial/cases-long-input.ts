import { DEFAULT_MAX_MESSAGE_LENGTH as MAX } from '../../src/safety/cut-text';
import { botActivity, message, post, slackMention, MESSAGES, SLACK, type Expected, type HostileCase } from './corpus';

/**
 * Issue 12 finding 3 (ReDoS), category 'long-input', run by tests/http/adversarial.test.ts: long
 * messages built to make a backtracking reader quadratic ("sell my card" and 19,980 digits blocked
 * the event loop for 0.55 s; 100 KB to /api/messages took 14.3 s), over Direct Line, /api/messages
 * and Slack. Each is answered quickly, cut to MAX_MESSAGE_LENGTH (the server runs with the
 * default) before anything stores it, and the server stays up. Direct Line refuses a text of over
 * 20,000 characters (400, nothing stored), so its cases stay just under that; past the 256 KB body
 * limit every endpoint answers 413.
 */

const KB = 1024;
const SELL = 'sell my card ';
/** Just under Direct Line's 20,000-character limit on `text`. */
const DL = 19_900;
/** Generous: the linear readers answer these in tens of milliseconds; the quadratic ones took seconds. */
const MS = 3000;
const bounded = (extra: Partial<NonNullable<Expected['bounded']>> = {}): Expected => ({ status: 200, bounded: { length: MAX, ms: MS, ...extra } });

/** `unit` repeated to `size` characters after `prefix`. */
const fill = (unit: string, size: number, prefix = ''): string => (prefix + unit.repeat(Math.ceil(size / unit.length))).slice(0, prefix.length + size);

/** Filler words, then `code` placed so the cut at MAX falls `into` characters inside it. */
function straddling(code: string, into: number): string {
  const head = fill('please help me redeem my card ', MAX - into - 1).trimEnd();
  return `${head.padEnd(MAX - into - 1, '.')} ${code} and it still fails`;
}

const exactlyMax = fill('how do I redeem my amazon card ', MAX - 1).concat('x').slice(0, MAX);

export const longInputCases: HostileCase[] = [
  // The findings, over Direct Line.
  { name: 'a customer sends "sell my card" and 19,980 digits', category: 'long-input', request: post(message(fill('9', 19_980, SELL))), expect: bounded() },
  { name: 'a customer sends "sell my card" and 100 KB of digits, over the 20,000-character text limit', category: 'long-input', request: post(message(fill('7', 100 * KB, SELL))), expect: { status: 400, errorCode: 'BadArgument' } },
  { name: 'a customer sends "sell my card" and 260 KB of digits, past the body limit', category: 'long-input', request: post(message(fill('7', 260 * KB, SELL))), expect: { status: 413, errorCode: 'PayloadTooLarge' } },
  { name: 'a customer sends 19,900 spaces and then "help"', category: 'long-input', request: post(message(`${' '.repeat(DL)}help`)), expect: bounded() },
  { name: 'a customer sends 19,900 characters of "1 " pairs', category: 'long-input', request: post(message(fill('1 ', DL))), expect: bounded() },
  { name: 'a customer sends 19,900 characters of "$1,"', category: 'long-input', request: post(message(fill('$1,', DL))), expect: bounded() },
  { name: 'a customer sends a domain that never ends ("a-a-a-…", 19,900 characters)', category: 'long-input', request: post(message(fill('a-', DL, 'redeem at '))), expect: bounded() },
  { name: 'a customer sends 19,900 unclosed "[" and "("', category: 'long-input', request: post(message(fill('[(', DL))), expect: bounded() },
  { name: 'a customer sends 19,900 characters of emoji with no space', category: 'long-input', request: post(message(fill('\u{1F381}', DL))), expect: bounded() },
  { name: 'a customer sends Cyrillic look-alikes between zero-width spaces (19,900 characters)', category: 'long-input', request: post(message(fill('\u0430\u200B\u0435', DL, 'amazon '))), expect: bounded() },
  { name: 'a customer sends "sell my card" among 19,900 tabs and line breaks', category: 'long-input', request: post(message(fill('\t\n', DL, SELL))), expect: bounded() },

  // At the limit: kept whole up to it, cut past it, never leaving half a code behind.
  { name: `a customer sends a message of exactly ${MAX} characters`, category: 'long-input', request: post(message(exactlyMax)), expect: { ...bounded(), echo: exactlyMax } },
  { name: `a customer sends a message of ${MAX + 1} characters`, category: 'long-input', request: post(message(`${exactlyMax}y`)), expect: bounded({ length: MAX - 1 }) },
  { name: 'a dashed code straddles the cut', category: 'long-input', request: post(message(straddling('X7KQ-9PLM-4RTZ-2WVB', 7))), expect: bounded({ absent: ['X7KQ', '9PLM', '4RTZ', '2WVB'] }) },
  { name: 'a code written in spaced groups straddles the cut', category: 'long-input', request: post(message(straddling('AQ4T G7XRLD NMFB', 13))), expect: bounded({ absent: ['AQ4T', 'G7XRLD', 'NMFB'] }) },
  {
    name: 'ten "sell my card" messages with 19,980 digits arrive at once in one conversation',
    category: 'long-input',
    request: post(message(fill('9', 19_980, SELL)), { repeat: { times: 10, together: true } }),
    expect: { status: [200, 429], bounded: { length: MAX, ms: 2 * MS } },
  },

  // /api/messages (a signed Teams activity, replies in the response) and Slack.
  { name: 'a signed Teams activity carries "sell my card" and 100 KB of digits', category: 'long-input', request: { method: 'POST', path: MESSAGES, auth: 'bot-framework', body: botActivity('adv-long-digits', fill('9', 100 * KB, SELL)) }, expect: bounded() },
  { name: 'a signed Teams activity carries 100 KB of spaces and then an emoji', category: 'long-input', request: { method: 'POST', path: MESSAGES, auth: 'bot-framework', body: botActivity('adv-long-spaces', `${' '.repeat(100 * KB)}\u{1F381}`) }, expect: bounded() },
  { name: 'a signed Teams activity carries 100 KB of "a." hosts', category: 'long-input', request: { method: 'POST', path: MESSAGES, auth: 'bot-framework', body: botActivity('adv-long-hosts', fill('a.', 100 * KB, 'go to ')) }, expect: bounded() },
  { name: 'a signed Slack mention carries "sell my card" and 100 KB of digits', category: 'long-input', request: { method: 'POST', path: SLACK, auth: 'slack', body: slackMention('C0LONGINPUT', 'Ev0LONG00001', fill('9', 100 * KB, SELL)) }, expect: { status: 200, slackTurns: 1, bounded: { length: MAX, ms: MS } } },
];
