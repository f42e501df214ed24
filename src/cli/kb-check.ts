import { findContextClashes } from '../knowledge/context-clashes';
import type { KnowledgeData } from '../knowledge/knowledge-data';
import { checkKnowledgeDir } from '../knowledge/knowledge-loader';
import { OTHER_BRANDS_FILE, checkOtherBrands } from '../knowledge/other-brands-loader';
import { formatProblem } from '../validation/problem';
import { KNOWLEDGE_OPTION, knowledgeDir, parseCommandArgs, type Io } from './io';

/**
 * `giftbot kb check [--knowledge DIR] [--contexts]`: every problem as `file › path: what to fix`;
 * exit 1 on any. Context words two brands share are warnings; --contexts lists each brand's.
 */
export async function kbCheck(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { ...KNOWLEDGE_OPTION, contexts: { type: 'boolean' } }, false);
  const dir = knowledgeDir(io, values.knowledge);
  const { data, problems: brandProblems } = checkKnowledgeDir(dir);
  const others = checkOtherBrands(dir, data);
  const problems = [...brandProblems, ...others.problems];
  // A name in both is no error (the brand file wins), but the list should lose it.
  if (others.warnings.length > 0) io.err(others.warnings.map((w) => `warning: ${formatProblem(w)}\n`).join(''));
  if (problems.length > 0) {
    io.err(`${problems.map(formatProblem).join('\n')}\n${problems.length} problem${problems.length > 1 ? 's' : ''} in ${dir}\n`);
    return 1;
  }
  const entries = data.brands.reduce((n, b) => n + b.errors.length + b.faq.length, 0);
  const clashes = findContextClashes(data.brands);
  if (clashes.length > 0) io.err(clashes.map((w) => `warning: ${formatProblem(w)}\n`).join(''));
  io.out(`${dir}: ${data.brands.length} brands, ${entries} entries${data.generic ? ', generic guidance' : ''} — all good\n`);
  io.out(contextSummary(data, clashes.length, values.contexts ?? false));
  if (others.brands.length > 0) io.out(`${others.brands.length} other brands known by name, without an article (${OTHER_BRANDS_FILE})\n`);
  return 0;
}

/** One line of counts, or with --contexts each brand's context words. */
function contextSummary(data: KnowledgeData, clashes: number, list: boolean): string {
  const withContexts = data.brands.filter((b) => b.contexts?.length);
  const words = withContexts.reduce((n, b) => n + b.contexts!.length, 0);
  const shared = clashes > 0 ? `, ${clashes} shared with another brand (warnings above)` : '';
  const head = `context words: ${words} in ${withContexts.length} brands${shared}${list ? '' : ' — list them with --contexts'}\n`;
  if (!list) return head;
  return head + withContexts.map((b) => `  ${b.id}: ${b.contexts!.join(', ')}\n`).join('');
}
