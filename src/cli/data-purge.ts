import { z } from 'zod';
import type { PurgeCounts } from '../storage/backend';
import { UsageError, parseCommandArgs, type Io } from './io';
import { withBackend } from './with-backend';

/**
 * A conversation id as the channels make them — Direct Line base64url, Teams "19:…@thread.tacv2",
 * Slack "slack:T…:C…:ts" — all one printable word. Anything else is a typo or a pasted sentence.
 */
const ConversationIdSchema = z
  .string({ error: '--conversation ID is required: the id of the conversation to delete' })
  .min(1, '--conversation ID is required: the id of the conversation to delete')
  .max(1024, '--conversation is not a conversation id (longer than 1024 characters)')
  .regex(/^[^\s\p{C}]+$/u, '--conversation is not a conversation id (it holds spaces or control characters)');

const ArgsSchema = z.object({ conversation: ConversationIdSchema, yes: z.boolean().default(false) });

const LABELS: Record<keyof PurgeCounts, [one: string, many: string]> = {
  state: ['state entry', 'state entries'],
  transcript: ['transcript activity', 'transcript activities'],
  directLine: ['Direct Line conversation (with its activities)', 'Direct Line conversations (with their activities)'],
  handoff: ['handoff request', 'handoff requests'],
  notes: ['team note', 'team notes'],
  archive: ['archived conversation', 'archived conversations'],
};

const AUDIT_KEPT = 'The audit log was kept: it records who handled a request, not what was said.';

/**
 * `giftbot data purge --conversation ID --yes`: deletes one person's conversation on their request.
 * --yes is always required, terminal or not: the deletion can't be undone, and one rule (no prompt)
 * is easier to script and to document than two.
 */
export async function dataPurge(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { conversation: { type: 'string' }, yes: { type: 'boolean' } }, false);
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]!.message);
  const { conversation, yes } = parsed.data;
  if (!yes) throw new UsageError(`this deletes conversation ${conversation} for good; run it again with --yes`);
  return withBackend(io, async (backend) => {
    const counts = backend ? await backend.purgeConversation(conversation) : emptyCounts();
    io.out(`${describe(conversation, counts)}\n`);
    return 0;
  });
}

function describe(conversation: string, counts: PurgeCounts | null): string {
  if (!counts) return `Deleted whatever was kept about conversation ${conversation} (this storage does not count what it deletes).\n${AUDIT_KEPT}`;
  const found = (Object.keys(LABELS) as Array<keyof PurgeCounts>).filter((kind) => counts[kind] > 0);
  if (found.length === 0) return `Nothing was found for conversation ${conversation}; nothing was deleted.`;
  const parts = found.map((kind) => `${counts[kind]} ${LABELS[kind][counts[kind] === 1 ? 0 : 1]}`);
  return `Deleted conversation ${conversation}: ${parts.join(', ')}.\n${AUDIT_KEPT}`;
}

function emptyCounts(): PurgeCounts {
  return { state: 0, transcript: 0, directLine: 0, handoff: 0, notes: 0, archive: 0 };
}
