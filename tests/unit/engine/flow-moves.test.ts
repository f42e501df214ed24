import path from 'node:path';
import { engineSettingsFrom } from '../../../src/app/engine-settings';
import { loadConfig } from '../../../src/config/config';
import { MemoryLog } from '../../../src/core/record-log';
import { FlowError, FlowRunner, type Outcome, type SavedFlowState, type Turn } from '../../../src/engine/flow-runner';
import { loadDialogsDir } from '../../../src/engine/flow-loader';
import { KnowledgeCatalog } from '../../../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../../../src/knowledge/knowledge-loader';
import { Matcher } from '../../../src/knowledge/matcher';
import { Utterance } from '../../../src/understanding/utterance';
import { serviceRig } from '../../helpers/handoff';
import { ROOT } from '../../helpers/paths';

/**
 * The flow engine's moves beside answering a prompt — go back, "I already did that", ask again,
 * pick a stopped flow up — and what happens when a prompt can't read its answer twice, on the real
 * flows in dialogs/ and the real knowledge base.
 */
const catalog = new KnowledgeCatalog(loadKnowledgeDir(path.join(ROOT, 'knowledge')));
const matcher = new Matcher(catalog);
const flows = loadDialogsDir(path.join(ROOT, 'dialogs'), { brandIds: new Set(catalog.brandIds), entryIds: new Set(catalog.entryIds) });
const says = flows.global.says;
const turn = (text: string): Turn => ({ utterance: new Utterance(text, matcher), channel: 'test', conversationId: 'c1', isGroup: false, reference: { channelId: 'test' } });
const runner = () => new FlowRunner({ flows, catalog, matcher, settings: engineSettingsFrom(loadConfig({})), handoff: serviceRig().service, notes: new MemoryLog() });
const texts = (outcome: Outcome) => outcome.replies.map((r) => r.text);
const amazonSteps = catalog.brand('amazon')!.steps;

/** Answers in turn, each to the state the last left waiting. */
async function answer(bot: FlowRunner, outcome: Outcome, ...messages: string[]): Promise<Outcome> {
  let current = outcome;
  for (const text of messages) current = await bot.resume(current.state!, turn(text));
  return current;
}

