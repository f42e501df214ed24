import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Request, RequestHandler } from 'express';
import type { Logger } from '../core/logger';

/** Paths machines poll every few seconds (load balancer, orchestrator, Prometheus): their lines are debug, not info. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);
/** A path is cut to this many characters in the log (an unmatched one can be anything a client sent). */
const MAX_ROUTE = 200;

/**
 * One access line per HTTP request, when its response has gone (or the client gave up): method,
 * route, status and ms. The route is the pattern that matched (`/v3/directline/conversations/:id/activities`),
 * else the path with every segment that holds a digit (but `v3`) shown as `:id` (conversation ids, and
 * whatever a client put there: a code, a token); never the query string (a WebSocket's `?t=` is a
 * token), headers or body.
 */
export function accessLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    // originalUrl, not path: routers rewrite req.url on the way in.
    const path = pathOf(req.originalUrl);
    const route = matchedRoute(req);
    res.once('close', () => {
      const fields = { method: req.method, route: route() ?? path, status: res.statusCode, ms: Math.round(performance.now() - started), ...(res.writableFinished ? {} : { aborted: true }) };
      const msg = `${fields.method} ${fields.route} ${fields.status} in ${fields.ms} ms`;
      log[PROBES.has(path) ? 'debug' : 'info']('http-request', { ...fields, msg });
    });
    next();
  };
}

/**
 * A WebSocket upgrade's access line: its status is the first thing written to the socket (101 when
 * the stream opens, else the refusal's status), its route the path without the query.
 */
export function logUpgrade(log: Logger, req: IncomingMessage, socket: Duplex): void {
  const started = performance.now();
  const route = pathOf(req.url ?? '/');
  let logged = false;
  const line = (status: number) => {
    if (logged) return;
    logged = true;
    const ms = Math.round(performance.now() - started);
    log.info('http-request', { method: req.method, route, status, ms, upgrade: 'websocket', msg: `${req.method} ${route} ${status} (WebSocket) in ${ms} ms` });
  };
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  // Wrapped once, for the status line only; every later frame goes straight to the original.
  socket.write = ((...args: unknown[]) => {
    socket.write = write as Duplex['write'];
    const head = typeof args[0] === 'string' ? args[0] : Buffer.isBuffer(args[0]) ? args[0].toString('latin1', 0, 16) : '';
    line(Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0));
    return write(...args);
  }) as Duplex['write'];
  // Closed before anything was written: the client went away first.
  socket.once('close', () => line(0));
}

/**
 * express sets `req.route` when a route matches, while `req.baseUrl` still holds the mount path of
 * the router it is in; by the time the response is sent an error may have unwound `baseUrl` back
 * to ''. So the full pattern is taken at the moment the route is set.
 */
function matchedRoute(req: Request): () => string | undefined {
  let route: unknown;
  let pattern: string | undefined;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set: (value: unknown) => {
      route = value;
      const path = (value as { path?: unknown } | undefined)?.path;
      pattern = typeof path === 'string' ? `${req.baseUrl}${path}` : undefined;
    },
  });
  return () => pattern;
}

/**
 * The path alone, segments with a digit (but a version, `v3`) as `:id`, and always the one after
 * `conversations` (a random id has no digit about one time in forty), at most MAX_ROUTE characters.
 */
function pathOf(url: string): string {
  const segments = url.split('?')[0]!.split('/');
  const path = segments.map((segment, i) => ((/\d/.test(segment) && !/^v\d+$/.test(segment)) || segments[i - 1] === 'conversations' ? ':id' : segment)).join('/');
  return path.length > MAX_ROUTE ? `${path.slice(0, MAX_ROUTE)}…` : path;
}
