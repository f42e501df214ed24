import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Matcher, SearchResult } from '../src/knowledge/matcher';

export const LabelledSetSchema = z.object({
  description: z.string(),
  queries: z.array(
    z.object({
      text: z.string(),
      brand: z.string().optional(),
      expect: z.array(z.string()).min(1).nullable(),
      tag: z.string(),
    }),
  ),
});
export type LabelledQuery = z.infer<typeof LabelledSetSchema>['queries'][number];

export interface Evaluation {
  inDomain: number;
  top1: number;
  /** In-domain queries answered with the right entry without a "did you mean". */
  confidentCorrect: number;
  outOfDomain: number;
  abstained: number;
  /** Answers given with confidence that were wrong: the failure users feel most. */
  confidentWrong: number;
  misses: Array<{ query: LabelledQuery; got: SearchResult }>;
}

export function readLabelledSet(file: string): LabelledQuery[] {
  return LabelledSetSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).queries;
}

/** Top-1 over queries with an answer (a "did you mean" counts if its first choice is right); abstention over the rest. */
export function evaluate(matcher: Matcher, queries: readonly LabelledQuery[]): Evaluation {
  const e: Evaluation = { inDomain: 0, top1: 0, confidentCorrect: 0, outOfDomain: 0, abstained: 0, confidentWrong: 0, misses: [] };
  for (const query of queries) {
    const got = matcher.search(query.text, { brand: query.brand ?? null });
    const first = got.results[0]?.id;
    if (query.expect) {
      e.inDomain++;
      const right = first !== undefined && query.expect.includes(first);
      if (right) e.top1++;
      if (right && got.decision === 'answer') e.confidentCorrect++;
      if (!right && got.decision === 'answer') e.confidentWrong++;
      if (!right) e.misses.push({ query, got });
    } else {
      e.outOfDomain++;
      if (got.results.length === 0) e.abstained++;
      else {
        if (got.decision === 'answer') e.confidentWrong++;
        e.misses.push({ query, got });
      }
    }
  }
  return e;
}

export function summarize(name: string, e: Evaluation): string {
  const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');
  return [
    `${name}: top-1 ${pct(e.top1, e.inDomain)} (${e.top1}/${e.inDomain}), answered without asking ${pct(e.confidentCorrect, e.inDomain)}`,
    `${' '.repeat(name.length)}  abstention ${pct(e.abstained, e.outOfDomain)} (${e.abstained}/${e.outOfDomain}), confident wrong answers ${e.confidentWrong}`,
  ].join('\n');
}

export function describeMiss({ query, got }: Evaluation['misses'][number]): string {
  const shown = (got.results.length ? got.results : got.suggestions).slice(0, 2).map((h) => `${h.id} ${h.score}`).join(', ');
  return `  [${query.tag}] "${query.text}"${query.brand ? ` (brand ${query.brand})` : ''} → ${got.decision}: ${shown || 'nothing'}; expected ${query.expect?.join(' | ') ?? 'abstain'}`;
}
