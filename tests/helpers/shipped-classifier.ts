import path from 'node:path';
import { loadDialogsDir } from '../../src/engine/flow-loader';
import { KnowledgeCatalog } from '../../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../../src/knowledge/knowledge-loader';
import { ScamDetector } from '../../src/safety/scam-detector';
import type { IntentClassifier } from '../../src/understanding/intent-classifier';
import { trainedClassifier } from '../../src/understanding/trained-classifier';
import { KNOWLEDGE_DIR, ROOT } from './paths';

const DIALOGS_DIR = path.join(ROOT, 'dialogs');

/** The intent classifier as giftbot builds it: trained on dialogs/intents, with the shipped scam cue phrases. */
export function shippedClassifier(): IntentClassifier {
  const catalog = new KnowledgeCatalog(loadKnowledgeDir(KNOWLEDGE_DIR));
  const flows = loadDialogsDir(DIALOGS_DIR, { brandIds: new Set(catalog.brandIds), entryIds: new Set(catalog.entryIds) });
  const scam = new ScamDetector(flows.global.safety.scamCues);
  return trainedClassifier(path.join(DIALOGS_DIR, 'intents'), { scamRule: (n) => scam.isScamNormalized(n) }).classifier;
}
