import { directLineClient } from './directline-client';
import { eventually, postJson, type TestServer } from './server';

/**
 * One customer's conversation over the real Direct Line: each message, then a phrase the bot's reply
 * holds (so the turn is over). Returns the conversation's id.
 */
export async function converse(server: TestServer, turns: Array<[say: string, reply: string]>): Promise<string> {
  const { body } = await postJson(`${server.url}/v3/directline/tokens/generate`, {});
  const customer = directLineClient({ domain: `${server.url}/v3/directline`, token: body.token, webSocket: false });
  try {
    await eventually(() => customer.texts().find((t) => t.includes("I'm giftbot")), 8000, 'greeting');
    for (const [say, reply] of turns) {
      const before = customer.texts().length;
      await customer.say(say);
      await eventually(() => customer.texts().slice(before).find((t) => t.includes(reply)), 8000, `"${reply}" after "${say}"`);
    }
    return body.conversationId as string;
  } finally {
    customer.end();
  }
}
