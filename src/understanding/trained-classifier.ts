import { createHash } from 'node:crypto';
import { IntentClassifier, type IntentClassifierOptions } from './intent-classifier';
import { loadIntentsDir } from './intent-loader';

const trained = new Map<string, IntentClassifier>();

/**
 * The classifier for dialogs/intents, trained at start-up (a few hundred ms). Kept per process by
 * the examples' content: every bot built from the same files (tests start many servers) shares one
 * model, and an edited file trains a new one.
 */
export function trainedClassifier(dir: string, options: IntentClassifierOptions = {}): { classifier: IntentClassifier; trainedMs: number; examples: number } {
  const { examples } = loadIntentsDir(dir);
  const key = createHash('sha256').update(JSON.stringify(examples)).update(String(Boolean(options.scamRule))).digest('hex');
  const known = trained.get(key);
  if (known) return { classifier: known, trainedMs: 0, examples: examples.length };
  const started = performance.now();
  const classifier = new IntentClassifier(examples, options);
  trained.set(key, classifier);
  return { classifier, trainedMs: Math.round(performance.now() - started), examples: examples.length };
}
