import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ErrorBody } from './agent-schemas';

/** The refusals and failures an agent route can answer, each in the house JSON (ErrorBody). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 502 | 503;

const WHY: Record<ErrorStatus, string> = {
  400: 'BadRequest: the body or query does not match the schema (the message names the field), or the body is not JSON.',
  401: 'Unauthorized: no valid agent token or Teams SSO token. A customer’s Direct Line token or secret is refused too.',
  403: 'Forbidden: the conversation is with another agent.',
  404: 'NotFound: no such request is open (cancelled, timed out, or ended).',
  409: 'Conflict: another agent accepted the request first.',
  413: 'PayloadTooLarge: the body is larger than the server’s JSON limit.',
  415: 'UnsupportedMediaType: the body must be JSON in UTF-8.',
  502: 'Undelivered: the customer’s channel could not be reached; nothing was sent, try again.',
  503: 'ServiceUnavailable: storage cannot be reached; nothing was changed. Retry after the Retry-After seconds.',
};

const HEADERS: Partial<Record<ErrorStatus, z.ZodObject>> = {
  401: z.object({ 'WWW-Authenticate': z.string().meta({ example: 'Bearer realm="giftbot agents"' }) }),
  503: z.object({ 'Retry-After': z.string().meta({ description: 'Seconds to wait before trying again.', example: '5' }) }),
};

/**
 * Error responses for a route: every signed-in route may answer 401 and 503 (storage down), so
 * those two are always there; `extra` adds the route's own, with a description overridden where
 * the route says more (e.g. transfer's 404 UnknownAgent).
 */
export function errorResponses(extra: ErrorStatus[] = [], override: Partial<Record<ErrorStatus, string>> = {}): Record<number, ResponseConfig> {
  const statuses = [...new Set<ErrorStatus>([...extra, 401, 503])].sort((a, b) => a - b);
  return Object.fromEntries(
    statuses.map((status) => {
      const headers = HEADERS[status];
      const response: ResponseConfig = { description: override[status] ?? WHY[status], content: { 'application/json': { schema: ErrorBody } }, ...(headers ? { headers } : {}) };
      return [status, response];
    }),
  );
}

/** A JSON body for one 2xx answer. */
export function json(description: string, schema: z.ZodType): ResponseConfig {
  return { description, content: { 'application/json': { schema } } };
}

/** The errors a request body can add (bad JSON or schema, too large, not JSON). */
export const BODY_ERRORS: ErrorStatus[] = [400, 413, 415];
