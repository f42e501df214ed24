import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import type { Logger } from '../core/logger';
import { isStorageUnavailable } from '../storage/storage-unavailable';
import { HttpError } from './http-error';

export interface ErrorMiddlewareOptions {
  log: Logger;
  /** The JSON parser's limit, named in the 413 answer. */
  maxBody: string;
}

/**
 * The one place an error becomes an answer, last in the app: an HttpError as thrown; a zod error
 * (a request a router parsed) 400; the body parser's errors 400, 413 or 415; storage down 503 with
 * Retry-After; anything else 500. Always the house JSON, never a stack trace: the detail goes to the
 * log. Once an answer has started (a route that answers before its work is done) nothing is added.
 */
export function errorMiddleware(options: ErrorMiddlewareOptions): ErrorRequestHandler {
  const { log } = options;
  return (err: unknown, req, res, _next) => {
    const answer = asHttpError(err, options.maxBody);
    if (isStorageUnavailable(err)) log.error('storage-unavailable', { path: req.path, reason: reason(err) });
    else if (!(err instanceof HttpError) && answer.status === 500) log.error('request-failed', { path: req.path, reason: reason(err) });
    if (res.headersSent) return;
    res.status(answer.status).set(answer.headers).json({ error: { code: answer.code, message: answer.message } });
  };
}

function asHttpError(err: unknown, maxBody: string): HttpError {
  if (err instanceof HttpError) return err;
  if (isStorageUnavailable(err)) return HttpError.storageUnavailable();
  if (err instanceof z.ZodError) {
    const issue = err.issues[0];
    return new HttpError(400, 'BadRequest', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  const status = bodyParserStatus(err);
  if (status === undefined) return new HttpError(500, 'InternalError', 'Something went wrong; the request was not processed');
  switch (status) {
    case 400:
      return new HttpError(400, 'BadRequest', 'The body is not valid JSON');
    case 413:
      return new HttpError(413, 'PayloadTooLarge', `The body is larger than ${maxBody}`);
    case 415:
      return new HttpError(415, 'UnsupportedMediaType', 'The body must be JSON in UTF-8');
    default: {
      const unknown: never = status;
      return unknown;
    }
  }
}

/** The body parser's errors carry the client's fault as a 4xx status (bad JSON, charset, encoding, size). */
function bodyParserStatus(err: unknown): 400 | 413 | 415 | undefined {
  const { type, status } = (err ?? {}) as { type?: string; status?: unknown };
  if (type === 'entity.too.large') return 413;
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') return 415;
  if (typeof status === 'number' && status >= 400 && status < 500) return status === 413 || status === 415 ? status : 400;
  return undefined;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
