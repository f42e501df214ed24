import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ClientLimits } from '../limits/client-limits';
import { tooManyRequests } from './too-many-requests';

/**
 * The ceiling over all clients together, in front of every request that starts work (a token, a
 * conversation, a post, an activity): past it everyone waits a moment rather than the database
 * growing without bound. Reads (GET) are not counted.
 */
export function overallCeiling(limits: ClientLimits): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || !limits.enabled('overall')) return next();
    limits.consume('overall', 'all').then((result) => (result.ok ? next() : next(tooManyRequests(result))), next);
  };
}
