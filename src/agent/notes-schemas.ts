import { z } from 'zod';
import { HandoffStateSchema } from '../handoff/handoff-queue';

/** The longest internal note: a few sentences for colleagues, like a handover note but roomier. */
export const INTERNAL_NOTE_MAX = 2000;

/** How many of the customer's earlier conversations the context panel lists. */
export const EARLIER_MAX = 10;

export const NoteBody = z
  .strictObject({
    text: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(INTERNAL_NOTE_MAX, `must be at most ${INTERNAL_NOTE_MAX} characters`)
      .meta({ description: 'The note, for agents and supervisors only; codes are hidden like in messages.', example: 'Customer sent a photo of the receipt by email; checking with finance.' }),
  })
  .meta({ id: 'NoteBody' });

export const NoteView = z
  .object({ at: z.iso.datetime(), agent: z.string(), agentId: z.string(), text: z.string() })
  .meta({ id: 'InternalNote', description: 'An internal note on the conversation: never sent to the customer, on any channel.' });

export const NotesAnswer = z.object({ notes: z.array(NoteView) }).meta({ id: 'InternalNotes' });

export const NoteAddedAnswer = z.object({ note: NoteView }).meta({ id: 'InternalNoteAdded' });

const EarlierConversation = z
  .object({
    handoffId: z.string(),
    closedAt: z.iso.datetime(),
    brand: z.string().nullable(),
    summary: z.string(),
    state: HandoffStateSchema,
    reason: z.string().nullable().meta({ description: 'The wrap-up reason the agent chose at End; null when none was given.' }),
    agent: z.string().nullable(),
  })
  .meta({ id: 'EarlierConversation' });

export const ContextAnswer = z
  .object({
    id: z.string(),
    channel: z.string(),
    brand: z.string().nullable(),
    brandName: z.string().nullable(),
    amount: z.number().nullable(),
    currency: z.string().nullable().meta({ description: 'ISO 4217, when the customer stated it (e.g. "€50"); null when unknown — never guessed.' }),
    country: z.string().nullable().meta({ description: 'ISO 3166 alpha-2, when the customer named a marketplace (e.g. amazon.de → DE); null when unknown.' }),
    earlier: z.array(EarlierConversation).max(EARLIER_MAX).meta({ description: 'The same customer’s (channel and user id) closed conversations with people, newest first, this one left out.' }),
  })
  .meta({ id: 'ConversationContext' });
