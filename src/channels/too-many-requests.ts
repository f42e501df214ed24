import type { LimitKind, LimitResult } from '../limits/client-limits';
import { HttpError } from './http-error';

/** What a refused client is told, by the limit it hit ({s}: seconds to wait). */
function message(kind: LimitKind, seconds: number): string {
  switch (kind) {
    case 'tokens-per-ip':
      return `Too many chat tokens were requested from your address — please wait ${seconds} s.`;
    case 'conversations-per-ip':
      return `Too many conversations were started from your address — please wait ${seconds} s.`;
    case 'posts-per-ip':
    case 'posts-per-conversation':
      return `That's a lot of messages at once — please wait ${seconds} s and send again.`;
    case 'overall':
      return `giftbot is very busy right now — please try again in ${seconds} s.`;
    case 'handoffs-per-conversation':
    case 'handoffs-per-ip':
      return `Too many requests for a person — please wait ${seconds} s.`;
    default: {
      const unknown: never = kind;
      return unknown;
    }
  }
}

/** 429 with Retry-After (whole seconds, at least 1), for the error middleware to answer. */
export function tooManyRequests(refused: Extract<LimitResult, { ok: false }>): HttpError {
  const seconds = Math.max(1, Math.ceil(refused.retryAfter));
  return new HttpError(429, 'TooManyRequests', message(refused.kind, seconds), { 'Retry-After': String(seconds) });
}
