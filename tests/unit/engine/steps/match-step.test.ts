import path from 'node:path';
import { engineSettingsFrom } from '../../../../src/app/engine-settings';
import { loadConfig } from '../../../../src/config/config';
import { MemoryLog } from '../../../../src/core/record-log';
import { loadDialogsDir } from '../../../../src/engine/flow-loader';
import type { FlowState } from '../../../../src/engine/flow-types';
import type { Slots } from '../../../../src/engine/slots';
import { executeMatch } from '../../../../src/engine/steps/match-step';
import { stepContext, type StepOf } from '../../../../src/engine/steps/step-context';
import { KnowledgeCatalog } from '../../../../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../../../../src/knowledge/knowledge-loader';
import { Matcher } from '../../../../src/knowledge/matcher';
import type { Tuning } from '../../../../src/knowledge/entry-scorer';
import { Utterance } from '../../../../src/understanding/utterance';
import { serviceRig } from '../../../helpers/handoff';
import { ROOT } from '../../../helpers/paths';

const catalog = new KnowledgeCatalog(loadKnowledgeDir(path.join(ROOT, 'knowledge')));
const matcher = new Matcher(catalog);
const flows = loadDialogsDir(path.join(ROOT, 'dialogs'), { brandIds: new Set(catalog.brandIds), entryIds: new Set(catalog.entryIds) });
const step: StepOf<'match'> = { id: 'look', type: 'match', input: 'question', skipTried: true, onAnswer: 'answer', onClarify: 'clarify', onNone: 'none' };
const loaded = { file: 'test.json', version: 'v1', flow: { id: 'test', title: 'Test', steps: [step] } };

async function match(slots: Slots, tuning: Partial<Tuning> = {}) {
  const state: FlowState = { flow: 'test', version: 'v1', step: 'look', slots, waiting: false, retries: 0, walk: 0, history: [], offered: false };
  const services = { flows, catalog, matcher: new Matcher(catalog, tuning), settings: engineSettingsFrom(loadConfig({})), handoff: serviceRig().service, notes: new MemoryLog() };
  const turn = { utterance: new Utterance('', services.matcher), channel: 'test', conversationId: 'c1', isGroup: false, reference: {} };
  const move = await executeMatch(step, stepContext({ services, loaded, step, state, turn, answer: null, replies: [], effects: {} }));
  return { move, slots: state.slots };
}

describe('match step', () => {
  test('when the two best answers are a near tie, then it goes to onClarify with up to three candidates', async () => {
    const { move, slots } = await match({ question: 'steam card code not going through' });
    expect(move).toEqual({ to: 'clarify' });
    expect(slots.candidates).toEqual(matcher.search('steam card code not going through').results.slice(0, 3).map((h) => h.id));
  });

  test('when one of a tied pair was already tried, then the other is answered rather than asked about', async () => {
    const { move, slots } = await match({ question: 'steam card code not going through', tried: ['steam/invalid-code'] });
    expect(move).toEqual({ to: 'answer' });
    expect(slots.match).toBe('steam/why-wont-my-steam-code-work');
    expect(slots.tried).toEqual(['steam/invalid-code', 'steam/why-wont-my-steam-code-work']);
  });

  test('when entries were passed over, then what is left is judged by the matcher’s own tie margin, not one of the step’s', async () => {
    const slots = { question: 'visa gift card other stores', tried: ['visa-prepaid/can-a-visa-prepaid-gift-card-be-used-anywhere'] };
    // Left over: 0.643 and 0.521 — no tie at the shipped margin (0.05), a tie at a margin of 0.15.
    const shipped = await match({ ...slots });
    expect(shipped.move).toEqual({ to: 'answer' });
    expect(shipped.slots.match).toBe('visa-prepaid/what-should-i-do-with-a-visa-prepaid-card-i-dont-want');
    const wide = await match({ ...slots }, { tie: 0.15 });
    expect(wide.move).toEqual({ to: 'clarify' });
    expect(wide.slots.candidates).toContain('visa-prepaid/what-should-i-do-with-a-visa-prepaid-card-i-dont-want');
  });
});
