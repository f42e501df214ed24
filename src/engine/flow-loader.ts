import { createHash } from 'node:crypto';
import path from 'node:path';
import type { z } from 'zod';
import { listJsonFiles, parseJsonFile } from '../validation/json-file';
import { DataProblemsError, REPORT_INPUT, describeIssue, formatPath, type Problem } from '../validation/problem';
import { checkFlows, type FlowReferences, type LoadedDialogFile } from './flow-check';
import { DialogFileSchema, GlobalFileSchema, type Flow, type GlobalFile } from './flow-schema';

export const GLOBAL_FILE = 'global.json';

export interface LoadedFlow {
  flow: Flow;
  file: string;
  /** Changes whenever the flow's definition does: a live conversation on an old version restarts. */
  version: string;
}

export interface FlowSet {
  flows: ReadonlyMap<string, LoadedFlow>;
  global: GlobalFile;
}

/** Both validation stages over a dialogs folder; problems read `file › flow › step: what to fix`. */
export function checkDialogsDir(dir: string, refs: FlowReferences): { set: FlowSet | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const listed = listJsonFiles(dir, 'dialogs');
  if ('problem' in listed) return { set: null, problems: [listed.problem] };
  const { files } = listed;
  let global: { file: string; content: GlobalFile } | null = null;
  const dialogs: LoadedDialogFile[] = [];
  for (const file of files) {
    const parsed = parseJsonFile(path.join(dir, file), file);
    if (!parsed.ok) {
      problems.push(parsed.problem);
      continue;
    }
    if (file === GLOBAL_FILE) {
      const result = GlobalFileSchema.safeParse(parsed.value, REPORT_INPUT);
      if (result.success) global = { file, content: result.data };
      else problems.push(...result.error.issues.map((issue) => ({ file, path: formatPath(issue.path), message: describeIssue(issue) })));
    } else {
      const result = DialogFileSchema.safeParse(parsed.value, REPORT_INPUT);
      if (result.success) dialogs.push({ file, content: result.data });
      else problems.push(...flowProblems(file, parsed.value, result.error));
    }
  }
  if (!files.includes(GLOBAL_FILE)) problems.push({ file: dir, path: '', message: `has no ${GLOBAL_FILE}: it holds the greeting, commands and safety wording` });
  if (problems.length > 0 || !global) return { set: null, problems };
  problems.push(...checkFlows(dialogs, global, refs));
  if (problems.length > 0) return { set: null, problems };
  const flows = new Map<string, LoadedFlow>();
  for (const { file, content } of dialogs) {
    for (const flow of content.flows) flows.set(flow.id, { flow, file, version: versionOf(flow) });
  }
  return { set: { flows, global: global.content }, problems };
}

/** Loads and validates, or throws with every problem: bad flow files stop start-up. */
export function loadDialogsDir(dir: string, refs: FlowReferences): FlowSet {
  const { set, problems } = checkDialogsDir(dir, refs);
  if (!set) throw new DataProblemsError(problems);
  return set;
}

function versionOf(flow: Flow): string {
  return createHash('sha256').update(JSON.stringify(flow)).digest('hex').slice(0, 12);
}

/** zod's `flows[0].steps[2].prompt` read as `redeem › ask-brand` with `prompt …` as the message. */
function flowProblems(file: string, raw: unknown, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    const [top, flowIndex, stepsKey, stepIndex, ...rest] = issue.path;
    if (top !== 'flows' || typeof flowIndex !== 'number') return { file, path: formatPath(issue.path), message: describeIssue(issue) };
    const flow = (raw as { flows?: Array<{ id?: unknown; steps?: Array<{ id?: unknown }> }> }).flows?.[flowIndex];
    const flowName = typeof flow?.id === 'string' ? flow.id : `flows[${flowIndex}]`;
    if (stepsKey !== 'steps' || typeof stepIndex !== 'number') {
      const field = formatPath(issue.path.slice(2));
      return { file, path: flowName, message: field ? `${field} ${describeIssue(issue)}` : describeIssue(issue) };
    }
    const step = flow?.steps?.[stepIndex];
    const stepName = typeof step?.id === 'string' ? step.id : `steps[${stepIndex}]`;
    const field = formatPath(rest);
    return { file, path: `${flowName} › ${stepName}`, message: field ? `${field} ${describeIssue(issue)}` : describeIssue(issue) };
  });
}
