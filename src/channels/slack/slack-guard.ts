import type { RequestHandler, Response } from 'express';

/** Slack's own events are a few kilobytes; anything near this is not Slack. */
export const SLACK_MAX_BODY_BYTES = 256 * 1024;
/** Slack's replay window, both ways: a clock that far ahead is as suspect as one that far behind. */
const MAX_SKEW_SECONDS = 5 * 60;

const ERRORS: Record<number, [string, string]> = {
  400: ['BadRequest', 'The request could not be read'],
  401: ['Unauthorized', 'The request is not signed by Slack, or its signature is too old'],
  413: ['PayloadTooLarge', `The body is larger than ${SLACK_MAX_BODY_BYTES / 1024} KB`],
};

/**
 * In front of Bolt's receiver: refuses what Bolt would let through or read for nothing (an oversized
 * body by its Content-Length, a timestamp from the future), and turns Bolt's empty error answers into
 * the JSON errors every other endpoint gives. Bodies without a Content-Length (chunked) are capped by
 * Bolt's own bodyLimit while they stream (slack-channel.ts).
 */
export function slackRequestGuard(): RequestHandler {
  return (req, res, next) => {
    jsonErrors(res);
    if (Number(req.headers['content-length'] ?? 0) > SLACK_MAX_BODY_BYTES) {
      refuse(res, 413);
      return;
    }
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(timestamp) && timestamp - Date.now() / 1000 > MAX_SKEW_SECONDS) {
      refuse(res, 401);
      return;
    }
    next();
  };
}

function refuse(res: Response, status: number): void {
  // The body is left unread; close the connection so its remaining bytes don't reach the next request.
  res.set('Connection', 'close');
  res.status(status).send();
}

/** An error answer with no body gets `{"error": {code, message}}`. */
function jsonErrors(res: Response): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    const error = ERRORS[res.statusCode];
    // A body refused part-way (Bolt's cap) is left unread: close, so its remaining bytes are neither
    // read nor taken for the next request.
    if (res.statusCode === 413) res.set('Connection', 'close');
    if (res.statusCode >= 400 && (body === undefined || body === '') && error) {
      res.type('application/json');
      return send(JSON.stringify({ error: { code: error[0], message: error[1] } }));
    }
    return send(body);
  };
}
