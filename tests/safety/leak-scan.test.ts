import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { startFakeSlackApi, type FakeSlackApi } from '../channels/slack/fake-slack-api';
import { startRedis, type RedisServer } from '../helpers/redis-server';
import { eventually, postJson, startTestServer, type TestServer } from '../helpers/server';
import { corpusNeedles, findNeedles } from './leak-needles';
import { mustHide, splitAcross } from './redaction-corpus';

/**
 * The storage leak scan (issue 12): the redaction corpus goes through every channel and every field
 * the security test found codes kept in — Direct Line (text, attachment names, text/html attachments,
 * channelData, entities, from.name, an event's value, a typing activity's text), /api/messages in
 * Teams' shape (text, text/html attachments, an invoke's value) and Azure-Slack's
 * (channelData.SlackMessage.event.text), and native Slack — then every byte giftbot kept is read:
 * each file in DATA_DIR (giftbot.db, -wal, -shm, while running and after the close), every Redis
 * key and value, the log, and the handoff.initiate sent to a contact centre. No secret is there, in
 * any form (see leak-needles.ts).
 */
const SLACK_SECRET = 'leak-scan-slack-signing-secret';
const SLACK_BOT = 'U0LEAKBOT';
const SLACK_TEAM = 'T0LEAK';
const OFF = { RATE_LIMIT_TOKENS_PER_IP: 'off', RATE_LIMIT_CONVERSATIONS_PER_IP: 'off', RATE_LIMIT_POSTS_PER_IP: 'off', RATE_LIMIT_POSTS_PER_CONVERSATION: 'off', RATE_LIMIT_OVERALL: 'off', RATE_LIMIT_HANDOFFS_PER_CONVERSATION: 'off', RATE_LIMIT_HANDOFFS_PER_IP: 'off' };

const needles = corpusNeedles();
const texts = mustHide.map((h) => h.text);
const chunks = <T>(list: T[], size: number): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

// any: tests read whatever JSON the server answered.
type Json = Record<string, any>;

/** Every file under `dir`, as text (a database page is bytes; what a code would be in it is UTF-8). */
function filesIn(dir: string): Array<{ where: string; text: string }> {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    // SQLite removes -shm and -wal as the last connection closes: a file gone between the listing
    // and the read holds nothing any more.
    try {
      return statSync(file).isDirectory() ? filesIn(file) : [{ where: `DATA_DIR/${name}`, text: readFileSync(file).toString('utf8') }];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  });
}

/** Every key and value in Redis, read by type. */
async function redisDump(url: string): Promise<string> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  const parts: string[] = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const type = await client.type(key);
        const value =
          type === 'string' ? await client.get(key)
          : type === 'hash' ? await client.hgetall(key)
          : type === 'list' ? await client.lrange(key, 0, -1)
          : type === 'set' ? await client.smembers(key)
          : type === 'zset' ? await client.zrange(key, 0, -1, 'WITHSCORES')
          : type === 'stream' ? await client.xrange(key, '-', '+')
          : `(${type})`;
        parts.push(key, JSON.stringify(value));
      }
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
  return parts.join('\n');
}

