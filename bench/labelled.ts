import path from 'node:path';
import { KnowledgeCatalog } from '../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../src/knowledge/knowledge-loader';
import { Matcher } from '../src/knowledge/matcher';
import { describeMiss, evaluate, readLabelledSet, summarize } from './evaluate';

/** `npm run bench:labelled [-- --misses]`: the labelled set's figures, and each miss when asked. */
const root = path.resolve(__dirname, '..', '..');
const matcher = new Matcher(new KnowledgeCatalog(loadKnowledgeDir(path.join(root, 'knowledge'))));
const result = evaluate(matcher, readLabelledSet(path.join(root, 'tests', 'data', 'labelled-queries.json')));
console.log(summarize('labelled set', result));
if (process.argv.includes('--misses')) for (const miss of result.misses) console.log(describeMiss(miss));
