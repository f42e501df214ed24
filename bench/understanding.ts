import path from 'node:path';
import { containerBootstrap } from '@nlpjs/core';
import { Nlp } from '@nlpjs/nlp';
import { LangEn } from '@nlpjs/lang-en';
import { GlobalFileSchema } from '../src/engine/flow-schema';
import { ScamDetector } from '../src/safety/scam-detector';
import { IntentClassifier } from '../src/understanding/intent-classifier';
import { loadIntentsDir } from '../src/understanding/intent-loader';
import { IntentNameSchema, type IntentName, type LabelledExample } from '../src/understanding/intent-schema';
import { parseJsonFile } from '../src/validation/json-file';
import { describeEntities, scoreEntities } from './entity-eval';
import { describeFigures, readUnderstandingSet, scoreIntents, type UnderstandingFigures } from './understanding-eval';

/**
 * `npm run bench:understanding`: the intent classifier on the training examples (5-fold cross
 * validation) and on the held-out set written blind (tests/data/understanding/heldout.json), beside
 * NLP.js trained on the same examples; the time to train and the cost of reading one message.
 * `-- --misses` lists the held-out misses.
 */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const { examples } = loadIntentsDir(path.join(root, 'dialogs', 'intents'));
  const globalJson = parseJsonFile(path.join(root, 'dialogs', 'global.json'), 'global.json');
  if (!globalJson.ok) throw new Error(globalJson.problem.message);
  const scam = new ScamDetector(GlobalFileSchema.parse(globalJson.value).safety.scamCues);
  const options = { scamRule: (normalized: string) => scam.isScamNormalized(normalized) };
  const heldOut = readUnderstandingSet(path.join(root, 'tests', 'data', 'understanding', 'heldout.json'));

  const started = performance.now();
  const classifier = new IntentClassifier(examples, options);
  const trainMs = performance.now() - started;
  console.log(`${examples.length} training examples, ${new Set(examples.map((e) => e.intent)).size} intents; ${heldOut.length} held-out messages (written blind)`);
  console.log(`training at start-up: ${trainMs.toFixed(0)} ms\n`);

  console.log(describeFigures('giftbot classifier, training examples (5-fold cross-validation)', crossValidate(examples, options)));
  // Six sets written blind the same way, each after the one before had been measured: the last is the one never seen.
  const sets = [
    { name: 'first', set: heldOut },
    { name: 'second', set: readUnderstandingSet(path.join(root, 'tests', 'data', 'understanding', 'heldout-v2.json')) },
    { name: 'third', set: readUnderstandingSet(path.join(root, 'tests', 'data', 'understanding', 'heldout-v3.json')) },
    { name: 'fourth', set: readUnderstandingSet(path.join(root, 'tests', 'data', 'understanding', 'heldout-v4.json')) },
    { name: 'fifth', set: readUnderstandingSet(path.join(root, 'tests', 'data', 'understanding', 'heldout-v5.json')) },
    { name: 'sixth', set: readUnderstandingSet(path.join(root, 'tests', 'data', 'understanding', 'heldout-v6.json')) },
  ];
  const ours = sets.map(({ name, set }) => ({ name, set, figures: scoreIntents((text) => classifier.classify(text), set) }));
  for (const { name, set, figures } of ours) console.log(describeFigures(`giftbot classifier, ${name} held-out set (${set.length} messages)`, figures));
  // NLP.js is trained once and reads every set's messages.
  const nlp = await nlpJs(examples, sets.flatMap(({ set }) => set.map((h) => h.text)));
  for (const { name, set } of sets) console.log(describeFigures(`NLP.js (@nlpjs/nlp, same examples), ${name} held-out set`, scoreIntents((text) => nlp.answers.get(text) ?? { intent: 'other', confidence: 0 }, set)));
  console.log(`  NLP.js trained in ${nlp.trainMs.toFixed(0)} ms\n`);

  const texts = [...sets.flatMap(({ set }) => set.map((h) => h.text)), ...examples.map((e) => e.text)];
  const costs: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const text of texts) {
      const t = performance.now();
      classifier.classify(text);
      costs.push(performance.now() - t);
    }
  }
  costs.sort((a, b) => a - b);
  const at = (q: number) => costs[Math.min(costs.length - 1, Math.floor(q * costs.length))]!;
  console.log(`per message (${costs.length} reads): p50 ${(at(0.5) * 1000).toFixed(0)} µs, p99 ${(at(0.99) * 1000).toFixed(0)} µs, max ${(at(1) * 1000).toFixed(0)} µs (target p99 ≤ 1 ms)`);
  for (const { name, figures } of ours) console.log(`${name} set by intent: ${perIntent(figures)}`);
  // The later sets were written with intents only.
  for (const { name, set } of sets.slice(0, 2)) console.log(describeEntities(`${name} set`, scoreEntities(set)));
  if (process.argv.includes('--misses')) for (const m of ours.at(-1)!.figures.misses) console.log(`  ${m.expected} → ${m.got} (${m.confidence.toFixed(2)}): ${m.text}`);
}

function crossValidate(examples: readonly LabelledExample[], options: ConstructorParameters<typeof IntentClassifier>[1]): UnderstandingFigures {
  const folds = 5;
  // A fixed shuffle: the same split every run.
  let seed = 11;
  const order = examples.map((e) => ({ e, r: (seed = (seed * 16807) % 2147483647) })).sort((a, b) => a.r - b.r).map((x) => x.e);
  const figures: UnderstandingFigures[] = [];
  for (let f = 0; f < folds; f++) {
    const model = new IntentClassifier(order.filter((_, i) => i % folds !== f), options);
    figures.push(scoreIntents((text) => model.classify(text), order.filter((_, i) => i % folds === f).map((e) => ({ text: e.text, intent: e.intent }))));
  }
  const sum = (pick: (f: UnderstandingFigures) => number) => figures.reduce((n, f) => n + pick(f), 0);
  return {
    total: sum((f) => f.total), correct: sum((f) => f.correct), accuracy: sum((f) => f.correct) / sum((f) => f.total),
    personRecall: { found: sum((f) => f.personRecall.found), of: sum((f) => f.personRecall.of) },
    scamRecall: { found: sum((f) => f.scamRecall.found), of: sum((f) => f.scamRecall.of) },
    falseAlarms: { raised: 0, of: 0 }, perIntent: {}, misses: [],
  };
}

/** NLP.js as its authors set it up (its container, English, its neural classifier), trained on the same examples; its top guess for each text. */
async function nlpJs(examples: readonly LabelledExample[], texts: readonly string[]): Promise<{ answers: Map<string, { intent: IntentName; confidence: number }>; trainMs: number }> {
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangEn);
  const nlp = container.get('nlp');
  nlp.settings.autoSave = false;
  nlp.settings.log = false;
  nlp.addLanguage('en');
  for (const e of examples) nlp.addDocument('en', e.text, e.intent);
  const started = performance.now();
  await nlp.train();
  const trainMs = performance.now() - started;
  const answers = new Map<string, { intent: IntentName; confidence: number }>();
  for (const text of texts) {
    const top = (await nlp.process('en', text)).classifications?.[0];
    const intent = IntentNameSchema.safeParse(top?.intent);
    answers.set(text, { intent: intent.success ? intent.data : 'other', confidence: top?.score ?? 0 });
  }
  return { answers, trainMs };
}

function perIntent(f: UnderstandingFigures): string {
  return Object.entries(f.perIntent)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([intent, { correct, of }]) => `${intent} ${correct}/${of}`)
    .join(', ');
}

void main();
