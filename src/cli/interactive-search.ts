import { createInterface } from 'node:readline';
import type { KnowledgeCatalog } from '../knowledge/knowledge-catalog';
import type { Matcher } from '../knowledge/matcher';
import { loadKnowledge } from './load-knowledge';
import { knowledgeDir, type Io } from './io';

/** Until the bot lands, `npm start` is this: type a question, read the answer. */
export async function interactiveSearch(_args: string[], io: Io): Promise<number> {
  const loaded = loadKnowledge(knowledgeDir(io, undefined), io);
  if (!loaded) return 1;
  const { catalog, matcher } = loaded;
  io.out(`giftbot knowledge search — ${catalog.brandIds.length} brands. Ask about a gift card; Ctrl+D to quit.\n`);
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let brand: string | null = null;
  io.out('you › ');
  for await (const line of rl) {
    if (line.trim()) {
      const result = matcher.search(line, { brand });
      brand = result.brand ?? brand;
      io.out(`${answer(catalog, result)}\n`);
    }
    io.out('you › ');
  }
  io.out('\n');
  return 0;
}

function answer(catalog: KnowledgeCatalog, result: ReturnType<Matcher['search']>): string {
  const top = result.results[0];
  switch (result.decision) {
    case 'answer': {
      const entry = catalog.entry(top!.id)!;
      return `bot › ${entry.title}\n      ${entry.body}`;
    }
    case 'clarify':
      return `bot › Did you mean:\n${result.results.slice(0, 3).map((h, i) => `      ${i + 1}. ${h.title}`).join('\n')}`;
    case 'abstain':
      return result.suggestions.length
        ? `bot › I'm not sure I understood. Closest I have:\n${result.suggestions.map((h, i) => `      ${i + 1}. ${h.title}`).join('\n')}`
        : "bot › I don't have an answer for that. Try naming the brand and the message you see.";
    default: {
      const unreachable: never = result.decision;
      return unreachable;
    }
  }
}
