import { z } from 'zod';
import { HttpError } from '../channels/http-error';
import type { WrapUp } from '../handoff/handoff-queue';
import type { WrapUpReason } from '../handoff/macro-schema';
import { redactSecrets } from '../safety/secret-redactor';

export const WRAP_UP_TAGS_MAX = 10;
export const WRAP_UP_TAG_MAX = 40;

/** End's optional body: a resolution reason (an id from GET /api/agent/wrap-up) and free-text tags. */
export const EndBody = z
  .strictObject({
    reason: z.string().min(1).max(80).optional().meta({ description: 'One of the reason ids GET /api/agent/wrap-up lists; another value is refused with 400 and the conversation stays active.' }),
    tags: z
      .array(z.string().max(WRAP_UP_TAG_MAX))
      .max(WRAP_UP_TAGS_MAX)
      .optional()
      .meta({ description: `Free text, trimmed, at most ${WRAP_UP_TAGS_MAX} of ${WRAP_UP_TAG_MAX} characters each; blanks and repeats are dropped and codes hidden, like everything agents type. Tags need a reason.` }),
  })
  .meta({ id: 'EndBody' });

/**
 * The wrap-up End stores on the record, or null for a plain End (API clients that don't send one).
 * Checked before anything changes, so a refused End leaves the conversation active.
 */
export function wrapUpOf(body: unknown, reasons: readonly WrapUpReason[]): WrapUp | null {
  const parsed = EndBody.parse(body ?? {});
  const tags = [...new Set((parsed.tags ?? []).map(cleanTag).filter((t) => t.length > 0))];
  if (parsed.reason === undefined) {
    if (tags.length > 0) throw new HttpError(400, 'BadRequest', 'tags need a reason: add one of GET /api/agent/wrap-up’s reason ids');
    return null;
  }
  if (!reasons.some((r) => r.id === parsed.reason)) {
    throw new HttpError(400, 'BadRequest', `reason must be one of: ${reasons.map((r) => r.id).join(', ')}`);
  }
  return { reason: parsed.reason, tags };
}

/** Tags are agent-typed: a code pasted into one is hidden like in any message (the cut keeps the stored schema's limit). */
function cleanTag(tag: string): string {
  return redactSecrets(tag.trim().replace(/\s+/g, ' ')).text.slice(0, WRAP_UP_TAG_MAX).trim();
}
