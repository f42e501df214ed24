/**
 * Structured logging, one JSON object a line. The interface lives here, at the bottom, so every
 * layer can log without importing the composition root; pino's implementation is in src/app/logger.ts.
 */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/** Says nothing: for tests, tools and callers that were given no logger. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
