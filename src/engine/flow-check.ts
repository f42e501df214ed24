import { PLACEHOLDERS, placeholdersIn } from '../text/templates';
import type { Problem } from '../validation/problem';
import type { DialogFile, Flow, GlobalFile, Step } from './flow-schema';

/** What the flows may refer to outside themselves. */
export interface FlowReferences {
  brandIds: ReadonlySet<string>;
  entryIds: ReadonlySet<string>;
}

export interface LoadedDialogFile {
  file: string;
  content: DialogFile;
}

/**
 * Stage two: every next step exists, every flow and knowledge entry referred to exists, no step is
 * unreachable, every placeholder is one the engine fills, and no flow falls off its last step.
 * Problems read `file › flow › step: what to fix`.
 */
export function checkFlows(files: readonly LoadedDialogFile[], global: { file: string; content: GlobalFile } | null, refs: FlowReferences): Problem[] {
  const problems: Problem[] = [];
  const flowFile = new Map<string, string>();
  for (const { file, content } of files) {
    for (const flow of content.flows) {
      const other = flowFile.get(flow.id);
      if (other) problems.push({ file, path: flow.id, message: `flow id "${flow.id}" is also used in ${other}: flow ids must be unique` });
      else flowFile.set(flow.id, file);
    }
  }
  for (const { file, content } of files) {
    for (const flow of content.flows) problems.push(...checkFlow(file, flow, new Set(flowFile.keys()), refs));
  }
  if (global) problems.push(...checkGlobal(global.file, global.content, new Set(flowFile.keys())));
  return problems;
}

function checkFlow(file: string, flow: Flow, flowIds: ReadonlySet<string>, refs: FlowReferences): Problem[] {
  const problems: Problem[] = [];
  const at = (step: string, message: string) => problems.push({ file, path: `${flow.id} › ${step}`, message });
  const stepIds = new Set<string>();
  for (const step of flow.steps) {
    if (stepIds.has(step.id)) at(step.id, `step id "${step.id}" is used twice in this flow: rename one`);
    stepIds.add(step.id);
  }
  flow.steps.forEach((step, index) => {
    for (const [field, target] of targetsOf(step, flow.steps[index + 1]?.id)) {
      if (target === undefined) at(step.id, `is the last step but has no "${field}": add one, or end the flow with an "end" step`);
      else if (!stepIds.has(target)) at(step.id, `${field} "${target}" is not a step of flow "${flow.id}"`);
    }
    for (const target of flowsOf(step)) if (!flowIds.has(target)) at(step.id, `flow "${target}" does not exist`);
    for (const [field, text] of textsOf(step)) {
      for (const name of placeholdersIn(text)) {
        if (!PLACEHOLDERS.has(name)) at(step.id, `${field} uses {${name}}, which nothing fills; use one of ${[...PLACEHOLDERS].map((p) => `{${p}}`).join(', ')}`);
      }
    }
    problems.push(...knowledgeProblems(step, refs).map((message) => ({ file, path: `${flow.id} › ${step.id}`, message })));
  });
  for (const step of unreachable(flow)) at(step, 'can never be reached: link to it from another step, or remove it');
  return problems;
}

/** Where a step can go next; `fallthrough` is the following step, used when `next` is left out. */
function targetsOf(step: Step, fallthrough: string | undefined): Array<[string, string | undefined]> {
  switch (step.type) {
    case 'say':
    case 'ask':
    case 'set':
    case 'link':
    case 'record':
      return [['next', step.next ?? fallthrough]];
    case 'walk':
      return [['next', step.next ?? fallthrough], ['onError', step.onError], ['onStop', step.onStop]];
    case 'choose':
      return [
        ...step.options.flatMap((o, i): Array<[string, string | undefined]> => (o.next ? [[`options[${i}].next`, o.next]] : [])),
        ...(step.candidates ? [['candidates.next', step.candidates.next] as [string, string]] : []),
      ];
    case 'match':
      return [['onAnswer', step.onAnswer], ['onClarify', step.onClarify], ['onNone', step.onNone]];
    case 'branch':
      return [...step.cases.map((c, i): [string, string] => [`cases[${i}].next`, c.next]), ['else', step.else]];
    case 'handoff':
      return [['closed', step.closed], ['full', step.full], ['tooOften', step.tooOften]];
    case 'goto':
    case 'end':
      return [];
    default: {
      const unknown: never = step;
      return unknown;
    }
  }
}

