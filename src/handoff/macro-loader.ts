import path from 'node:path';
import type { z } from 'zod';
import { parseJsonFile } from '../validation/json-file';
import { DataProblemsError, REPORT_INPUT, problemsFromZod, type Problem } from '../validation/problem';
import { MACRO_PLACEHOLDERS, MacroFileSchema, WrapUpFileSchema, type TeamMacros } from './macro-schema';

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * Loads `macros.json` and `wrap-up.json` from the macros folder (MACROS_DIR), both checked: a bad
 * file stops start-up with every problem (`file › path: what to fix`), like dialogs/ and knowledge/.
 */
export function loadMacrosDir(dir: string): TeamMacros {
  const { macros, problems } = checkMacrosDir(dir);
  if (!macros) throw new DataProblemsError(problems);
  return macros;
}

/** The same check, returning the problems instead of throwing (for `giftbot dialogs check`). */
export function checkMacrosDir(dir: string): { macros: TeamMacros; problems: [] } | { macros: null; problems: Problem[] } {
  const problems: Problem[] = [];
  const macroFile = read(dir, 'macros.json', MacroFileSchema, problems);
  const wrapFile = read(dir, 'wrap-up.json', WrapUpFileSchema, problems);
  if (macroFile) problems.push(...macroProblems(macroFile));
  if (wrapFile) problems.push(...duplicates('wrap-up.json', 'reasons', wrapFile.reasons.map((r) => r.id)));
  if (!macroFile || !wrapFile || problems.length > 0) return { macros: null, problems };
  return { macros: { macros: macroFile.macros, reasons: wrapFile.reasons, tags: [...new Set(wrapFile.tags)] }, problems: [] };
}

function read<T extends z.ZodType>(dir: string, file: string, schema: T, problems: Problem[]): z.infer<T> | null {
  const json = parseJsonFile(path.join(dir, file), file);
  if (!json.ok) {
    problems.push(json.problem);
    return null;
  }
  const parsed = schema.safeParse(json.value, REPORT_INPUT);
  if (!parsed.success) {
    problems.push(...problemsFromZod(file, parsed.error));
    return null;
  }
  return parsed.data;
}

function macroProblems(file: z.infer<typeof MacroFileSchema>): Problem[] {
  const known: readonly string[] = MACRO_PLACEHOLDERS;
  const unknown = file.macros.flatMap((macro, i) =>
    [...macro.text.matchAll(PLACEHOLDER)]
      .filter((m) => !known.includes(m[1]!))
      .map((m) => ({ file: 'macros.json', path: `macros[${i}].text`, message: `has an unknown placeholder {${m[1]!}}: use ${MACRO_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` })),
  );
  return [...unknown, ...duplicates('macros.json', 'macros', file.macros.map((m) => m.id))];
}

function duplicates(file: string, list: string, ids: string[]): Problem[] {
  return ids.flatMap((id, i) => (ids.indexOf(id) < i ? [{ file, path: `${list}[${i}].id`, message: `repeats the id "${id}": ids must be unique` }] : []));
}
