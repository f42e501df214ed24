import { eventIdOf, fromButton, fromDirectMessage, fromMention } from '../../../src/channels/slack/slack-inbound';

const BOT = 'U0GIFTBOT';

function envelope(event: Record<string, unknown>) {
  return { type: 'event_callback', team_id: 'T0GIFT', api_app_id: 'A0GIFTBOT', event_id: 'Ev01', event_time: 1718000000, event };
}

function click(extra: Record<string, unknown>, action: Record<string, unknown> = { type: 'button', action_id: 'choice-0', value: 'Sell' }) {
  return { type: 'block_actions', user: { id: 'U0ALICE', team_id: 'T0GIFT' }, team: { id: 'T0GIFT' }, actions: [action], ...extra };
}

describe('fromMention', () => {
  test('when the bot is mentioned at the top of a channel, then the conversation is the new thread', () => {
    const inbound = fromMention(envelope({ type: 'app_mention', user: 'U0ALICE', text: `<@${BOT}> hi`, ts: '100.1', channel: 'C0SUP' }), BOT);
    expect(inbound).toEqual({
      kind: 'mention',
      conversation: { id: 'slack:T0GIFT:C0SUP:100.1', channelId: 'slack', isGroup: true, user: { id: 'U0ALICE', name: 'U0ALICE' } },
      target: { channel: 'C0SUP', threadTs: '100.1', user: 'U0ALICE', isGroup: true },
      text: 'hi',
    });
  });

  test('when the bot is mentioned inside a thread, then the conversation is that thread', () => {
    const inbound = fromMention(envelope({ type: 'app_mention', user: 'U0ALICE', text: `<@${BOT}> hi`, ts: '100.9', thread_ts: '100.1', channel: 'C0SUP' }), BOT);
    expect(inbound?.conversation.id).toBe('slack:T0GIFT:C0SUP:100.1');
    expect(inbound?.target.threadTs).toBe('100.1');
  });

  test('when a team is configured, then it names the conversation', () => {
    const inbound = fromMention(envelope({ type: 'app_mention', user: 'U0ALICE', text: 'hi', ts: '1.1', channel: 'C0SUP' }), BOT, 'T0HOME');
    expect(inbound?.conversation.id).toBe('slack:T0HOME:C0SUP:1.1');
  });

  test('when a bot mentions it or a mention is edited, then there is no turn', () => {
    expect(fromMention(envelope({ type: 'app_mention', user: 'U0B', bot_id: 'B0', text: 'hi', ts: '1.1', channel: 'C0' }), BOT)).toBeNull();
    expect(fromMention(envelope({ type: 'app_mention', user: 'U0A', text: 'hi', ts: '1.1', channel: 'C0', edited: { ts: '1.2' } }), BOT)).toBeNull();
    expect(fromMention({ type: 'url_verification', challenge: 'x' }, BOT)).toBeNull();
  });
});

describe('fromDirectMessage', () => {
  test('when a person writes to the bot, then the conversation is the direct message, unthreaded', () => {
    const inbound = fromDirectMessage(envelope({ type: 'message', channel_type: 'im', user: 'U0ALICE', text: 'hello', ts: '5.5', channel: 'D0A' }), BOT);
    expect(inbound).toMatchObject({ kind: 'direct', conversation: { id: 'slack:T0GIFT:D0A', isGroup: false }, target: { channel: 'D0A', user: 'U0ALICE', isGroup: false }, text: 'hello' });
    expect(inbound?.target.threadTs).toBeUndefined();
  });

  test('when it is a channel message, a bot message, an edit or another subtype, then there is no turn', () => {
    const message = { type: 'message', channel_type: 'im', user: 'U0ALICE', text: 'hello', ts: '5.5', channel: 'D0A' };
    expect(fromDirectMessage(envelope({ ...message, channel_type: 'channel', channel: 'C0A' }), BOT)).toBeNull();
    expect(fromDirectMessage(envelope({ ...message, bot_id: 'B0' }), BOT)).toBeNull();
    expect(fromDirectMessage(envelope({ ...message, user: BOT }), BOT)).toBeNull();
    expect(fromDirectMessage(envelope({ ...message, subtype: 'message_changed' }), BOT)).toBeNull();
    expect(fromDirectMessage(envelope({ ...message, subtype: 'channel_join' }), BOT)).toBeNull();
  });
});

describe('fromButton', () => {
  test('when a button in a channel thread is clicked, then the turn belongs to that thread', () => {
    const inbound = fromButton(click({ container: { type: 'message', channel_id: 'C0SUP', message_ts: '7.2', thread_ts: '7.1' }, channel: { id: 'C0SUP' }, message: { ts: '7.2', thread_ts: '7.1' } }));
    expect(inbound).toMatchObject({ kind: 'button', conversation: { id: 'slack:T0GIFT:C0SUP:7.1', isGroup: true }, target: { channel: 'C0SUP', threadTs: '7.1', user: 'U0ALICE' }, text: 'Sell' });
  });

  test('when a button in a direct message is clicked, then the turn belongs to the direct message', () => {
    const inbound = fromButton(click({ container: { type: 'message', channel_id: 'D0A', message_ts: '8.1' }, channel: { id: 'D0A' }, message: { ts: '8.1' } }));
    expect(inbound).toMatchObject({ conversation: { id: 'slack:T0GIFT:D0A', isGroup: false }, target: { channel: 'D0A', isGroup: false } });
    expect(inbound?.target.threadTs).toBeUndefined();
  });

  test('when a link button is clicked, then there is no turn', () => {
    const body = click({ container: { channel_id: 'D0A', message_ts: '8.1' } }, { type: 'button', action_id: 'link', url: 'https://marketplace.example/sell' });
    expect(fromButton(body)).toBeNull();
  });
});

test('when a delivery has an event id, then it is read; otherwise null', () => {
  expect(eventIdOf(envelope({ type: 'app_mention' }))).toBe('Ev01');
  expect(eventIdOf({ type: 'block_actions' })).toBeNull();
});