function flowsOf(step: Step): string[] {
  if (step.type === 'goto') return [step.flow];
  if (step.type === 'choose') return step.options.flatMap((o) => (o.flow ? [o.flow] : []));
  return [];
}

function textsOf(step: Step): Array<[string, string]> {
  switch (step.type) {
    case 'say':
      return [['text', step.text]];
    case 'ask':
      return [['prompt', step.prompt], ['retry', step.retry], ...(step.tooMuch ? [['tooMuch', step.tooMuch] as [string, string]] : []), ...(step.skip ?? []).map((t, i): [string, string] => [`skip[${i}]`, t])];
    case 'choose':
      return [['prompt', step.prompt], ['retry', step.retry], ...step.options.map((o, i): [string, string] => [`options[${i}].label`, o.label])];
    case 'walk':
      return [['prompt', step.prompt], ['retry', step.retry]];
    case 'link':
      return [['text', step.text], ['unlisted', step.unlisted], ['button', step.button]];
    case 'handoff':
      return [['text', step.text], ['external', step.external]];
    case 'end':
      return step.text ? [['text', step.text]] : [];
    case 'match':
    case 'branch':
    case 'set':
    case 'record':
    case 'goto':
      return [];
    default: {
      const unknown: never = step;
      return unknown;
    }
  }
}

function knowledgeProblems(step: Step, refs: FlowReferences): string[] {
  const out: string[] = [];
  if (step.type === 'ask') {
    for (const brand of step.suggest ?? []) if (!refs.brandIds.has(brand)) out.push(`suggest names brand "${brand}", which is not in the knowledge base`);
  }
  if (step.type === 'match' && step.fallback && !refs.entryIds.has(step.fallback)) {
    out.push(`fallback "${step.fallback}" is not a knowledge entry`);
  }
  return out;
}

function unreachable(flow: Flow): string[] {
  const reached = new Set<string>();
  const queue = [flow.steps[0]!.id];
  const byId = new Map(flow.steps.map((s, i) => [s.id, i]));
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    const index = byId.get(id);
    if (index === undefined) continue;
    for (const [, target] of targetsOf(flow.steps[index]!, flow.steps[index + 1]?.id)) if (target) queue.push(target);
  }
  return flow.steps.filter((s) => !reached.has(s.id)).map((s) => s.id);
}

function checkGlobal(file: string, global: GlobalFile, flowIds: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  for (const [role, id] of Object.entries(global.flows)) {
    if (!flowIds.has(id)) problems.push({ file, path: `flows.${role}`, message: `flow "${id}" does not exist` });
  }
  for (const [name, command] of Object.entries(global.commands)) {
    if (command.flow && !flowIds.has(command.flow)) problems.push({ file, path: `commands.${name}.flow`, message: `flow "${command.flow}" does not exist` });
  }
  for (const [role, id] of Object.entries(global.handoff.flows)) {
    if (!flowIds.has(id)) problems.push({ file, path: `handoff.flows.${role}`, message: `flow "${id}" does not exist` });
  }
  const { cancelSays: _says, flows: _flows, ...wording } = global.handoff;
  for (const [key, text] of Object.entries(wording)) {
    for (const name of placeholdersIn(text)) {
      if (!PLACEHOLDERS.has(name)) problems.push({ file, path: `handoff.${key}`, message: `uses {${name}}, which nothing fills` });
    }
  }
  return problems;
}
