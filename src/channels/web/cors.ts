import type { RequestHandler } from 'express';
import { HttpError } from '../http-error';

/** Methods the widget's clients (fetch, botframework-directlinejs) use on Direct Line. */
const METHODS = 'GET, POST, OPTIONS';
/** Headers they send: the bearer token, JSON bodies, directlinejs's agent header and RxJS ajax's X-Requested-With. */
const HEADERS = 'Authorization, Content-Type, x-ms-bot-agent, X-Requested-With';
/** Preflights are cached this long (seconds), so a chat doesn't pay one per poll or post. */
const MAX_AGE = '600';

/**
 * CORS for the routes the widget calls from another site (mounted on /v3/directline). Only origins
 * in ALLOWED_ORIGINS get Access-Control-Allow-Origin, echoed exactly (never "*": the list is the
 * point). Empty list: same-origin only, as before — no CORS header is ever sent. Auth is the bearer
 * token, not cookies, so credentials are never allowed.
 */
export function cors(allowed: readonly string[]): RequestHandler {
  const origins = new Set(allowed);
  return (req, res, next) => {
    const origin = req.header('origin');
    // Answers differ by Origin, so shared caches must key on it.
    if (origins.size > 0) res.vary('Origin');
    const preflight = req.method === 'OPTIONS' && req.header('access-control-request-method') !== undefined;
    if (origin === undefined || !origins.has(origin)) {
      // A preflight from a site that is not listed is refused plainly; the browser then blocks the
      // call. Actual requests pass (same-origin POSTs carry Origin too) but get no CORS header, so
      // another site's page can't read the answer.
      if (preflight) return next(new HttpError(403, 'OriginNotAllowed', 'This origin may not call giftbot: add it to ALLOWED_ORIGINS'));
      return next();
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    // 429s carry Retry-After, which the widget may honour.
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    if (!preflight) return next();
    res.setHeader('Access-Control-Allow-Methods', METHODS);
    res.setHeader('Access-Control-Allow-Headers', HEADERS);
    res.setHeader('Access-Control-Max-Age', MAX_AGE);
    res.status(204).end();
  };
}
