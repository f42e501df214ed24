import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli';
import { ROOT, scratchDir } from '../helpers/paths';

describe('giftbot chat', () => {
  test('when a newcomer chats in the terminal, then numbers pick choices and the bot walks them through', () => {
    const run = runCli(['chat'], { input: '1\n2\ndone\nStop\n' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("bot › Hi, I'm giftbot");
    expect(run.stdout).toContain('      1) Redeem a card');
    expect(run.stdout).toContain('bot › Which brand is the card for?');
    expect(run.stdout).toContain("bot › Let's redeem your Apple card.");
    expect(run.stdout).toContain('Step 2 of 5');
    expect(run.stdout).toContain("the card isn't redeemed yet");
  });

  test('when a whole request is typed at the menu, then it is read as one', () => {
    const run = runCli(['chat'], { input: 'sell my $20 steam card\n' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Continue on the marketplace: https://marketplace.example/sell?brand=steam&amount=20.00&utm_source=giftbot&utm_medium=console');
    // No buttons in a terminal: the link is plain text, printed once.
    expect(run.stdout.split('https://marketplace.example/sell?').length - 1).toBe(1);
  });

  test('when the configuration is bad, then chat refuses to start and says why', () => {
    const run = runCli(['chat'], { env: { SELL_URL: 'ftp://nope' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('SELL_URL');
    expect(run.stderr).toContain('giftbot did not start.');
  });
});

describe('giftbot dialogs check', () => {
  test('when the shipped flows are checked, then they pass', () => {
    const run = runCli(['dialogs', 'check']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\d+ flows, \d+ steps, 19 intents from \d+ examples — all good/);
  });

  test('when a copy is broken, then problems print as file › flow › step and start-up refuses it', () => {
    const scratch = scratchDir();
    try {
      cpSync(path.join(ROOT, 'dialogs'), scratch.dir, { recursive: true });
      const file = path.join(scratch.dir, 'redeem.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"next": "walk"', '"next": "nowhere"'));
      const check = runCli(['dialogs', 'check', '--dialogs', scratch.dir]);
      expect(check.status).toBe(1);
      expect(check.stderr).toContain('redeem.json › redeem › region-warning: next "nowhere" is not a step of flow "redeem"');
      const chat = runCli(['chat'], { env: { DIALOGS_DIR: scratch.dir } });
      expect(chat.status).toBe(1);
      expect(chat.stderr).toContain('redeem.json › redeem › region-warning');
    } finally {
      scratch.cleanup();
    }
  });

  test('when the macros are checked too, then a broken copy names file and field, and serve refuses to start with it', () => {
    expect(runCli(['dialogs', 'check']).stdout).toMatch(/macros: \d+ macros, \d+ wrap-up reasons, \d+ suggested tags — all good/);
    const scratch = scratchDir();
    try {
      cpSync(path.join(ROOT, 'macros'), scratch.dir, { recursive: true });
      const file = path.join(scratch.dir, 'macros.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('Which country was {card}', 'Which country was {cardd}'));
      const check = runCli(['dialogs', 'check', '--macros', scratch.dir]);
      expect(check.status).toBe(1);
      expect(check.stderr).toMatch(/macros\.json › macros\[\d+\]\.text: has an unknown placeholder \{cardd\}/);
      const serve = runCli(['serve'], { env: { MACROS_DIR: scratch.dir, PORT: '0', DATA_DIR: path.join(scratch.dir, 'data') } });
      expect(serve.status).toBe(1);
      expect(serve.stderr).toContain('unknown placeholder {cardd}');
    } finally {
      scratch.cleanup();
    }
  });
});
