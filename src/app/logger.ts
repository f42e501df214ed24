import pino from 'pino';
import type { Logger } from '../core/logger';
import { redactSecrets } from '../safety/secret-redactor';

/** Fields that may carry a credential: never written, whatever logs them. */
const CREDENTIALS = ['token', 'authorization', 'secret', 'password', 'botToken', 'headers.authorization', '*.token', '*.authorization', '*.secret', '*.password'];
/** Fields that hold what people typed: gift card codes in them are hidden again, in case anything upstream missed one. */
const FREE_TEXT = new Set(['text', 'summary', 'message', 'question', 'comment', 'reason', 'contact']);

/**
 * pino, writing each line to `write`: ISO times, level names, credentials censored by path, and
 * codes hidden in free-text fields (the redaction middleware already hid them in messages; this is
 * the second lock on the door, for anything logged from elsewhere).
 */
export function jsonLogger(write: (line: string) => void): Logger {
  const logger = pino(
    {
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
  const emit = (level: 'info' | 'warn' | 'error') => (event: string, fields: Record<string, unknown> = {}) => logger[level]({ event, ...fields });
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
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
