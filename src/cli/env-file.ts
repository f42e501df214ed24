import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The file giftbot reads its settings from, in the folder it is started in. */
export const ENV_FILE = '.env';

/** A `.env` that can't be used: the message says which line, never what is on it (it may be a secret). */
export class EnvFileError extends Error {}

/** A line that sets a variable: `NAME=value`, optionally after `export ` (what Node's parser accepts). */
const ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=(.*)$/;

/**
 * Loads `.env` from `dir` into `env` when there is one, before any setting is read. Variables already
 * in the environment win, even when set to nothing (that is process.loadEnvFile's rule: it never
 * overwrites). Node's parser skips lines it can't read without a word, so a typo would silently
 * drop a setting; every line is checked first, and a bad one stops start-up naming its number.
 * Returns the file's path when it was loaded.
 */
export function loadEnvFile(dir: string, load: (file: string) => void = (file) => process.loadEnvFile(file)): string | undefined {
  const file = path.join(dir, ENV_FILE);
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new EnvFileError(`${file} can't be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const bad = badLines(text);
  if (bad.length > 0) throw new EnvFileError(`${file}: line${bad.length > 1 ? 's' : ''} ${bad.join(', ')} ${bad.length > 1 ? 'are' : 'is'} not NAME=value (or a # comment)`);
  if (typeof process.loadEnvFile !== 'function') throw new EnvFileError(`${file} needs Node 20.12 or later to be read (this is ${process.version})`);
  load(file);
  return file;
}

/** Numbers (from 1) of the lines that are neither blank, a comment, an assignment, nor inside a quoted multi-line value. */
export function badLines(text: string): number[] {
  const bad: number[] = [];
  let openQuote: string | undefined;
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, index) => {
    if (openQuote) {
      if (line.includes(openQuote)) openQuote = undefined;
      return;
    }
    if (/^\s*(#.*)?$/.test(line)) return;
    const value = ASSIGNMENT.exec(line)?.[1];
    if (value === undefined) {
      bad.push(index + 1);
      return;
    }
    // A quoted value with no closing quote on its line goes on until the line that has one.
    const quote = /^\s*(["'`])/.exec(value)?.[1];
    if (quote && !value.trim().slice(1).includes(quote)) openQuote = quote;
  });
  return bad;
}
