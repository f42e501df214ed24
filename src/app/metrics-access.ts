import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from '../channels/http-error';
import type { Config } from '../config/config';

/**
 * Who may read /metrics. The figures (traffic, queue length, memory) help an attacker time an
 * attack, so: with METRICS_TOKEN set, only `Authorization: Bearer <METRICS_TOKEN>` (any NODE_ENV);
 * unset in production, /metrics is off and answers 404 like any unknown path; unset elsewhere, it
 * is open (a local Prometheus, the tests). Refusals are thrown; the error middleware answers them.
 */
export function metricsAccess(config: Pick<Config, 'NODE_ENV' | 'METRICS_TOKEN'>): RequestHandler {
  const token = config.METRICS_TOKEN;
  return (req, _res, next) => {
    if (!token) {
      if (config.NODE_ENV !== 'production') return next();
      throw new HttpError(404, 'NotFound', `No route for ${req.method} ${req.path}`);
    }
    const header = req.get('authorization') ?? '';
    const given = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '';
    if (sameSecret(given, token)) return next();
    throw new HttpError(401, 'Unauthorized', 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>', { 'WWW-Authenticate': 'Bearer realm="metrics"' });
  };
}

/** Compared as digests, so neither the length nor the first wrong character shows in the timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
