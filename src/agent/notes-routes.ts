import { Router, type Response } from 'express';
import { z } from 'zod';
import { HttpError } from '../channels/http-error';
import type { RecordLog } from '../core/record-log';
import type { ConversationArchive } from '../handoff/conversation-archive';
import type { Agent, HandoffRecord } from '../handoff/handoff-queue';
import type { HandoffService } from '../handoff/handoff-service';
import type { TeamNote } from '../handoff/team-notes';
import type { KnowledgeCatalog } from '../knowledge/knowledge-catalog';
import type { AgentRole } from './agent-auth';
import { internalNote, internalNotesOf, noteView } from './internal-notes';
import { EARLIER_MAX, NoteBody, type ContextAnswer, type NoteAddedAnswer, type NotesAnswer } from './notes-schemas';

export interface NotesRoutesDeps {
  handoff: Pick<HandoffService, 'owned' | 'get' | 'noteAdded'>;
  notes: RecordLog<TeamNote>;
  archive: ConversationArchive;
  catalog: KnowledgeCatalog;
}

/** What a route answers, checked at compile time against the schema its description is made from. */
type Answer<T extends z.ZodType> = z.input<T>;

/** The channel's user id in a stored conversation reference (opaque to the queue); null when absent. */
const ReferenceUser = z.object({ user: z.object({ id: z.string().min(1) }) });

/**
 * Internal notes and the context side panel (issue 15), mounted behind the agent router's sign-in:
 * a note is written and read only by the agent who holds the conversation, and never reaches the
 * customer (it goes to the team notes log, not through the relay). The context is the request's
 * facts and the same customer's earlier conversations from the archive.
 */
export function notesRoutes(deps: NotesRoutesDeps): Router {
  const router = Router();

  router.post('/conversations/:id/notes', async (req, res) => {
    const body = NoteBody.parse(req.body);
    const { agent, record } = await held(deps, res, String(req.params.id));
    const note = internalNote(record, agent, body.text);
    await deps.notes.append(note);
    const view = noteView(note);
    // Live to the holder's other consoles and to supervisors, on every instance (the agent stream).
    deps.handoff.noteAdded(record, view);
    res.status(201).json({ note: view } satisfies Answer<typeof NoteAddedAnswer>);
  });

  router.get('/conversations/:id/notes', async (req, res) => {
    const { record } = await held(deps, res, String(req.params.id), 'read');
    res.json({ notes: (await internalNotesOf(deps.notes, record)).map(noteView) } satisfies Answer<typeof NotesAnswer>);
  });

  router.get('/conversations/:id/context', async (req, res) => {
    const { record } = await held(deps, res, String(req.params.id), 'read');
    res.json({
      id: record.id,
      channel: record.channel,
      brand: record.brand,
      brandName: record.brand ? (deps.catalog.brand(record.brand)?.name ?? record.brand) : null,
      amount: record.amount,
      currency: record.currency ?? null,
      country: record.country ?? null,
      earlier: await earlier(deps.archive, record),
    } satisfies Answer<typeof ContextAnswer>);
  });

  return router;
}

/**
 * The conversation, if the signed-in agent holds it; refused otherwise, as the agent router refuses.
 * A supervisor may also read (not write) any conversation the queue still keeps, open or closed.
 */
async function held(deps: NotesRoutesDeps, res: Response, id: string, access: 'read' | 'write' = 'write'): Promise<{ agent: Agent; record: HandoffRecord }> {
  const { agent, role } = res.locals as { agent: Agent; role?: AgentRole };
  const result = await deps.handoff.owned(agent, id);
  if (result.ok) return { agent, record: result.record };
  const overseen = access === 'read' && role === 'supervisor' ? await deps.handoff.get(id) : undefined;
  if (overseen) return { agent, record: overseen };
  switch (result.status) {
    case 'forbidden':
    case 'taken':
      throw new HttpError(403, 'Forbidden', 'This conversation is with another agent');
    case 'gone':
      throw new HttpError(404, 'NotFound', 'No such request is open: it was cancelled, timed out, or has ended');
    default: {
      const unknown: never = result.status;
      throw new Error(`unknown status ${String(unknown)}`);
    }
  }
}

/** The customer's closed conversations, newest first, not this request; none when the channel gave no user id. */
async function earlier(archive: ConversationArchive, record: HandoffRecord): Promise<Answer<typeof ContextAnswer>['earlier']> {
  const user = ReferenceUser.safeParse(record.reference);
  if (!user.success) return [];
  const found = await archive.search({ channel: record.channel, userId: user.data.user.id, limit: EARLIER_MAX + 1 });
  return found
    .filter((e) => e.handoffId !== record.id)
    .slice(0, EARLIER_MAX)
    .map((e) => ({ handoffId: e.handoffId, closedAt: new Date(e.closedAt).toISOString(), brand: e.brand, summary: e.summary, state: e.state, reason: e.reason, agent: e.agent?.name ?? null }));
}