describe('go back', () => {
  test('when the person goes back in a walkthrough, then the previous instruction is asked again', async () => {
    const bot = runner();
    let outcome = await bot.start('redeem', turn('redeem my amazon card'), {}, 'redeem my amazon card');
    outcome = await answer(bot, outcome, 'Done', 'Done');
    expect(texts(outcome)).toEqual([`Step 3 of 5: ${amazonSteps[2]}`]);
    outcome = await bot.back(outcome.state!, turn('go back'));
    expect(outcome.replies).toEqual([{ text: `Step 2 of 5: ${amazonSteps[1]}`, choices: ['Done', 'I got an error', 'Stop'] }]);
    expect(outcome.state).toMatchObject({ step: 'walk', walk: 1, waiting: true });
    outcome = await answer(bot, outcome, 'Done');
    expect(texts(outcome)).toEqual([`Step 3 of 5: ${amazonSteps[2]}`]);
  });

  test('when the person goes back from the first instruction, then the brand question they answered is asked again', async () => {
    const bot = runner();
    let outcome = await bot.start('redeem', turn('redeem a card'), {}, 'redeem a card');
    outcome = await answer(bot, outcome, 'amazon');
    expect(outcome.state).toMatchObject({ step: 'walk', walk: 0, history: ['ask-brand'] });
    outcome = await bot.back(outcome.state!, turn('back'));
    expect(texts(outcome)).toEqual(['Which brand is the card for?']);
    expect(outcome.state).toMatchObject({ step: 'ask-brand', history: [] });
    outcome = await answer(bot, outcome, 'steam');
    expect(texts(outcome)[0]).toContain('Let\'s redeem your Steam card');
  });

  test('when the person goes back step by step through the sell flow, then each earlier prompt comes, then "already at the first step"', async () => {
    const bot = runner();
    let outcome = await bot.start('sell-swap', turn('i have a card i dont want'), {}, 'i have a card i dont want');
    outcome = await answer(bot, outcome, 'Sell for cash', 'amazon');
    expect(texts(outcome)).toEqual(["What's the balance on the card? Just the amount, like 50."]);
    outcome = await bot.back(outcome.state!, turn('go back'));
    expect(texts(outcome)).toEqual(['Which brand is the card you have?']);
    outcome = await bot.back(outcome.state!, turn('go back'));
    expect(texts(outcome)).toEqual(['Would you like to sell it for cash, or swap it for a card you\'ll use?']);
    outcome = await bot.back(outcome.state!, turn('go back'));
    expect(texts(outcome)).toEqual([says.atStart, 'Would you like to sell it for cash, or swap it for a card you\'ll use?']);
    expect(outcome.state).toMatchObject({ step: 'ask-mode', waiting: true });
  });

  test('when the person goes back at the very first prompt, then it says so and asks that prompt again', async () => {
    const bot = runner();
    const started = await bot.start('redeem', turn('redeem'), {}, 'redeem');
    const outcome = await bot.back(started.state!, turn('go back'));
    expect(texts(outcome)).toEqual([says.atStart, 'Which brand is the card for?']);
    expect(outcome.state).toEqual(started.state);
  });

  test('when a state was saved before history existed, then it loads with none and "go back" is at the start', async () => {
    const bot = runner();
    const started = await bot.start('redeem', turn('redeem'), {}, 'redeem');
    const { history: _history, offered: _offered, ...old } = started.state!;
    const saved: SavedFlowState = old;
    expect(texts(await bot.back(saved, turn('back')))).toEqual([says.atStart, 'Which brand is the card for?']);
    const resumed = await bot.resume(saved, turn('amazon'));
    expect(resumed.state).toMatchObject({ step: 'walk', history: ['ask-brand'], offered: false });
  });

  test('when a saved state is not a flow state at all, then a FlowError says so (the bot answers "something went wrong")', async () => {
    const broken = { flow: 'redeem', version: 'x', step: 'walk', slots: {}, waiting: true, retries: -1, walk: 0 };
    await expect(runner().back(broken, turn('back'))).rejects.toThrow(FlowError);
  });

  test('when the history grows long, then only the last ten answered steps are kept', async () => {
    const bot = runner();
    let outcome = await bot.start('redeem', turn('redeem'), {}, 'redeem');
    for (let i = 0; i < 12; i++) {
      outcome = await answer(bot, outcome, 'amazon');
      outcome = await bot.back(outcome.state!, turn('back'));
      outcome = await answer(bot, outcome, 'amazon');
    }
    expect(outcome.state!.history.length).toBeLessThanOrEqual(10);
  });
});

describe('"I already did that"', () => {
  test('when the person already did a walkthrough instruction, then the next one comes, as Done would', async () => {
    const bot = runner();
    let outcome = await bot.start('redeem', turn('redeem my amazon card'), {}, 'redeem my amazon card');
    outcome = await bot.skip(outcome.state!, turn('i already did that'));
    expect(outcome.replies).toEqual([{ text: `Step 2 of 5: ${amazonSteps[1]}`, choices: ['Done', 'I got an error', 'Stop'] }]);
    expect(outcome.state).toMatchObject({ step: 'walk', walk: 1 });
  });

  test('when the last instruction is skipped, then the walkthrough finishes with a next step', async () => {
    const bot = runner();
    let outcome = await bot.start('redeem', turn('redeem my amazon card'), {}, 'redeem my amazon card');
    outcome = await answer(bot, outcome, 'Done', 'Done', 'Done', 'Done');
    outcome = await bot.skip(outcome.state!, turn('already done'));
    expect(texts(outcome)[0]).toMatch(/^All done!/);
    expect(outcome.replies.at(-1)).toEqual({ text: 'Is there anything else I can help with?', choices: ['Redeem another card', 'Sell or swap a card', 'Talk to a person', 'Something else', "That's all"] });
  });

  test('when a question already has its answer, then the flow moves past it', async () => {
    const bot = runner();
    let outcome = await bot.start('sell-swap', turn('sell my card'), {}, 'sell my card', { mode: 'sell' });
    outcome = await answer(bot, outcome, 'amazon');
    outcome = await bot.back(outcome.state!, turn('back'));
    expect(texts(outcome)).toEqual(['Which brand is the card you have?']);
    outcome = await bot.skip(outcome.state!, turn('i already told you'));
    expect(texts(outcome)).toEqual(["What's the balance on the card? Just the amount, like 50."]);
    expect(outcome.state).toMatchObject({ step: 'ask-amount', slots: { brand: 'amazon' }, history: ['ask-brand'] });
  });

  test('when a choice already has its answer, then the flow follows that option again', async () => {
    const bot = runner();
    let outcome = await bot.start('sell-swap', turn('i dont need this card'), {}, 'i dont need this card');
    outcome = await answer(bot, outcome, 'Swap for another card');
    outcome = await bot.back(outcome.state!, turn('back'));
    outcome = await bot.skip(outcome.state!, turn('did that already'));
    expect(texts(outcome)).toEqual(['Which brand is the card you have?']);
    expect(outcome.state!.slots.mode).toBe('swap');
  });

  test('when the flow still needs the answer, then it says so and asks again, staying put', async () => {
    const bot = runner();
    const started = await bot.start('sell-swap', turn('sell my amazon card'), {}, 'sell my amazon card', { mode: 'sell' });
    const outcome = await bot.skip(started.state!, turn('i already did that'));
    expect(texts(outcome)).toEqual([says.needAnswer, "What's the balance on the card? Just the amount, like 50."]);
    expect(outcome.state).toEqual(started.state);
  });
});

