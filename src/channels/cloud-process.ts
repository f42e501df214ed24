import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Request, Response } from 'express';
import { HttpError } from './http-error';

/** jsonwebtoken's messages for a token that is forged, malformed or out of date. */
const JWT_ERRORS = /^(?:invalid (?:signature|token|algorithm)|jwt (?:malformed|signature is required|audience invalid|issuer invalid|not active|expired|id invalid|subject invalid))/;

const STATUS_CODES: Record<number, string> = { 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 405: 'MethodNotAllowed', 413: 'PayloadTooLarge', 415: 'UnsupportedMediaType', 500: 'InternalError' };

/**
 * CloudAdapter.process for /api/messages, with botbuilder's answer held back until it is known.
 * botbuilder answers failed requests itself, with its error text — for a bad token, a stack trace —
 * so a failure is thrown as an HttpError instead and the one error middleware answers it (a short
 * JSON error; the detail stays in the log). A success is written to the client as botbuilder wrote it.
 */
export async function cloudProcess(cloud: CloudAdapter, req: Request, res: Response, logic: (context: TurnContext) => Promise<void>): Promise<void> {
  const answer: { status: number; body?: unknown } = { status: 200 };
  // Only what CloudAdapter.process calls on a plain HTTP request: status, then send (with a body), then end.
  await cloud.process(
    req,
    {
      socket: res.socket,
      status: (code: number) => (answer.status = code),
      send: (body?: unknown) => (answer.body = body),
      end: () => undefined,
      header: (name: string, value: unknown) => res.header(name, String(value)),
    },
    logic,
  );
  if (answer.status >= 400) throw failure(answer.status, answer.body);
  res.status(answer.status);
  if (answer.body) res.send(answer.body);
  res.end();
}

function failure(status: number, body: unknown): HttpError {
  // botbuilder passes jsonwebtoken's errors (a forged signature) through as 500s; they are 401s.
  if (status === 500 && typeof body === 'string' && JWT_ERRORS.test(body)) status = 401;
  const code = STATUS_CODES[status] ?? 'Error';
  const message = status === 401 ? 'The request is not authorized' : status >= 500 ? 'The activity was not processed' : 'The request was not accepted';
  return new HttpError(status, code, message);
}
