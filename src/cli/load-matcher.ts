import { loadKnowledgeDir } from '../knowledge/knowledge-loader';
import { Matcher } from '../knowledge/matcher';
import { DataProblemsError } from '../validation/problem';
import type { Io } from './io';

/** Loads the knowledge folder for a command; prints every problem and returns null when broken. */
export function loadMatcher(dir: string, io: Io): Matcher | null {
  try {
    return new Matcher(loadKnowledgeDir(dir));
  } catch (err) {
    if (!(err instanceof DataProblemsError)) throw err;
    io.err(`${err.message}\nThe knowledge base in ${dir} has problems; nothing was loaded.\n`);
    return null;
  }
}