describe('asking again', () => {
  test('when a question was answered mid-flow, then reprompt asks the waiting prompt again after the resume line', async () => {
    const bot = runner();
    const started = await bot.start('redeem', turn('redeem my amazon card'), {}, 'redeem my amazon card');
    const outcome = await bot.reprompt(started.state!, turn('how long does it take?'), says.resume);
    expect(texts(outcome)).toEqual([says.resume, `Step 1 of 5: ${amazonSteps[0]}`]);
    expect(outcome.state).toEqual(started.state);
  });

  test('when a stopped flow is picked up again, then it is at the same step, with the resume line and no misses counted', async () => {
    const bot = runner();
    let outcome = await bot.start('sell-swap', turn('sell my amazon card'), {}, 'sell my amazon card', { mode: 'sell' });
    outcome = await answer(bot, outcome, 'no idea');
    expect(outcome.state!.retries).toBe(1);
    const suspended = outcome.state!;
    outcome = await bot.resumeSuspended(suspended, turn('carry on'));
    expect(texts(outcome)).toEqual([says.resume, "What's the balance on the card? Just the amount, like 50."]);
    expect(outcome.state).toMatchObject({ step: 'ask-amount', retries: 0, waiting: true, slots: { brand: 'amazon', mode: 'sell' } });
    outcome = await answer(bot, outcome, '25');
    expect(outcome.replies.some((r) => r.link?.url.includes('amount=25.00'))).toBe(true);
  });

  test('when a stopped flow\'s file changed since, then it starts again cleanly with the "updated" line', async () => {
    const bot = runner();
    const started = await bot.start('redeem', turn('redeem my amazon card'), {}, 'redeem my amazon card');
    const outcome = await bot.resumeSuspended({ ...started.state!, version: 'older' }, turn('carry on'));
    expect(texts(outcome)[0]).toBe(says.changed);
    expect(outcome.state).toMatchObject({ flow: 'redeem', step: 'walk', walk: 0 });
  });
});

