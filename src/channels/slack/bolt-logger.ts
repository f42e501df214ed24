import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { argumentFields } from '../../core/error-fields';
import type { Logger } from '../../core/logger';

/**
 * Bolt's and its WebClient's logging into giftbot's JSON log, one line a call: the strings said and
 * an error's first message line, name and code. Other objects Bolt passes along (request bodies,
 * options) can hold message text or tokens, so they are left out. Debug is dropped; it dumps payloads.
 */
export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const line = (args: unknown[]) => ({ ...argumentFields(args) });
  return {
    debug: () => {},
    info: (...args: unknown[]) => {
      if (level === LogLevel.DEBUG || level === LogLevel.INFO) log.info('slack-bolt', line(args));
    },
    warn: (...args: unknown[]) => {
      if (level !== LogLevel.ERROR) log.warn('slack-bolt', line(args));
    },
    error: (...args: unknown[]) => log.error('slack-bolt', line(args)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
