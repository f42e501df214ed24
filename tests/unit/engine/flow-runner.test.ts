import path from 'node:path';
import { engineSettingsFrom } from '../../../src/app/engine-settings';
import { loadConfig } from '../../../src/config/config';
import { MemoryLog } from '../../../src/core/record-log';
import { FlowError, FlowRunner, type Turn } from '../../../src/engine/flow-runner';
import { loadDialogsDir, type FlowSet } from '../../../src/engine/flow-loader';
import type { HandoffService } from '../../../src/handoff/handoff-service';
import { serviceRig } from '../../helpers/handoff';
import { KnowledgeCatalog } from '../../../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../../../src/knowledge/knowledge-loader';
import { Matcher } from '../../../src/knowledge/matcher';
import { Utterance } from '../../../src/understanding/utterance';
import { ROOT } from '../../helpers/paths';

const catalog = new KnowledgeCatalog(loadKnowledgeDir(path.join(ROOT, 'knowledge')));
const matcher = new Matcher(catalog);
const flows = loadDialogsDir(path.join(ROOT, 'dialogs'), { brandIds: new Set(catalog.brandIds), entryIds: new Set(catalog.entryIds) });
const turn = (text: string): Turn => ({ utterance: new Utterance(text, matcher), channel: 'test', conversationId: 'c1', isGroup: false, reference: { channelId: 'test' } });
const runnerOf = (set: FlowSet, handoff: HandoffService = serviceRig().service) =>
  new FlowRunner({ flows: set, catalog, matcher, settings: engineSettingsFrom(loadConfig({})), handoff, notes: new MemoryLog() });

describe('FlowRunner (no botbuilder)', () => {
  test('when the troubleshoot flow escalates, then the request carries the summary, brand and fixes tried', async () => {
    const rig = serviceRig();
    const runner = runnerOf(flows, rig.service);
    let outcome = await runner.start('troubleshoot', turn('steam says invalid code'), {}, 'steam says invalid code');
    for (const text of ['no', 'no', 'still invalid on steam']) outcome = await runner.resume(outcome.state!, turn(text));
    expect(outcome.state).toBeNull();
    const [request] = await rig.queue.waiting();
    expect(request).toMatchObject({ summary: 'still invalid on steam', brand: 'steam', channel: 'test' });
    expect(request!.tried.length).toBe(2);
    expect(request!.tried[0]).toBe('steam/invalid-code');
  });

  test('when a flow goes round without ever waiting, then it stops with a FlowError instead of spinning', async () => {
    const loop = {
      ...flows,
      flows: new Map([['loop', { file: 'loop.json', version: 'v1', flow: { id: 'loop', title: 'Loop', steps: [{ id: 'a', type: 'goto' as const, flow: 'loop' }] } }]]),
    };
    await expect(runnerOf(loop).start('loop', turn('x'), {})).rejects.toThrow(FlowError);
  });

  test('when the engine settings give another sell base and a lower maximum, then the amount check and the link follow them', async () => {
    const settings = { ...engineSettingsFrom(loadConfig({})), maxAmount: 40, links: { sell: 'https://shop.example/cash', swap: 'https://shop.example/trade' } };
    const runner = new FlowRunner({ flows, catalog, matcher, settings, handoff: serviceRig().service, notes: new MemoryLog() });
    let outcome = await runner.start('sell-swap', turn('I want to sell my amazon card'), {}, 'I want to sell my amazon card', { mode: 'sell' });
    outcome = await runner.resume(outcome.state!, turn('$50'));
    expect(outcome.replies.some((r) => r.link)).toBe(false);
    outcome = await runner.resume(outcome.state!, turn('$30'));
    const link = outcome.replies.find((r) => r.link)?.link;
    expect(link?.url).toMatch(/^https:\/\/shop\.example\/cash\?brand=amazon&amount=30\.00&/);
  });

  test('when a flow vanished from the files, then the conversation is told and nothing is waiting', async () => {
    const runner = runnerOf(flows);
    const outcome = await runner.resume({ flow: 'gone', version: 'x', step: 'a', slots: { brand: 'amazon' }, waiting: true, retries: 0, walk: 0 }, turn('hi'));
    expect(outcome).toEqual({ replies: [{ text: flows.global.says.changed }], state: null, slots: { brand: 'amazon' } });
  });
});
