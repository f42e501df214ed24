import type { NextFunction, Request, RequestHandler } from 'express';
import { isLoopbackAddress } from '../limits/loopback';
import { serviceUrlAllowed, type AllowedServiceUrl } from '../limits/service-url-policy';
import { HttpError } from './http-error';

export interface DevelopmentGuardOptions {
  /** No MicrosoftAppId: /api/messages takes unauthenticated activities, so only from this machine. */
  anonymous: boolean;
  /** SERVICE_URL_ALLOWLIST; with it set, authenticated activities are held to it too. */
  allowList: readonly AllowedServiceUrl[] | undefined;
}

/**
 * In front of /api/messages, after the JSON parser. Anonymous (development) mode answers only
 * clients on loopback (403 otherwise), and an activity's serviceUrl — where replies and agents'
 * messages are POSTed — must be on loopback or allow-listed, or it is refused before any outbound
 * call (no SSRF to 169.254.169.254 or the private network). The client address is req.ip, so
 * X-Forwarded-For counts only when TRUST_PROXY says whose to believe. Refusals are thrown; the
 * error middleware answers them.
 */
export function developmentGuard(options: DevelopmentGuardOptions): RequestHandler {
  const checkUrl = options.anonymous || options.allowList !== undefined;
  return (req: Request, _res, next: NextFunction) => {
    if (options.anonymous && !isLoopbackAddress(req.ip)) {
      throw new HttpError(403, 'Forbidden', 'Without MicrosoftAppId, /api/messages accepts requests from this machine only');
    }
    const serviceUrl: unknown = (req.body as { serviceUrl?: unknown } | undefined)?.serviceUrl;
    if (!checkUrl || serviceUrl === undefined) return next();
    if (typeof serviceUrl !== 'string' || serviceUrl.length > 2048) throw new HttpError(400, 'BadRequest', 'serviceUrl must be a URL');
    if (!serviceUrlAllowed(serviceUrl, options.allowList ?? [])) {
      throw new HttpError(403, 'Forbidden', 'serviceUrl must be on this machine or in SERVICE_URL_ALLOWLIST');
    }
    next();
  };
}