describe.each([
  { storage: 'sqlite', handoff: 'external' },
  { storage: 'redis', handoff: 'internal' },
] as const)('storage leak scan on $storage, HANDOFF_MODE=$handoff', ({ storage, handoff }) => {
  let redis: RedisServer | undefined;
  let slackApi: FakeSlackApi;
  let server: TestServer;
  let dataDir: string;
  let closed = false;
  /** What left giftbot for elsewhere: the handoff.initiate events. */
  const initiations: Json[] = [];

  beforeAll(async () => {
    if (storage === 'redis') redis = await startRedis();
    slackApi = await startFakeSlackApi();
    dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-leak-'));
    server = await startTestServer({
      ...OFF,
      DATA_DIR: dataDir,
      HANDOFF_MODE: handoff,
      ...(redis ? { REDIS_URL: redis.url } : {}),
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-leak-scan',
      SLACK_BOT_USER_ID: SLACK_BOT,
      SLACK_API_URL: slackApi.url,
      AGENT_TOKENS: 'Alice:alice-leak-scan-token-0123',
    });
  }, 60_000);

  afterAll(async () => {
    if (!closed) await server?.close();
    await slackApi?.close();
    await redis?.stop();
  }, 60_000);

  // --- the channels -----------------------------------------------------------------------------

  const directLine = () => `${server.url}/v3/directline`;
  const openDirectLine = async (): Promise<{ id: string; token: string }> => {
    const { body } = await postJson(`${directLine()}/tokens/generate`, {});
    const started = await postJson(`${directLine()}/conversations`, {}, { Authorization: `Bearer ${body.token}` });
    expect(started.status).toBe(201);
    return { id: body.conversationId, token: body.token };
  };
  const dlPost = async (conversation: { id: string; token: string }, activity: Json): Promise<void> => {
    const { status, body } = await postJson(`${directLine()}/conversations/${conversation.id}/activities`, activity, { Authorization: `Bearer ${conversation.token}` });
    expect({ status, activity: activity.type, body }).toMatchObject({ status: 200 });
  };
  const dlActivities = async (conversation: { id: string; token: string }): Promise<Json[]> => {
    const res = await fetch(`${directLine()}/conversations/${conversation.id}/activities?watermark=0`, { headers: { Authorization: `Bearer ${conversation.token}` } });
    return ((await res.json()) as { activities: Json[] }).activities;
  };

  /** A Direct Line post with `text` in one field other than the message text, by turns. */
  const otherField = (text: string, i: number): Json => {
    const kinds: Json[] = [
      { type: 'message', text: 'photo', attachments: [{ contentType: 'image/png', contentUrl: 'https://files.example/c.png', name: text }] },
      { type: 'message', text: 'see this', attachments: [{ contentType: 'text/html', content: `<p>${text}</p>` }] },
      { type: 'message', text: 'hello', channelData: { note: { pasted: text } } },
      { type: 'message', text: 'hello', entities: [{ type: 'note', text }] },
      { type: 'message', text: 'hello', from: { name: text.slice(0, 200) } },
      { type: 'event', name: 'webchat/join', value: { language: 'en-US', pasted: text } },
      { type: 'typing', text },
    ];
    return kinds[i % kinds.length]!;
  };

  const SERVICE_URL = 'http://127.0.0.1:9/';
  const bfActivity = (channelId: string, conversation: string, extra: Json): Json => ({
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    channelId,
    serviceUrl: SERVICE_URL,
    deliveryMode: 'expectReplies',
    from: { id: `${channelId}-user`, name: 'Ana' },
    recipient: { id: 'bot-1', name: 'giftbot' },
    conversation: { id: conversation, conversationType: 'personal' },
    ...extra,
  });
  const apiMessages = async (activity: Json, statuses = [200]): Promise<Json[]> => {
    const { status, body } = await postJson(`${server.url}/api/messages`, activity);
    expect({ status, type: activity.type, statusAllowed: statuses.includes(status) }).toMatchObject({ statusAllowed: true });
    return (body?.activities ?? []) as Json[];
  };
  const teams = (conversation: string, text: string, extra: Json = {}) => bfActivity('msteams', conversation, { text, ...extra });
  const azureSlack = (conversation: string, text: string) =>
    bfActivity('slack', conversation, { text, channelData: { SlackMessage: { type: 'event_callback', team_id: SLACK_TEAM, event: { type: 'message', user: 'U0ANA', text, channel: 'D0AZURE', ts: '1718000000.000100' } }, ApiToken: 'xoxb-not-a-real-token' } });

  let nextEvent = 1;
  /** A direct message to the bot on native Slack, signed; Slack escapes &, < and > in text. */
  const slackDm = async (channel: string, text: string): Promise<void> => {
    const id = nextEvent++;
    const body = JSON.stringify({
      token: 'legacy',
      team_id: SLACK_TEAM,
      api_app_id: 'A0LEAK',
      event: { type: 'message', channel_type: 'im', user: 'U0ANA', text: text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'), ts: `1718000000.${String(id).padStart(6, '0')}`, channel, event_ts: '1718000000.000100' },
      type: 'event_callback',
      event_id: `Ev0LEAK${String(id).padStart(6, '0')}`,
      event_time: 1718000000,
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', SLACK_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const res = await fetch(`${server.url}/api/slack/events`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Slack-Request-Timestamp': timestamp, 'X-Slack-Signature': signature }, body });
    expect(res.status).toBe(200);
  };
  const slackTurns = () => server.logs.filter((line) => line.includes('"event":"slack-turn"')).length;

  // --- the run ----------------------------------------------------------------------------------

  test('when the redaction corpus goes through every channel and field, then every post is taken', async () => {
    const byChannel = (n: number) => texts.filter((_, i) => i % 4 === n);
    const dl = await Promise.all([0, 1, 2].map(() => openDirectLine()));
    const slackChannels = new Set<string>();
    let slackSent = 0;

    await Promise.all([
      // Direct Line: a third of the texts as messages, and every text in one other field.
      ...dl.map(async (conversation, n) => {
        for (const text of byChannel(0).filter((_, i) => i % 3 === n)) await dlPost(conversation, { type: 'message', text });
        for (const [i, text] of texts.entries()) if (i % 3 === n) await dlPost(conversation, otherField(text, i));
      }),
      // Teams: texts as messages; every text in a text/html attachment and in an invoke's value, ten at a time.
      (async () => {
        for (const text of byChannel(1)) await apiMessages(teams('leak-teams-text', text));
        for (const batch of chunks(texts, 10)) {
          await apiMessages(teams('leak-teams-html', '', { attachments: batch.map((t) => ({ contentType: 'text/html', content: `<div>${t}</div>` })) }));
          // Unhandled invokes answer 501 (not implemented), as botbuilder does; the transcript still keeps them.
          await apiMessages(teams('leak-teams-invoke', '', { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'note', data: { notes: batch } } } }), [200, 501]);
        }
      })(),
      // Slack through Azure: text and channelData.SlackMessage.event.text.
      (async () => {
        for (const text of byChannel(2)) await apiMessages(azureSlack('leak-azure-slack', text));
      })(),
      // Native Slack: direct messages, each in a DM of its own (turns of one DM run one at a time).
      (async () => {
        for (const [i, text] of byChannel(3).entries()) {
          const channel = `D0LEAK${i}`;
          slackChannels.add(channel);
          await slackDm(channel, text);
          slackSent++;
        }
      })(),
    ]);

    // Codes split over two messages, on each channel that has conversations.
    for (const [i, split] of splitAcross.entries()) {
      const conversation = await openDirectLine();
      for (const text of split.messages) await dlPost(conversation, { type: 'message', text });
      for (const text of split.messages) await apiMessages(teams(`leak-teams-split-${i}`, text));
      for (const text of split.messages) await slackDm(`D0SPLIT${i}`, text);
      slackSent += 2;
    }

    // A request for a person whose summary holds a code; in external mode, what the contact centre gets.
    const summary = mustHide.find((h) => h.secret.length >= 12)!.text;
    const customer = await openDirectLine();
    await dlPost(customer, { type: 'message', text: 'talk to a person' });
    await dlPost(customer, { type: 'message', text: summary });
    await apiMessages(teams('leak-teams-handoff', 'talk to a person'));
    const teamsHandoff = await apiMessages(teams('leak-teams-handoff', summary));
    if (handoff === 'external') {
      initiations.push(...(await dlActivities(customer)).filter((a) => a.type === 'event' && a.name === 'handoff.initiate'));
      initiations.push(...teamsHandoff.filter((a) => a.type === 'event' && a.name === 'handoff.initiate'));
      expect(initiations).toHaveLength(2);
      expect(initiations.every((e) => (e.attachments?.[0]?.content?.activities ?? []).length > 0)).toBe(true);
    }

    // Native Slack turns run after Bolt's acknowledgement: wait until each has run and answered.
    await eventually(() => (slackTurns() >= slackSent ? true : undefined), 60_000, 'every Slack turn');
    await eventually(() => ([...slackChannels].every((c) => slackApi.calls.some((call) => call.args.channel === c)) ? true : undefined), 60_000, 'a reply in every Slack DM');
  }, 240_000);

  test('when everything is kept, then no secret is in DATA_DIR, Redis, the log or a handoff.initiate, while running and after the close', async () => {
    // The scan can fail: every needle is in the corpus as typed.
    const typed = JSON.stringify([...mustHide.map((h) => h.text), ...splitAcross.flatMap((split) => split.messages)]);
    expect(findNeedles(needles, 'the corpus as typed', typed)).toHaveLength(needles.length);
    const found: string[] = [];
    const scanFiles = (when: string) => {
      for (const file of filesIn(dataDir)) found.push(...findNeedles(needles, `${file.where} (${when}, ${file.text.length} bytes)`, file.text));
    };
    if (storage === 'sqlite') expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['giftbot.db', 'giftbot.db-wal']));
    scanFiles('running');
    found.push(...findNeedles(needles, 'handoff.initiate', JSON.stringify(initiations)));
    await server.close();
    closed = true;
    scanFiles('closed');
    found.push(...findNeedles(needles, 'the log', server.logs.join('\n')));
    // What was scanned holds the run: the corpus's messages, stored with their codes hidden.
    const kept = redis ? await redisDump(redis.url) : filesIn(dataDir).map((file) => file.text).join('\n');
    expect(kept.split('[code hidden]').length - 1).toBeGreaterThan(mustHide.length);
    if (redis) found.push(...findNeedles(needles, 'Redis', kept));
    expect(found).toEqual([]);
  }, 120_000);
});
