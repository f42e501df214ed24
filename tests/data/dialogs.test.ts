import { readFileSync, writeFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jsonSchemas } from '../../src/cli/json-schemas';
import { checkDialogsDir } from '../../src/engine/flow-loader';
import { KnowledgeCatalog } from '../../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../../src/knowledge/knowledge-loader';
import { formatProblem } from '../../src/validation/problem';
import { KNOWLEDGE_DIR, ROOT } from '../helpers/paths';

const DIALOGS_DIR = path.join(ROOT, 'dialogs');
const catalog = new KnowledgeCatalog(loadKnowledgeDir(KNOWLEDGE_DIR));
const refs = { brandIds: new Set(catalog.brandIds), entryIds: new Set(catalog.entryIds) };

/** Problems of a copy of dialogs/ with one file edited. */
function problemsAfter(file: string, edit: (json: any) => void): string[] {
  // any: these tests break the shape on purpose.
  const dir = mkdtempSync(path.join(tmpdir(), 'giftbot-dialogs-'));
  try {
    cpSync(DIALOGS_DIR, dir, { recursive: true });
    const full = path.join(dir, file);
    const json = JSON.parse(readFileSync(full, 'utf8'));
    edit(json);
    writeFileSync(full, JSON.stringify(json, null, 2));
    return checkDialogsDir(dir, refs).problems.map(formatProblem);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const step = (json: any, id: string) => json.flows[0].steps.find((s: { id: string }) => s.id === id);

describe('shipped dialogs', () => {
  test('when every file in dialogs/ is checked, then both stages pass', () => {
    const { set, problems } = checkDialogsDir(DIALOGS_DIR, refs);
    expect(problems.map(formatProblem)).toEqual([]);
    expect([...set!.flows.keys()].sort()).toEqual(['account', 'ask', 'card-named', 'complaint', 'english-only', 'handoff', 'leave-message', 'menu', 'next-step', 'question', 'redeem', 'sell-swap', 'survey', 'troubleshoot', 'urgent-help']);
  });

  test('when each file names its $schema, then it is the generated one', () => {
    const schemas = jsonSchemas();
    for (const file of ['redeem.json', 'global.json']) {
      const named = JSON.parse(readFileSync(path.join(DIALOGS_DIR, file), 'utf8')).$schema as string;
      expect(JSON.parse(readFileSync(path.join(DIALOGS_DIR, named), 'utf8'))).toEqual(schemas[path.basename(named)]);
    }
  });
});

describe('broken dialogs', () => {
  test('when a next step does not exist, then file › flow › step says which', () => {
    expect(problemsAfter('redeem.json', (j) => (step(j, 'region-warning').next = 'walkk'))).toEqual([
      'redeem.json › redeem › region-warning: next "walkk" is not a step of flow "redeem"',
    ]);
  });

  test('when a step can never be reached, then it is named', () => {
    expect(problemsAfter('redeem.json', (j) => (step(j, 'check-region').cases[0].next = 'walk'))).toEqual([
      'redeem.json › redeem › region-warning: can never be reached: link to it from another step, or remove it',
    ]);
  });

  test('when a branch has no else, then stage one asks for it', () => {
    expect(problemsAfter('redeem.json', (j) => delete step(j, 'have-brand').else)).toEqual([
      'redeem.json › redeem › have-brand: else is missing: add a string',
    ]);
  });

  test('when a condition is code in a string, then it is refused', () => {
    const problems = problemsAfter('redeem.json', (j) => (step(j, 'have-brand').cases[0].when = 'slots.brand != null'));
    expect(problems).toEqual(['redeem.json › redeem › have-brand: cases[0].when must be a condition: {slot, set|equals|atLeast}, {fact}, {all}, {any} or {not}']);
  });

  test('when a step has an unknown type, then the known types are listed', () => {
    expect(problemsAfter('menu.json', (j) => (j.flows[0].steps[0].type = 'pick'))).toEqual([
      'menu.json › menu › offer: type must have a "type": say, ask, choose, match, branch, set, walk, link, handoff, record, goto or end',
    ]);
  });

  test('when a flow, brand or knowledge entry referred to does not exist, then each is reported', () => {
    const problems = problemsAfter('troubleshoot.json', (j) => {
      step(j, 'handoff').flow = 'humans';
      step(j, 'lookup').fallback = 'generic/no-such-entry';
    });
    expect(problems).toEqual([
      'troubleshoot.json › troubleshoot › lookup: fallback "generic/no-such-entry" is not a knowledge entry',
      'troubleshoot.json › troubleshoot › handoff: flow "humans" does not exist',
    ]);
    expect(problemsAfter('redeem.json', (j) => step(j, 'ask-brand').suggest.push('nintendo'))).toEqual([
      'redeem.json › redeem › ask-brand: suggest names brand "nintendo", which is not in the knowledge base',
    ]);
  });

  test('when wording uses a placeholder nothing fills, then the typo is caught before a customer sees it', () => {
    const problems = problemsAfter('redeem.json', (j) => (step(j, 'needs').text = 'Your {brnad.name} card'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^redeem\.json › redeem › needs: text uses \{brnad\.name\}, which nothing fills; use one of \{brand\.name\}/);
  });

  test('when the last step would fall off the end, then it must end or go somewhere', () => {
    expect(problemsAfter('handoff.json', (j) => (j.flows[0].steps[j.flows[0].steps.findIndex((s: { id: string }) => s.id === 'offer-message')] = { id: 'offer-message', type: 'say', text: 'bye' }))).toEqual([
      'handoff.json › handoff › offer-message: is the last step but has no "next": add one, or end the flow with an "end" step',
    ]);
  });

  test('when two flows share an id or the global file names a missing flow, then both are reported', () => {
    expect(problemsAfter('menu.json', (j) => (j.flows[1].id = 'question'))).toEqual([
      'question.json › question: flow id "question" is also used in menu.json: flow ids must be unique',
      'menu.json › menu › offer: flow "ask" does not exist',
    ]);
    expect(problemsAfter('global.json', (j) => (j.flows.person = 'people'))).toEqual(['global.json › flows.person: flow "people" does not exist']);
  });
});
