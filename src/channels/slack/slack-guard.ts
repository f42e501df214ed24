import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { HttpError } from '../http-error';

/** Slack's own events are a few kilobytes; anything near this is not Slack. */
export const SLACK_MAX_BODY_BYTES = 256 * 1024;
/** Slack's replay window, both ways: a clock that far ahead is as suspect as one that far behind. */
const MAX_SKEW_SECONDS = 5 * 60;

/** The refusals of this endpoint, the guard's and Bolt's. */
type SlackRefusal = 400 | 401 | 413;

const ERRORS: Record<SlackRefusal, [string, string]> = {
  400: ['BadRequest', 'The request could not be read'],
  401: ['Unauthorized', 'The request is not signed by Slack, or its signature is too old'],
  413: ['PayloadTooLarge', `The body is larger than ${SLACK_MAX_BODY_BYTES / 1024} KB`],
};

/**
 * In front of Bolt's receiver: refuses what Bolt would let through or read for nothing (an oversized
 * body by its Content-Length, a timestamp from the future) by throwing an HttpError. Bolt writes its
 * own refusals (bad signature, body over its cap, unreadable body) as empty answers; those are handed
 * to `answer`, the error middleware, as HttpErrors too, so every answer of the endpoint is written by
 * it. Bodies without a Content-Length (chunked) are capped by Bolt's own bodyLimit while they stream
 * (slack-channel.ts).
 */
export function slackRequestGuard(answer: ErrorRequestHandler): RequestHandler {
  return (req, res, next) => {
    boltRefusalsTo(answer, req, res);
    if (Number(req.headers['content-length'] ?? 0) > SLACK_MAX_BODY_BYTES) throw refusal(413, true);
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(timestamp) && timestamp - Date.now() / 1000 > MAX_SKEW_SECONDS) throw refusal(401, true);
    next();
  };
}

/** `bodyUnread`: the body is left unread, so the connection is closed and its remaining bytes are neither read nor taken for the next request. */
function refusal(status: SlackRefusal, bodyUnread: boolean): HttpError {
  const [code, message] = ERRORS[status];
  return new HttpError(status, code, message, bodyUnread ? { Connection: 'close' } : {});
}

function isSlackRefusal(status: number): status is SlackRefusal {
  return status in ERRORS;
}

/** Bolt answers `res.status(n).send()` with no body; such an answer goes to the error middleware instead. */
function boltRefusalsTo(answer: ErrorRequestHandler, req: Request, res: Response): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    const status = res.statusCode;
    if ((body === undefined || body === '') && isSlackRefusal(status)) {
      res.send = send;
      // Bolt's 413 stops reading part-way (its cap); its other refusals come after the whole body.
      void answer(refusal(status, status === 413), req, res, () => undefined);
      return res;
    }
    return send(body);
  };
}
