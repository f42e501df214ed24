import { harness } from '../helpers/bot-harness';

const CODES = ['AQ4T-G7XRLD-NMFQ', 'X1234ABCD5678EFGH', '4111 1111 1111 1111', 'ＡＢＣ４－ＤＥＦＧ５６－ＨＪＫＬ'];

/** Every place a message could be kept: conversation state, the transcript, the logs, the queue. */
async function everythingStored(bot: ReturnType<typeof harness>): Promise<string> {
  const state = await bot.giftbot.storage.read(['test/conversations/convo-1']);
  const transcript = await bot.giftbot.transcripts.getTranscriptActivities('test', 'convo-1');
  const queued = await bot.giftbot.handoff.openFor('test', 'convo-1');
  return JSON.stringify({ state, transcript, logs: bot.logs, queued });
}

describe('pasted codes', () => {
  test('when codes are pasted in messages, then no state, transcript, log or queue ever holds them', async () => {
    const bot = harness();
    await bot.say(`my amazon code ${CODES[0]} says not valid`);
    await bot.say('no, still stuck');
    await bot.say(`here it is again ${CODES[1]}`);
    await bot.say('talk to a person');
    await bot.say(`my card ${CODES[2]} and code ${CODES[3]} please help`);
    const stored = await everythingStored(bot);
    expect(stored.length).toBeGreaterThan(1000);
    expect(stored).toContain('[code hidden]');
    for (const code of CODES) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace(/[ -]/g, ''));
    }
    expect(stored).not.toContain('ＡＢＣ４');
  });

  test('when a code is pasted, then the log says what kind was hidden, never the code', async () => {
    const bot = harness();
    await bot.say(`pin is 482193`);
    const entry = bot.logs.map((l) => JSON.parse(l)).find((l) => l.event === 'secret-redacted');
    expect(entry).toMatchObject({ kinds: ['pin'], conversation: 'convo-1' });
    expect(bot.logs.join('')).not.toContain('482193');
  });

  test('when a card submission carries a code in its value, then that is hidden too', async () => {
    const bot = harness();
    await bot.adapter.receiveActivity({ type: 'message', text: 'submit', value: { note: `code ${CODES[0]}` } });
    const transcript = await bot.giftbot.transcripts.getTranscriptActivities('test', 'convo-1');
    expect(JSON.stringify(transcript)).not.toContain(CODES[0]);
  });
});
