import type { TranscriptStore } from 'botbuilder';
import { z } from 'zod';
import { transcriptLines } from '../bot/transcript-lines';
import type { ConversationLocks } from '../core/conversation-locks';
import type { Logger } from '../core/logger';
import type { ArchivedConversation, ConversationArchive } from '../handoff/conversation-archive';
import { OPEN_STATES, type HandoffQueue, type HandoffRecord } from '../handoff/handoff-queue';
import { archiveText } from './archive-text';

/** What came before the request that is kept with it: what the customer told the bot first. */
const PRELUDE_MS = 30 * 60 * 1000;
/** At most this many lines of one conversation are archived (the last ones). */
const LINES_KEPT = 1000;

const ReferenceUserSchema = z.object({ user: z.object({ id: z.string().min(1) }).optional() });

export interface ArchiveWriterDeps {
  archive: ConversationArchive;
  transcripts: TranscriptStore;
  log: Logger;
  /**
   * The turn locks (the backend's): a close made inside a customer's turn is archived again once
   * that turn has committed, so the turn's own lines (the customer's last words) are in it too.
   */
  locks?: Pick<ConversationLocks, 'run'>;
}

/**
 * The queue, archiving each request as it closes (ended, cancelled, timed-out, external done) and
 * again when a closed one changes (a wrap-up). Every close is one conditional transition, which
 * exactly one caller wins on any instance, so each close is archived once; a re-save replaces, so
 * twice would be harmless anyway. A failure to archive is logged, never thrown at the close.
 */
export function archivingQueue(queue: HandoffQueue, deps: ArchiveWriterDeps): HandoffQueue {
  return {
    file: (request, state, at) => queue.file(request, state, at),
    get: (id) => queue.get(id),
    openFor: (channel, conversationId) => queue.openFor(channel, conversationId),
    waiting: () => queue.waiting(),
    assignedTo: (agentId) => queue.assignedTo(agentId),
    claim: (id, agent, at, capacity) => queue.claim(id, agent, at, capacity),
    async transition(id, from, change, expectedAgentId) {
      const changed = await queue.transition(id, from, change, expectedAgentId);
      if (changed && !OPEN_STATES.includes(changed.state) && (change.state !== undefined || change.wrapUp !== undefined)) {
        await archiveRecord(changed, deps);
        // Never awaited: inside a turn that holds the lock, awaiting it would wait on ourselves.
        deps.locks?.run(changed.conversationId, () => archiveRecord(changed, deps)).catch((err: unknown) => deps.log.error('archive-failed', { handoff: changed.id, reason: err instanceof Error ? err.message : String(err) }));
      }
      return changed;
    },
  };
}

/** Saves one closed request with its redacted transcript; logs (and swallows) a failure. */
export async function archiveRecord(record: HandoffRecord, deps: ArchiveWriterDeps): Promise<void> {
  try {
    const stored = await deps.transcripts.getTranscriptActivities(record.channel, record.conversationId);
    const closedAt = record.closedAt ?? Date.now();
    const lines = transcriptLines(stored.items).filter((line) => {
      const at = Date.parse(line.at);
      // A line with no time (0) is kept: better in the evidence than silently left out.
      return at === 0 || (at >= record.filedAt - PRELUDE_MS && at <= closedAt);
    });
    await deps.archive.save(entryOf(record, closedAt, archiveText(lines.slice(-LINES_KEPT))));
  } catch (err) {
    deps.log.error('archive-failed', { handoff: record.id, reason: err instanceof Error ? err.message : String(err) });
  }
}

function entryOf(record: HandoffRecord, closedAt: number, text: string): ArchivedConversation {
  return {
    handoffId: record.id,
    conversationId: record.conversationId,
    channel: record.channel,
    userId: ReferenceUserSchema.safeParse(record.reference).data?.user?.id ?? null,
    brand: record.brand,
    amount: record.amount,
    currency: record.currency ?? null,
    country: record.country ?? null,
    agent: record.agent,
    state: record.state,
    reason: record.wrapUp?.reason ?? null,
    tags: record.wrapUp?.tags ?? [],
    summary: record.summary,
    filedAt: record.filedAt,
    acceptedAt: record.acceptedAt,
    closedAt,
    text,
  };
}
