import type { Response } from 'express';
import type { LimitKind, LimitResult } from '../limits/client-limits';

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

/** 429 with Retry-After (whole seconds, at least 1) and the house JSON error. */
export function answerTooMany(res: Response, refused: Extract<LimitResult, { ok: false }>): void {
  const seconds = Math.max(1, Math.ceil(refused.retryAfter));
  res.status(429).set('Retry-After', String(seconds)).json({ error: { code: 'TooManyRequests', message: message(refused.kind, seconds) } });
}
