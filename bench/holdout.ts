import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArticle } from '../src/knowledge/article-parser';
import { KnowledgeCatalog } from '../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../src/knowledge/knowledge-loader';
import { Matcher } from '../src/knowledge/matcher';
import { describeMiss, evaluate, readLabelledSet, summarize } from './evaluate';

/**
 * `npm run bench:holdout`: imports articles the matcher was never tuned on (bench/holdout/articles,
 * and the second set in bench/holdout-v2) beside the shipped brands and scores the questions written
 * for them, blind to the matcher. `-- --set holdout-v2` scores one set only.
 */
function main(): void {
  const root = path.resolve(__dirname, '..', '..');
  const only = process.argv.indexOf('--set');
  const sets = only > 0 ? [process.argv[only + 1]!] : ['holdout', 'holdout-v2'];
  const shipped = loadKnowledgeDir(path.join(root, 'knowledge'));
  for (const set of sets) scoreSet(path.join(root, 'bench', set), shipped);
}

function scoreSet(holdout: string, shipped: ReturnType<typeof loadKnowledgeDir>): void {
  const articles = readdirSync(path.join(holdout, 'articles')).filter((f) => f.endsWith('.txt')).sort();
  const imported = articles.map((file) =>
    parseArticle(readFileSync(path.join(holdout, 'articles', file), 'utf8'), { file, articlePath: `articles/${file}`, sample: true }),
  );
  const matcher = new Matcher(new KnowledgeCatalog({ ...shipped, brands: [...shipped.brands, ...imported] }));
  const result = evaluate(matcher, readLabelledSet(path.join(holdout, 'queries.json')));
  console.log(`${path.basename(holdout)}: brands ${imported.map((b) => b.name).join(', ')}`);
  console.log(summarize(`${path.basename(holdout)} set`, result));
  if (process.argv.includes('--misses')) for (const miss of result.misses) console.log(describeMiss(miss));
}

main();
