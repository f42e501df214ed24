import path from 'node:path';
import { DialogTestClient } from 'botbuilder-testing';
import { engineSettingsFrom } from '../../../src/app/engine-settings';
import { FlowDialog } from '../../../src/bot/flow-dialog';
import { loadConfig } from '../../../src/config/config';
import { MemoryLog } from '../../../src/core/record-log';
import { FlowRunner, type FlowState } from '../../../src/engine/flow-runner';
import { loadDialogsDir } from '../../../src/engine/flow-loader';
import { serviceRig } from '../../helpers/handoff';
import { KnowledgeCatalog } from '../../../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../../../src/knowledge/knowledge-loader';
import { Matcher } from '../../../src/knowledge/matcher';
import { ROOT } from '../../helpers/paths';

const catalog = new KnowledgeCatalog(loadKnowledgeDir(path.join(ROOT, 'knowledge')));
const matcher = new Matcher(catalog);
const flows = loadDialogsDir(path.join(ROOT, 'dialogs'), { brandIds: new Set(catalog.brandIds), entryIds: new Set(catalog.entryIds) });
const runner = new FlowRunner({ flows, catalog, matcher, settings: engineSettingsFrom(loadConfig({})), handoff: serviceRig().service, notes: new MemoryLog() });

describe('FlowDialog on botbuilder-testing', () => {
  test('when the dialog runs the sell flow, then its saved state is the plain flow state and its result the slots', async () => {
    const client = new DialogTestClient('test', new FlowDialog(runner), { flow: 'sell-swap', memory: { brand: 'steam' }, preset: { mode: 'sell' } });
    const first = await client.sendActivity('sell my steam card');
    expect(first.text).toContain("don't redeem it");
    expect(client.getNextReply().text).toContain("What's the balance on the card?");
    const saved = client.dialogContext.activeDialog!.state as FlowState;
    expect(saved).toEqual({ flow: 'sell-swap', version: flows.flows.get('sell-swap')!.version, step: 'ask-amount', slots: { brand: 'steam', mode: 'sell' }, waiting: true, retries: 0, walk: 0, history: [], offered: false });
    expect(JSON.parse(JSON.stringify(saved))).toEqual(saved);

    const link = await client.sendActivity('20');
    // The link is the card's button, shown once: not also in the text.
    expect(JSON.stringify(link.attachments)).toContain('brand=steam&amount=20.00');
    expect(link.text).not.toContain('marketplace.example');
    // A resolved flow offers a next step before it ends.
    expect(client.dialogTurnResult.status).toBe('waiting');
    await client.sendActivity("That's all");
    expect(client.dialogTurnResult.status).toBe('complete');
    // "That's all" closes the matter: the card's brand is not carried into the next one (issue 15, bug 6).
    expect(client.dialogTurnResult.result).toEqual({ slots: { brand: null, mode: 'sell', amount: 20, misses: 0 }, reroute: false });
  });
});
