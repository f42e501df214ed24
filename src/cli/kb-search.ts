import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { KnowledgeCatalog } from '../knowledge/knowledge-catalog';
import { loadKnowledge } from './load-knowledge';
import type { Matcher, SearchResult } from '../knowledge/matcher';
import { KNOWLEDGE_OPTION, UsageError, knowledgeDir, parseCommandArgs, type Io } from './io';

const BatchLineSchema = z.strictObject({
  text: z.string(),
  brand: z.string().nullable().optional(),
});

/**
 * `giftbot kb search [TEXT] [--brand NAME] [--json] [--knowledge DIR]`. Without TEXT it reads one
 * query a line (plain text or `{"text","brand"?}`) and prints one JSON object a line, in order.
 */
export async function kbSearch(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...KNOWLEDGE_OPTION,
    brand: { type: 'string' },
    json: { type: 'boolean' },
  });
  const loaded = loadKnowledge(knowledgeDir(io, values.knowledge), io);
  if (!loaded) return 1;
  const { catalog, matcher } = loaded;
  let brand: string | null = null;
  if (values.brand !== undefined) {
    brand = matcher.findBrand(values.brand);
    if (!brand) throw new UsageError(`unknown brand "${values.brand}"; known: ${catalog.brandIds.join(', ')}`);
  }
  if (positionals.length === 0) return batch(matcher, brand, io);
  const result = matcher.search(positionals.join(' '), { brand });
  io.out(values.json ? `${JSON.stringify(toJson(result))}\n` : describe(result, catalog));
  return 0;
}

/** The documented JSON shape: brand, results (empty when not confident), plus decision and country. */
export function toJson(result: SearchResult) {
  return { brand: result.brand, country: result.country, decision: result.decision, results: result.results };
}

async function batch(matcher: Matcher, brand: string | null, io: Io): Promise<number> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  let failed = 0;
  for await (const line of lines) {
    lineNumber++;
    const query = parseLine(line, brand, matcher);
    if ('error' in query) {
      failed++;
      io.out(`${JSON.stringify({ line: lineNumber, error: query.error })}\n`);
      continue;
    }
    io.out(`${JSON.stringify(toJson(matcher.search(query.text, { brand: query.brand })))}\n`);
  }
  if (failed > 0) io.err(`${failed} of ${lineNumber} lines could not be read as a query\n`);
  return failed > 0 ? 1 : 0;
}

function parseLine(line: string, brand: string | null, matcher: Matcher): { text: string; brand: string | null } | { error: string } {
  if (!line.trimStart().startsWith('{')) return { text: line, brand };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'starts with "{" but is not valid JSON' };
  }
  const parsed = BatchLineSchema.safeParse(value);
  if (!parsed.success) return { error: `expected {"text": string, "brand"?: string}: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  // A brand the knowledge base doesn't know (yet) is no brand, not an error: real logs hold many.
  const named = parsed.data.brand ? matcher.findBrand(parsed.data.brand) : null;
  return { text: parsed.data.text, brand: named ?? brand };
}

function describe(result: SearchResult, catalog: KnowledgeCatalog): string {
  const lines: string[] = [];
  const brandName = result.brand ? catalog.brand(result.brand)?.name : null;
  lines.push(`brand: ${brandName ? `${brandName} (${result.brand})` : 'none'}${result.country ? ` · country hint: ${result.country}` : ''}`);
  lines.push(`decision: ${result.decision}`);
  const shown = result.results.length > 0 ? result.results : result.suggestions;
  if (result.results.length === 0) lines.push(shown.length ? 'nothing confident; closest:' : 'nothing close');
  for (const hit of shown) lines.push(`  ${hit.score.toFixed(3)}  ${hit.kind.padEnd(5)}  ${hit.id}  “${hit.title}”`);
  return `${lines.join('\n')}\n`;
}
