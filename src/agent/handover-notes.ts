import type { Agent, HandoffRecord } from '../handoff/handoff-queue';
import type { TeamNote } from '../handoff/team-notes';
import { redactSecrets } from '../safety/secret-redactor';
import type { HandoverView } from './agent-schemas';
import type { z } from 'zod';

/**
 * A transfer's handover note as a team note: kept with the conversation (so data purge removes it
 * with the rest), keyed by the request, for agents only. Codes are hidden like everywhere else: an
 * agent may paste what the customer read out.
 */
export function handoverNote(record: HandoffRecord, from: Agent, to: Agent | null, note: string): TeamNote {
  return {
    at: new Date().toISOString(),
    log: 'handover',
    conversationId: record.conversationId,
    channel: record.channel,
    values: { handoff: record.id, from: from.name, to: to?.name ?? null, note: redactSecrets(note).text },
  };
}

/** A request's handover notes, oldest first, as the transcript answer carries them. */
export function handoversOf(notes: readonly TeamNote[], handoffId: string): Array<z.input<typeof HandoverView>> {
  return notes
    .filter((n) => n.log === 'handover' && n.values.handoff === handoffId)
    .map((n) => ({ at: n.at, from: String(n.values.from ?? ''), to: typeof n.values.to === 'string' ? n.values.to : null, note: String(n.values.note ?? '') }));
}
