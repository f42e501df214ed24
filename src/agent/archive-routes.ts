import { Router } from 'express';
import type { z } from 'zod';
import { HttpError } from '../channels/http-error';
import type { ArchivedConversation, ConversationArchive } from '../handoff/conversation-archive';
import { ArchiveExportQuery, ArchiveParams, ArchiveSearchQuery, type ArchiveExportAnswer, type ArchiveSearchAnswer, type ArchiveSummaryView } from './archive-schemas';
import { exportLines } from './archive-text';

export interface ArchiveRoutesDeps {
  archive: ConversationArchive;
}

type Answer<T extends z.ZodType> = z.input<T>;

/** How much of the transcript a search result shows. */
const PREVIEW_CHARS = 160;

/**
 * Past conversations (issue 15): search, and a closed conversation's redacted transcript as a
 * download (evidence for chargebacks and fraud). Any signed-in agent may read them. Mounted after
 * sign-in.
 */
export function archiveRoutes(deps: ArchiveRoutesDeps): Router {
  const router = Router();

  router.get('/archive', async (req, res) => {
    const q = ArchiveSearchQuery.parse(req.query);
    const found = await deps.archive.search({ brand: q.brand, agent: q.agent, reason: q.reason, tag: q.tag, channel: q.channel, text: q.q, from: q.from, to: q.to, limit: q.limit });
    res.json({ conversations: found.map((e) => ({ ...view(e), preview: e.text.slice(0, PREVIEW_CHARS) })) } satisfies Answer<typeof ArchiveSearchAnswer>);
  });

  router.get('/archive/:handoffId/transcript', async (req, res) => {
    const { handoffId } = ArchiveParams.parse(req.params);
    const { format } = ArchiveExportQuery.parse(req.query);
    const entry = await deps.archive.get(handoffId);
    if (!entry) throw new HttpError(404, 'NotFound', 'No archived conversation has that id');
    // The id goes into a header: only its safe characters.
    const name = `conversation-${handoffId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    res.set('Cache-Control', 'no-store');
    switch (format) {
      case 'text':
        res.attachment(`${name}.txt`).type('text/plain; charset=utf-8').send(`${heading(entry)}\n\n${entry.text}\n`);
        return;
      case 'json':
        res.attachment(`${name}.json`).json({ conversation: view(entry), lines: exportLines(entry.text) } satisfies Answer<typeof ArchiveExportAnswer>);
        return;
      default: {
        const unknown: never = format;
        throw new Error(`unknown format ${String(unknown)}`);
      }
    }
  });

  return router;
}

function view(e: ArchivedConversation): Omit<Answer<typeof ArchiveSummaryView>, 'preview'> {
  const { text: _text, filedAt, acceptedAt, closedAt, ...rest } = e;
  return { ...rest, filedAt: iso(filedAt), acceptedAt: acceptedAt === null ? null : iso(acceptedAt), closedAt: iso(closedAt) };
}

/** What the text export says first: which conversation, with whom, how it ended. */
function heading(e: ArchivedConversation): string {
  const amount = e.amount === null ? '' : ` ${e.amount}${e.currency ? ` ${e.currency}` : ''}`;
  return [
    `Conversation ${e.handoffId} (${e.channel} ${e.conversationId})`,
    `Brand: ${e.brand ?? 'unknown'}${amount}`,
    `Agent: ${e.agent ? `${e.agent.name} (${e.agent.id})` : 'none'}`,
    `Filed ${iso(e.filedAt)}, closed ${iso(e.closedAt)} (${e.state})${e.reason ? `, reason: ${e.reason}` : ''}${e.tags.length ? `, tags: ${e.tags.join(', ')}` : ''}`,
    `Summary: ${e.summary}`,
    'Card codes and other secrets were hidden when the messages were kept.',
  ].join('\n');
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
