import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { IntentReading } from '../src/understanding/intent-classifier';
import { IntentNameSchema, ScamKindSchema, type IntentName } from '../src/understanding/intent-schema';

/** One message of a labelled understanding set (tests/data/understanding/heldout.json). */
export const LabelledUtteranceSchema = z.strictObject({
  text: z.string().min(1),
  intent: IntentNameSchema,
  scamKind: ScamKindSchema.optional(),
  /** A legitimate message that looks like a scam story (a gift from a boss, a scam read about). */
  lookalike: z.literal(true).optional(),
  entities: z
    .strictObject({
      brand: z.string().optional(),
      amount: z.number().optional(),
      currency: z.string().optional(),
      country: z.string().optional(),
      yesno: z.enum(['yes', 'no']).optional(),
      ordinal: z.number().optional(),
      email: z.string().optional(),
      phone: z.string().optional(),
    })
    .optional(),
});
export type LabelledUtterance = z.infer<typeof LabelledUtteranceSchema>;

export function readUnderstandingSet(file: string): LabelledUtterance[] {
  return z.array(LabelledUtteranceSchema).parse(JSON.parse(readFileSync(file, 'utf8')));
}

export interface UnderstandingFigures {
  total: number;
  correct: number;
  accuracy: number;
  personRecall: { found: number; of: number };
  scamRecall: { found: number; of: number };
  /** Look-alikes read as scams. */
  falseAlarms: { raised: number; of: number };
  perIntent: Record<string, { correct: number; of: number }>;
  misses: Array<{ text: string; expected: IntentName; got: IntentName; confidence: number }>;
}

/** Scores a reader on a labelled set: intent accuracy, person-request recall, scam recall and false alarms. */
export function scoreIntents(read: (text: string) => Pick<IntentReading, 'intent' | 'confidence'>, set: readonly LabelledUtterance[]): UnderstandingFigures {
  const figures: UnderstandingFigures = {
    total: set.length, correct: 0, accuracy: 0,
    personRecall: { found: 0, of: 0 }, scamRecall: { found: 0, of: 0 }, falseAlarms: { raised: 0, of: 0 },
    perIntent: {}, misses: [],
  };
  for (const item of set) {
    const got = read(item.text);
    const row = (figures.perIntent[item.intent] ??= { correct: 0, of: 0 });
    row.of++;
    if (got.intent === item.intent) {
      figures.correct++;
      row.correct++;
    } else figures.misses.push({ text: item.text, expected: item.intent, got: got.intent, confidence: got.confidence });
    if (item.intent === 'person') {
      figures.personRecall.of++;
      if (got.intent === 'person') figures.personRecall.found++;
    }
    if (item.intent === 'scam') {
      figures.scamRecall.of++;
      if (got.intent === 'scam') figures.scamRecall.found++;
    }
    if (item.lookalike) {
      figures.falseAlarms.of++;
      if (got.intent === 'scam') figures.falseAlarms.raised++;
    }
  }
  figures.accuracy = figures.correct / Math.max(1, figures.total);
  return figures;
}

const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)} % (${n}/${of})`;

export function describeFigures(name: string, f: UnderstandingFigures): string {
  return [
    `${name}: intent accuracy ${pct(f.correct, f.total)}`,
    `  person-request recall ${pct(f.personRecall.found, f.personRecall.of)}, scam recall ${pct(f.scamRecall.found, f.scamRecall.of)}, false alarms on look-alikes ${pct(f.falseAlarms.raised, f.falseAlarms.of)}`,
  ].join('\n');
}
