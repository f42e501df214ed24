import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryStorage, TestAdapter } from 'botbuilder';
import { createGiftbot } from '../../src/app/create-giftbot';
import { loadConfig } from '../../src/config/config';
import { ROOT } from '../helpers/paths';

describe('a flow file changed under a live conversation', () => {
  let dialogs: string;
  beforeEach(() => {
    dialogs = mkdtempSync(path.join(tmpdir(), 'giftbot-dialogs-'));
    cpSync(path.join(ROOT, 'dialogs'), dialogs, { recursive: true });
  });
  afterEach(() => rmSync(dialogs, { recursive: true, force: true }));

  test('when the bot restarts with a new version of the flow, then that flow restarts cleanly', async () => {
    const storage = new MemoryStorage();
    const start = (dir: string) => {
      const giftbot = createGiftbot(loadConfig({ DIALOGS_DIR: dir }), { root: ROOT, storage });
      const adapter = new TestAdapter(async (context) => giftbot.bot.run(context), { conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: 'c1' } });
      for (const m of giftbot.middleware) adapter.use(m);
      return async (text: string) => {
        await adapter.receiveActivity(text);
        // A link is a card's button: its cards are read along with its text.
        return adapter.activeQueue.splice(0).map((a) => `${a.text ?? ''}${a.attachments ? JSON.stringify(a.attachments) : ''}`);
      };
    };
    const before = start(dialogs);
    expect((await before('sell my amazon card')).join('\n')).toContain("What's the balance on the card?");

    const file = path.join(dialogs, 'sell-swap.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.flows[0].steps.find((s: { id: string }) => s.id === 'ask-amount').prompt = 'How much is on the card?';
    writeFileSync(file, JSON.stringify(json));

    const after = start(dialogs);
    const replies = (await after('50')).join('\n');
    expect(replies).toContain("I've just been updated, so let's pick this up again from the start.");
    expect(replies).toContain('Would you like to sell it for cash');
    expect(replies).not.toContain('marketplace.example');
    expect((await after('Sell for cash')).join('\n')).toContain('How much is on the card?');
    expect((await after('50')).join('\n')).toContain('brand=amazon&amount=50.00');
  });
});
