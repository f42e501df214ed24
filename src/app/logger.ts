import pino from 'pino';
import type { Logger, LogLevel } from '../core/logger';
import { redactSecrets } from '../safety/secret-redactor';

/** Fields that may carry a credential: never written, whatever logs them. */
const CREDENTIALS = ['token', 'authorization', 'secret', 'password', 'botToken', 'headers.authorization', '*.token', '*.authorization', '*.secret', '*.password'];
/** Fields that hold what people typed: gift card codes in them are hidden again, in case anything upstream missed one. */
const FREE_TEXT = new Set(['text', 'summary', 'message', 'question', 'comment', 'reason', 'contact', 'route']);

type Method = Exclude<LogLevel, 'silent'>;

export interface JsonLoggerOptions {
  /** LOG_LEVEL: lines below it are not written (default info). */
  level?: LogLevel;
}

/**
 * pino, writing each line to `write`: ISO times, level names, a `msg` on every line (the fields' own
 * `msg`, else the event name), credentials censored by path, and codes hidden in free-text fields
 * (the redaction middleware already hid them in messages; this is the second lock on the door, for
 * anything logged from elsewhere). Lines below `level` are dropped before they are built.
 */
export function jsonLogger(write: (line: string) => void, options: JsonLoggerOptions = {}): Logger {
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      redact: { paths: CREDENTIALS, censor: '[redacted]' },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => hideCodes(object),
      },
    },
    { write },
  );
  const emit = (level: Method) => (event: string, fields: Record<string, unknown> = {}) => {
    // pino writes the message key last, so `"event":"…"` stays the line's first field after the time.
    const { msg, ...rest } = fields;
    // The message is outside the object hideCodes sees: a sentence may quote what someone typed.
    logger[level]({ event, ...rest }, typeof msg === 'string' && msg ? redactSecrets(msg).text : event);
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

function hideCodes(object: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(object)) {
    if (!FREE_TEXT.has(key) || typeof value !== 'string') continue;
    const hidden = redactSecrets(value).text;
    if (hidden !== value) (copy ??= { ...object })[key] = hidden;
  }
  return copy ?? object;
}
