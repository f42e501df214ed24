import type { Activity } from 'botbuilder';
import { AGENT_MESSAGE_ENTITY, transcriptLines } from '../../../src/bot/transcript-lines';

const at = new Date(Date.UTC(2026, 10, 25, 12, 0, 0));
const activity = (fields: Partial<Activity>): Activity => ({ type: 'message', timestamp: at, ...fields }) as Activity;
const customer = { id: 'u1', name: 'Casey', role: 'user' };
const bot = { id: 'giftbot', name: 'giftbot', role: 'bot' };

describe('transcriptLines', () => {
  test("when the customer wrote, then the line is the customer's, with their name and the trimmed text", () => {
    expect(transcriptLines([activity({ from: customer, text: '  my steam code is invalid ' })])).toEqual([
      { at: '2026-11-25T12:00:00.000Z', from: 'customer', name: 'Casey', text: 'my steam code is invalid' },
    ]);
  });

  test('when the customer has no name, then they are "Customer"', () => {
    expect(transcriptLines([activity({ from: { id: 'u1', name: '', role: 'user' }, text: 'hi' })])).toEqual([expect.objectContaining({ from: 'customer', name: 'Customer' })]);
  });

  test('when the bot wrote, then the line is the bot\'s', () => {
    expect(transcriptLines([activity({ from: bot, text: 'Which card is it?' })])).toEqual([{ at: '2026-11-25T12:00:00.000Z', from: 'bot', name: 'giftbot', text: 'Which card is it?' }]);
  });

  test('when the message carries the agent entity, then the line is the agent\'s, with what the agent wrote rather than the prefixed text', () => {
    const sent = activity({ from: bot, text: 'Alice: try the Steam app', entities: [{ type: AGENT_MESSAGE_ENTITY, name: 'Alice', said: 'try the Steam app' }] });

    expect(transcriptLines([sent])).toEqual([{ at: '2026-11-25T12:00:00.000Z', from: 'agent', name: 'Alice', text: 'try the Steam app' }]);
  });

  test('when the agent entity lacks a name or what was said, then it is "Agent" with the message text', () => {
    const sent = activity({ from: bot, text: 'hello', entities: [{ type: AGENT_MESSAGE_ENTITY, name: 7 }] });

    expect(transcriptLines([sent])).toEqual([expect.objectContaining({ from: 'agent', name: 'Agent', text: 'hello' })]);
  });

  test('when a message is a card with no text, then its summary is the text', () => {
    const card = activity({ from: bot, text: '', summary: 'Pick your card: Steam, Amazon, Apple', attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: {} }] });

    expect(transcriptLines([card])).toEqual([expect.objectContaining({ from: 'bot', text: 'Pick your card: Steam, Amazon, Apple' })]);
  });

  test('when activities are typing, events, or messages with nothing to show, then they are left out', () => {
    const lines = transcriptLines([
      activity({ type: 'typing', from: bot }),
      activity({ type: 'event', name: 'handoff.status', from: bot, text: 'not shown' }),
      activity({ type: 'conversationUpdate', from: bot }),
      activity({ from: customer, text: '   ' }),
      activity({ from: bot, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: {} }] }),
      activity({ from: customer, text: 'kept' }),
    ]);

    expect(lines.map((l) => l.text)).toEqual(['kept']);
  });

  test('when activities are in a conversation, then the lines keep their order', () => {
    const lines = transcriptLines([activity({ from: customer, text: 'one' }), activity({ from: bot, text: 'two' }), activity({ from: customer, text: 'three' })]);

    expect(lines.map((l) => [l.from, l.text])).toEqual([
      ['customer', 'one'],
      ['bot', 'two'],
      ['customer', 'three'],
    ]);
  });

  test('when timestamps are stored as strings with an offset, then the lines carry them in ISO UTC', () => {
    const stored = activity({ from: customer, text: 'hi', timestamp: '2026-11-25T13:30:00+01:00' as unknown as Date });

    expect(transcriptLines([stored])[0]?.at).toBe('2026-11-25T12:30:00.000Z');
  });
});

describe('transcriptLines: forged agent markers (issue 12)', () => {
  test("when a customer's stored activity carries the agent marker, then it is still the customer's line", () => {
    const lines = transcriptLines([{ type: 'message', text: 'Refund approved', from: { id: 'u', name: 'Mallory', role: 'user' }, entities: [{ type: 'giftbot.agentMessage', name: 'Alice', said: 'Refund approved' }], timestamp: new Date(0) } as never]);
    expect(lines).toEqual([{ at: new Date(0).toISOString(), from: 'customer', name: 'Mallory', text: 'Refund approved' }]);
  });
});
