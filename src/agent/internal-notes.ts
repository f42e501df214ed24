import type { z } from 'zod';
import type { RecordLog } from '../core/record-log';
import type { Agent, HandoffRecord } from '../handoff/handoff-queue';
import type { TeamNote } from '../handoff/team-notes';
import { redactSecrets } from '../safety/secret-redactor';
import type { NoteView } from './notes-schemas';

/**
 * An agent's internal note as a team note: kept with the conversation (a data purge removes it with
 * the rest), for agents and supervisors only, never sent to the customer. Codes are hidden like in
 * an agent's messages: an agent may paste what the customer read out.
 */
export function internalNote(record: HandoffRecord, agent: Agent, text: string): TeamNote {
  return {
    at: new Date().toISOString(),
    log: 'internal',
    conversationId: record.conversationId,
    channel: record.channel,
    values: { handoff: record.id, agentId: agent.id, agent: agent.name, note: redactSecrets(text).text },
  };
}

/** A note as the API answers it. */
export function noteView(note: TeamNote): z.input<typeof NoteView> {
  return { at: note.at, agent: String(note.values.agent ?? ''), agentId: String(note.values.agentId ?? ''), text: String(note.values.note ?? '') };
}

/**
 * The conversation's internal notes, oldest first, from every request it had (so a colleague after a
 * transfer, or later, reads them too). Read by conversation where the store indexes it (SQLite,
 * memory); otherwise the whole log, filtered. A conversation is a channel and an id (issue 12).
 */
export async function internalNotesOf(notes: RecordLog<TeamNote>, record: HandoffRecord): Promise<TeamNote[]> {
  const theirs = notes.readConversation ? await notes.readConversation(record.conversationId) : await notes.read();
  return theirs.filter((n) => n.log === 'internal' && n.conversationId === record.conversationId && n.channel === record.channel);
}
