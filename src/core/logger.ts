/**
 * Structured logging, one JSON object a line. The interface lives here, at the bottom, so every
 * layer can log without importing the composition root; pino's implementation is in src/app/logger.ts.
 *
 * `event` is the line's stable name (what tests and dashboards match on); it is also the line's
 * `msg` unless the fields carry a `msg` of their own (a short sentence for people reading the log).
 */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/** LOG_LEVEL's values, most to least verbose: a level writes its own lines and the ones after it; silent writes none. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Says nothing: for tests, tools and callers that were given no logger. */
export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