describe('two misses in a row', () => {
  const stuck = { text: says.stuck, choices: [says.stuckPerson, says.stuckRetry] };

  async function twiceMissed(bot: FlowRunner): Promise<Outcome> {
    const started = await bot.start('redeem', turn('redeem my amazon card'), {}, 'redeem my amazon card');
    const first = await answer(bot, started, 'what');
    expect(texts(first)[0]).toContain('Tap Done when');
    return answer(bot, first, 'hmm');
  }

  test('when a walkthrough prompt misses twice, then a person is offered instead of the prompt a third time', async () => {
    const outcome = await twiceMissed(runner());
    expect(outcome.replies).toEqual([stuck]);
    expect(outcome.state).toMatchObject({ step: 'walk', offered: true, retries: 2 });
  });

  test('when the person takes the offer, then the handoff flow starts', async () => {
    const bot = runner();
    const outcome = await answer(bot, await twiceMissed(bot), 'Talk to a person');
    expect(texts(outcome)[0]).toContain('Of course');
    expect(outcome.state).toMatchObject({ flow: 'handoff', step: 'ask-summary' });
  });

  test('when the person keeps trying, then the prompt comes again with the count cleared', async () => {
    const bot = runner();
    const outcome = await answer(bot, await twiceMissed(bot), 'Keep trying');
    expect(texts(outcome)).toEqual([`Step 1 of 5: ${amazonSteps[0]}`]);
    expect(outcome.state).toMatchObject({ step: 'walk', offered: false, retries: 0 });
    const again = await answer(bot, outcome, 'what');
    expect(texts(again)[0]).toContain('Tap Done when');
  });

  test('when the person answers the prompt itself instead, then the step takes it', async () => {
    const bot = runner();
    const outcome = await answer(bot, await twiceMissed(bot), 'done');
    expect(texts(outcome)).toEqual([`Step 2 of 5: ${amazonSteps[1]}`]);
    expect(outcome.state).toMatchObject({ walk: 1, offered: false, retries: 0 });
  });

  test('when the answer after the offer is unreadable too, then the menu comes, not the prompt', async () => {
    const bot = runner();
    const outcome = await answer(bot, await twiceMissed(bot), 'blah');
    expect(texts(outcome)).toEqual(['What would you like to do?']);
    expect(outcome.state).toMatchObject({ flow: 'menu' });
  });

  test('when a question was answered while the offer waits, then reprompt asks the offer again', async () => {
    const bot = runner();
    const offered = await twiceMissed(bot);
    const outcome = await bot.reprompt(offered.state!, turn('x'), says.resume);
    expect(outcome.replies).toEqual([{ text: says.resume }, stuck]);
  });

  test('when misses are not in a row, then no offer comes', async () => {
    const bot = runner();
    let outcome = await bot.start('redeem', turn('redeem my amazon card'), {}, 'redeem my amazon card');
    outcome = await answer(bot, outcome, 'what', 'Done', 'what');
    expect(texts(outcome)[0]).toContain('Tap Done when');
    expect(outcome.state!.offered).toBe(false);
  });
});

describe('after a resolved flow', () => {
  async function finishedWalkthrough(bot: FlowRunner): Promise<Outcome> {
    const started = await bot.start('redeem', turn('redeem my amazon card'), { misses: 1 }, 'redeem my amazon card');
    return answer(bot, started, 'what', 'Done', 'Done', 'Done', 'Done', 'Done');
  }

  test('when a walkthrough finishes, then the next-step choices follow and no misses are carried on', async () => {
    const outcome = await finishedWalkthrough(runner());
    expect(outcome.replies.at(-1)).toEqual({ text: 'Is there anything else I can help with?', choices: ['Redeem another card', 'Sell or swap a card', 'Talk to a person', 'Something else', "That's all"] });
    expect(outcome.state).toMatchObject({ flow: 'next-step', retries: 0, history: [] });
    expect(outcome.slots.misses).toBe(0);
  });

  test('when the person says that\'s all, then a short goodbye ends it', async () => {
    const bot = runner();
    const outcome = await answer(bot, await finishedWalkthrough(bot), "That's all");
    expect(texts(outcome)).toEqual(["Glad I could help — take care! If anything else comes up, I'm here."]);
    expect(outcome.state).toBeNull();
  });

  test('when the person wants something else, then the menu comes', async () => {
    const bot = runner();
    const outcome = await answer(bot, await finishedWalkthrough(bot), 'Something else');
    expect(outcome.replies[0]).toMatchObject({ text: 'What would you like to do?' });
    expect(outcome.state).toMatchObject({ flow: 'menu' });
  });

  test('when the person types a new request instead, then it is routed anew, not read as a miss', async () => {
    const bot = runner();
    const outcome = await answer(bot, await finishedWalkthrough(bot), 'how do i sell my steam card');
    expect(outcome).toMatchObject({ reroute: true, state: null, replies: [] });
  });

  test('when a sell link is given or a question answered, then the same next step follows', async () => {
    const bot = runner();
    const sold = await bot.start('sell-swap', turn('sell my $50 amazon card'), {}, 'sell my $50 amazon card', { mode: 'sell' });
    expect(sold.replies.some((r) => r.link)).toBe(true);
    expect(sold.replies.at(-1)?.choices).toEqual(['Redeem another card', 'Sell or swap a card', 'Talk to a person', 'Something else', "That's all"]);
    const answered = await bot.start('question', turn('how do I check my gift card balance'), {}, 'how do I check my gift card balance');
    expect(texts(answered)[0]).toContain('balance shows in your account');
    expect(answered.replies.at(-1)?.choices).toEqual(['Redeem another card', 'Sell or swap a card', 'Talk to a person', 'Something else', "That's all"]);
  });
});
