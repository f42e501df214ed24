import path from 'node:path';
import { listJsonFiles, parseJsonFile } from '../validation/json-file';
import { DataProblemsError, REPORT_INPUT, describeIssue, formatPath, type Problem } from '../validation/problem';
import { INTENT_NAMES, IntentFileSchema, type IntentName, type LabelledExample, type ScamKind } from './intent-schema';

/** The examples of dialogs/intents/, every intent present, each example said once. */
export interface IntentExamples {
  examples: LabelledExample[];
  /** How many examples each intent has. */
  counts: Record<IntentName, number>;
}

/** Compared loosely: the same words in another case or with other punctuation are the same example. */
const sameWords = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Reads and checks dialogs/intents/*.json: `file › path: what to fix` for each problem, as `dialogs check` prints. */
export function checkIntentsDir(dir: string): { intents: IntentExamples | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const listed = listJsonFiles(dir, 'intents');
  if ('problem' in listed) return { intents: null, problems: [listed.problem] };
  const { files } = listed;
  const examples: LabelledExample[] = [];
  const owner = new Map<string, { intent: IntentName; file: string }>();
  const present = new Set<IntentName>();
  for (const file of files) {
    const name = `intents/${file}`;
    const json = parseJsonFile(path.join(dir, file), name);
    if (!json.ok) {
      problems.push(json.problem);
      continue;
    }
    const parsed = IntentFileSchema.safeParse(json.value, REPORT_INPUT);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ file: name, path: formatPath(issue.path), message: describeIssue(issue) });
      continue;
    }
    const { intent, examples: plain, kinds } = parsed.data;
    if (present.has(intent)) problems.push({ file: name, path: 'intent', message: `"${intent}" has another file already: one file an intent` });
    present.add(intent);
    const add = (text: string, where: string, kind?: ScamKind) => {
      const key = sameWords(text);
      const before = owner.get(key);
      if (before && before.intent !== intent) {
        problems.push({ file: name, path: where, message: `"${text}" is also an example of "${before.intent}" (${before.file}): an example belongs to one intent` });
        return;
      }
      if (before) return; // the same example twice in one intent teaches nothing new
      owner.set(key, { intent, file: name });
      examples.push(kind ? { text, intent, kind } : { text, intent });
    };
    plain.forEach((text, i) => add(text, `examples[${i}]`));
    for (const [kind, stories] of Object.entries(kinds ?? {}) as Array<[ScamKind, string[]]>) stories.forEach((text, i) => add(text, `kinds.${kind}[${i}]`, kind));
  }
  for (const intent of INTENT_NAMES) {
    if (!present.has(intent)) problems.push({ file: `intents/${intent}.json`, path: '', message: `is missing: every intent needs its examples (${INTENT_NAMES.join(', ')})` });
  }
  if (problems.length > 0) return { intents: null, problems };
  const counts = Object.fromEntries(INTENT_NAMES.map((i) => [i, 0])) as Record<IntentName, number>;
  for (const e of examples) counts[e.intent]++;
  return { intents: { examples, counts }, problems };
}

/** As checkIntentsDir, throwing DataProblemsError (start-up stops with every problem listed). */
export function loadIntentsDir(dir: string): IntentExamples {
  const { intents, problems } = checkIntentsDir(dir);
  if (!intents) throw new DataProblemsError(problems);
  return intents;
}
