import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const KNOWLEDGE_DIR = path.join(ROOT, 'knowledge');
export const SEED_ARTICLE = path.join(KNOWLEDGE_DIR, 'articles', 'amazon.txt');

/** A scratch folder removed after the test file; optionally a copy of the shipped knowledge. */
export function scratchDir(copyKnowledge = false): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'giftbot-test-'));
  if (copyKnowledge) cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
