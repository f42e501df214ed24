import path from 'node:path';
import { describeMiss, evaluate, readLabelledSet, summarize } from '../../bench/evaluate';
import { KnowledgeCatalog } from '../../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../../src/knowledge/knowledge-loader';
import { Matcher } from '../../src/knowledge/matcher';
import { KNOWLEDGE_DIR, ROOT } from '../helpers/paths';

/**
 * The labelled set was written blind to the matcher, as people type. These floors are what was
 * measured on 2026-12-06 (211/227 top-1, 50/52 abstention; docs/benchmarks.md "Matching"); they
 * guard against regressions and must only ever go up.
 */
const FLOORS = { top1: 0.929, abstention: 0.96 };

const queries = readLabelledSet(path.join(ROOT, 'tests', 'data', 'labelled-queries.json'));
const result = evaluate(new Matcher(new KnowledgeCatalog(loadKnowledgeDir(KNOWLEDGE_DIR))), queries);

describe('labelled queries', () => {
  test('when the set is counted, then it has 150+ queries over 6+ brands with 30+ that must abstain', () => {
    const brands = new Set(queries.flatMap((q) => (q.expect ?? []).map((id) => id.split('/')[0])).filter((b) => b !== 'generic'));
    expect(queries.length).toBeGreaterThanOrEqual(150);
    expect(brands.size).toBeGreaterThanOrEqual(6);
    expect(queries.filter((q) => q.expect === null).length).toBeGreaterThanOrEqual(30);
  });

  test('when every query is matched, then top-1 and abstention stay at or above their floors', () => {
    // The figures and each miss, for whoever tunes next.
    process.stdout.write(`${summarize('labelled set', result)}\n${result.misses.map(describeMiss).join('\n')}\n`);
    expect(result.top1 / result.inDomain).toBeGreaterThanOrEqual(FLOORS.top1);
    expect(result.abstained / result.outOfDomain).toBeGreaterThanOrEqual(FLOORS.abstention);
  });
});
