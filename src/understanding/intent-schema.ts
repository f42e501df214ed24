import { z } from 'zod';

/** Every intent giftbot reads; each has its file of examples in dialogs/intents/. */
export const INTENT_NAMES = [
  'redeem', 'error', 'question', 'sell', 'swap',
  'person',
  'cancel', 'back', 'skip', 'resume', 'restart', 'help',
  'thanks', 'greeting', 'bot',
  'account', 'complaint', 'scam', 'other',
] as const;
export const IntentNameSchema = z.enum(INTENT_NAMES);
export type IntentName = z.infer<typeof IntentNameSchema>;

/** The kinds of scam story the examples are grouped by; "already-paid" gets the urgent answer. */
export const SCAM_KINDS = [
  'government', 'utility', 'tech-support', 'boss', 'relative', 'romance', 'prize', 'buyer', 'job', 'read-numbers', 'already-paid',
] as const;
export const ScamKindSchema = z.enum(SCAM_KINDS);
export type ScamKind = z.infer<typeof ScamKindSchema>;

/** The fewest examples an intent trains on; the fewest scam stories, and the kinds they must cover. */
export const MIN_EXAMPLES = 25;
export const MIN_SCAM_STORIES = 120;
export const MIN_SCAM_KINDS = 10;

const Example = z.string().trim().min(1, 'is empty: write what a customer would type').max(600, 'is over 600 characters: examples are single messages');

/** One file of dialogs/intents/: an intent, what it means, and messages customers send for it. */
export const IntentFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    intent: IntentNameSchema,
    description: z.string().min(1),
    examples: z.array(Example),
    /** Scam stories, by kind (only in scam.json). */
    kinds: z.partialRecord(ScamKindSchema, z.array(Example)).optional(),
  })
  .superRefine((file, ctx) => {
    if (file.intent !== 'scam') {
      if (file.kinds) ctx.addIssue({ code: 'custom', path: ['kinds'], message: 'only scam.json groups its examples by kind: move these into "examples"' });
      if (file.examples.length < MIN_EXAMPLES) ctx.addIssue({ code: 'custom', path: ['examples'], message: `has ${file.examples.length} examples: an intent needs at least ${MIN_EXAMPLES}, written the way customers type` });
      return;
    }
    const kinds = Object.entries(file.kinds ?? {}).filter(([, stories]) => (stories?.length ?? 0) > 0);
    const stories = kinds.reduce((n, [, list]) => n + (list?.length ?? 0), 0) + file.examples.length;
    if (stories < MIN_SCAM_STORIES) ctx.addIssue({ code: 'custom', path: ['kinds'], message: `has ${stories} scam stories: at least ${MIN_SCAM_STORIES} are needed` });
    if (kinds.length < MIN_SCAM_KINDS) ctx.addIssue({ code: 'custom', path: ['kinds'], message: `covers ${kinds.length} kinds of scam: at least ${MIN_SCAM_KINDS} are needed` });
  });
export type IntentFile = z.infer<typeof IntentFileSchema>;

/** One training example, labelled. */
export interface LabelledExample {
  text: string;
  intent: IntentName;
  kind?: ScamKind;
}
