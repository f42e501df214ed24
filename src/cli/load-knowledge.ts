import { KnowledgeCatalog } from '../knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../knowledge/knowledge-loader';
import { Matcher } from '../knowledge/matcher';
import { DataProblemsError } from '../validation/problem';
import type { Io } from './io';

/** A knowledge folder as a command uses it: looked up by id, and searched. */
export interface LoadedKnowledge {
  catalog: KnowledgeCatalog;
  matcher: Matcher;
}

/** Loads the knowledge folder for a command; prints every problem and returns null when broken. */
export function loadKnowledge(dir: string, io: Io): LoadedKnowledge | null {
  try {
    const catalog = new KnowledgeCatalog(loadKnowledgeDir(dir));
    return { catalog, matcher: new Matcher(catalog) };
  } catch (err) {
    if (!(err instanceof DataProblemsError)) throw err;
    io.err(`${err.message}\nThe knowledge base in ${dir} has problems; nothing was loaded.\n`);
    return null;
  }
}
