import { readFileSync, readdirSync } from 'node:fs';
import type { Problem } from './problem';

export type JsonFileResult = { ok: true; value: unknown } | { ok: false; problem: Problem };

/** Reads and parses a JSON file; syntax errors name the line and column to fix. */
export function parseJsonFile(fullPath: string, displayName: string): JsonFileResult {
  let text: string;
  try {
    text = readFileSync(fullPath, 'utf8');
  } catch (err) {
    return { ok: false, problem: { file: displayName, path: '', message: `can't be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` } };
  }
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (err) {
    return { ok: false, problem: { file: displayName, path: '', message: describeSyntaxError(text, err) } };
  }
}

function describeSyntaxError(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const position = /position (\d+)/.exec(message);
  if (!position) return `is not valid JSON: ${message}`;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `is not valid JSON at line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, '')}`;
}

/** The JSON files of a data folder, sorted; a folder that can't be read is one problem naming it (`what`: "dialogs"). */
export function listJsonFiles(dir: string, what: string): { files: string[] } | { problem: Problem } {
  try {
    return { files: readdirSync(dir).filter((f) => f.endsWith('.json')).sort() };
  } catch (err) {
    return { problem: { file: dir, path: '', message: `can't read the ${what} folder (${(err as NodeJS.ErrnoException).code ?? 'error'})` } };
  }
}
