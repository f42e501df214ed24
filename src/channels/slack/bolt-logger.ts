import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../app/logger';

/**
 * Bolt's and its WebClient's logging into giftbot's JSON log. Only string arguments are kept:
 * the objects Bolt passes along (errors, request bodies, options) can hold message text or tokens.
 * Debug is dropped; it dumps payloads.
 */
export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const line = (args: unknown[]) => ({ message: args.filter((a): a is string => typeof a === 'string').join(' ') });
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
