import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * Messages fired at once into one conversation: each turn sees the state the one before it saved,
 * and the replies come in the order the messages were stored — the same replies, in the same
 * order, as when the messages are sent one after another. A flood is refused politely, and other
 * conversations carry on.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

type Activity = { id: string; type: string; text?: string; replyToId?: string; from: { id: string } };

async function open(): Promise<{ token: string; id: string }> {
  const { body } = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
  await postJson(`${server.url}/v3/directline/conversations`, {}, { Authorization: `Bearer ${body.token}` });
  return { token: body.token, id: body.conversationId };
}

const post = (c: { token: string; id: string }, text: string) =>
  postJson(`${server.url}/v3/directline/conversations/${c.id}/activities`, { type: 'message', from: { id: 'u' }, text }, { Authorization: `Bearer ${c.token}` });

async function activities(c: { token: string; id: string }): Promise<Activity[]> {
  const res = await fetch(`${server.url}/v3/directline/conversations/${c.id}/activities`, { headers: { Authorization: `Bearer ${c.token}` } });
  return ((await res.json()) as { activities: Activity[] }).activities;
}

const botTexts = (all: Activity[]) => all.filter((a) => a.type === 'message' && a.from.id === 'giftbot').map((a) => a.text ?? '');

// Twenty answers to a flow that keeps state: a redeem walkthrough, then what follows it.
const SCRIPT = ['done', 'next', 'done', 'ok', 'done', 'sell it instead', 'amazon', '25', 'help', 'Redeem a card', 'steam', 'done', 'done', 'done', 'done', 'done', 'done', 'I got an error', 'invalid code', 'no'];

describe('one conversation, many messages at once', () => {
  test('when 20 messages are fired at once, then no state update is lost and the replies match a one-by-one run, in order', async () => {
    const atOnce = await open();
    await post(atOnce, 'redeem my amazon card');
    const results = await Promise.all(SCRIPT.map((text) => post(atOnce, text)));
    expect(results.map((r) => r.status)).toEqual(SCRIPT.map(() => 200));
    const all = await activities(atOnce);
    const mine = all.filter((a) => a.from.id !== 'giftbot' && a.type === 'message');
    // The order the server stored the messages in is the order it answered them in…
    const answered = [...new Set(all.filter((a) => a.from.id === 'giftbot' && a.replyToId).map((a) => a.replyToId!))].filter((id) => mine.some((m) => m.id === id));
    expect(answered).toEqual(mine.map((m) => m.id).slice(0, answered.length));
    // …and each turn saw the state the one before it saved: sent one by one in that same order,
    // a fresh conversation reads exactly the same.
    const oneByOne = await open();
    for (const { text } of mine) expect((await post(oneByOne, text!)).status).toBe(200);
    // Where an order of arrival leads to a request for a person, the replay files a second one: its
    // place in the queue speaks of the other conversation, not of this one's state.
    const ownState = (texts: string[]) => texts.map((t) => t.replace(/number \d+ in the queue — about \d+ minutes?/, 'number N in the queue — about M minutes'));
    expect(ownState(botTexts(all))).toEqual(ownState(botTexts(await activities(oneByOne))));
  }, 30_000);

  test('when the same answer is fired 20 times at once into a walkthrough, then each advances it exactly once', async () => {
    const c = await open();
    await post(c, 'redeem my steam card');
    await eventually(async () => (botTexts(await activities(c)).some((t) => t.startsWith('Step 1 of')) ? true : undefined), 8000, 'first step');
    const steps = Number(/Step 1 of (\d+)/.exec(botTexts(await activities(c)).find((t) => t.startsWith('Step 1 of'))!)![1]);
    await Promise.all(Array.from({ length: 20 }, () => post(c, 'done')));
    const texts = botTexts(await activities(c));
    const numbered = texts.map((t) => /^Step (\d+) of/.exec(t)?.[1]).filter(Boolean).map(Number);
    expect(numbered).toEqual(Array.from({ length: steps }, (_, i) => i + 1));
  }, 30_000);

  test('when a conversation floods, then the excess is refused with 429 and nothing of it is stored, and another conversation is unaffected', async () => {
    const flood = await open();
    const calm = await open();
    const before = (await activities(flood)).length;
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => post(flood, `flood ${i}`)));
    const refused = results.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.body).toEqual({ error: { code: 'TooManyRequests', message: expect.stringContaining('please wait') } });
    const accepted = results.filter((r) => r.status === 200).length;
    const stored = (await activities(flood)).filter((a) => a.from.id !== 'giftbot' && a.text?.startsWith('flood ')).length;
    expect(stored).toBe(accepted);
    expect(before + accepted).toBeLessThanOrEqual((await activities(flood)).length);
    expect((await post(calm, 'sell my $20 steam card')).status).toBe(200);
    expect(botTexts(await activities(calm)).some((t) => t.includes("Here's your link"))).toBe(true);
  }, 30_000);
});
