import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArticle } from '../src/knowledge/article-parser';
import { KnowledgeCatalog } from '../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../src/knowledge/knowledge-loader';
import { Matcher } from '../src/knowledge/matcher';
import { describeMiss, evaluate, readLabelledSet, summarize } from './evaluate';

/**
 * `npm run bench:holdout`: imports articles the matcher was never tuned on (bench/holdout/articles)
 * beside the shipped brands and scores the questions written for them, blind to the matcher.
 */
function main(): void {
  const root = path.resolve(__dirname, '..', '..');
  const holdout = path.join(root, 'bench', 'holdout');
  const shipped = loadKnowledgeDir(path.join(root, 'knowledge'));
  const articles = readdirSync(path.join(holdout, 'articles')).filter((f) => f.endsWith('.txt')).sort();
  const imported = articles.map((file) =>
    parseArticle(readFileSync(path.join(holdout, 'articles', file), 'utf8'), { file, articlePath: `articles/${file}`, sample: true }),
  );
  const matcher = new Matcher(new KnowledgeCatalog({ ...shipped, brands: [...shipped.brands, ...imported] }));
  const result = evaluate(matcher, readLabelledSet(path.join(holdout, 'queries.json')));
  console.log(`held-out brands: ${imported.map((b) => b.name).join(', ')}`);
  console.log(summarize('held-out set', result));
  if (process.argv.includes('--misses')) for (const miss of result.misses) console.log(describeMiss(miss));
}

main();
