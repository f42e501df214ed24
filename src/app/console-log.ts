import { argumentFields } from '../core/error-fields';
import type { Logger } from '../core/logger';

type Method = 'error' | 'warn';

/** Loggers of the running servers, newest last: several servers can share one process (tests, bench). */
const sinks: Logger[] = [];
let original: Pick<Console, Method> | undefined;

/**
 * botbuilder and botframework-connector report failures with console.error / console.warn — an
 * expired token's whole stack, a failed transcript write's `err.stack` — which would land as raw,
 * multi-line text in the middle of the JSON log. While a server runs, those two calls become one
 * JSON line each (`event: "console"`, message, name, code, stack frames on one line), written to
 * the newest server's log. Only strings and errors are kept: the objects libraries pass along can
 * hold message text or credentials. console.log / info are left alone (nothing in the runtime
 * path uses them; the CLI prints with them). Returns the undo.
 */
export function routeConsoleToLog(log: Logger): () => void {
  if (sinks.length === 0) {
    original = { error: console.error, warn: console.warn };
    console.error = (...args: unknown[]) => write('error', args);
    console.warn = (...args: unknown[]) => write('warn', args);
  }
  sinks.push(log);
  return () => {
    const at = sinks.lastIndexOf(log);
    if (at >= 0) sinks.splice(at, 1);
    if (sinks.length === 0 && original) {
      console.error = original.error;
      console.warn = original.warn;
      original = undefined;
    }
  };
}

function write(method: Method, args: unknown[]): void {
  const log = sinks[sinks.length - 1];
  if (log) log[method]('console', { ...argumentFields(args) });
}
