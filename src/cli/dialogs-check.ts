import { KnowledgeCatalog } from '../knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../knowledge/knowledge-loader';
import { checkDialogsDir } from '../engine/flow-loader';
import { checkIntentsDir } from '../understanding/intent-loader';
import { checkMacrosDir } from '../handoff/macro-loader';
import { DataProblemsError, formatProblem } from '../validation/problem';
import path from 'node:path';
import { KNOWLEDGE_OPTION, knowledgeDir, parseCommandArgs, type Io } from './io';

/** `giftbot dialogs check [--dialogs DIR] [--knowledge DIR] [--macros DIR]`: both stages, then the team's macros; `file › flow › step: what to fix`. */
export async function dialogsCheck(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { ...KNOWLEDGE_OPTION, dialogs: { type: 'string' }, macros: { type: 'string' } }, false);
  const dir = path.resolve(io.cwd, values.dialogs ?? (io.env.DIALOGS_DIR || 'dialogs'));
  let catalog: KnowledgeCatalog;
  try {
    catalog = new KnowledgeCatalog(loadKnowledgeDir(knowledgeDir(io, values.knowledge)));
  } catch (err) {
    if (!(err instanceof DataProblemsError)) throw err;
    io.err(`${err.message}\nFix the knowledge base first: flows refer to it.\n`);
    return 1;
  }
  const { set, problems } = checkDialogsDir(dir, { brandIds: new Set(catalog.brandIds), entryIds: new Set(catalog.entryIds) });
  if (!set) {
    io.err(`${problems.map(formatProblem).join('\n')}\n${problems.length} problem${problems.length > 1 ? 's' : ''} in ${dir}\n`);
    return 1;
  }
  const { intents, problems: intentProblems } = checkIntentsDir(path.join(dir, 'intents'));
  if (!intents) {
    io.err(`${intentProblems.map(formatProblem).join('\n')}\n${intentProblems.length} problem${intentProblems.length > 1 ? 's' : ''} in ${path.join(dir, 'intents')}\n`);
    return 1;
  }
  const steps = [...set.flows.values()].reduce((n, f) => n + f.flow.steps.length, 0);
  const intentCount = Object.keys(intents.counts).length;
  io.out(`${dir}: ${set.flows.size} flows, ${steps} steps, ${intentCount} intents from ${intents.examples.length} examples — all good\n`);
  // Macros are the console's, not the bot's, but the same people edit them beside the flows.
  const macrosDir = path.resolve(io.cwd, values.macros ?? (io.env.MACROS_DIR || 'macros'));
  const { macros, problems: macroProblems } = checkMacrosDir(macrosDir);
  if (!macros) {
    io.err(`${macroProblems.map(formatProblem).join('\n')}\n${macroProblems.length} problem${macroProblems.length > 1 ? 's' : ''} in ${macrosDir}\n`);
    return 1;
  }
  io.out(`${macrosDir}: ${macros.macros.length} macros, ${macros.reasons.length} wrap-up reasons, ${macros.tags.length} suggested tags — all good\n`);
  return 0;
}
