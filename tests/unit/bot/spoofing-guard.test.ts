import { TestAdapter, type Activity } from 'botbuilder';
import { SpoofingGuard, type SpoofingGuardOptions } from '../../../src/bot/spoofing-guard';

/** The guard in front of a turn that records what got through, on a channel of the test's choosing. */
async function through(options: Partial<SpoofingGuardOptions>, activity: Partial<Activity>, channelId = 'directline') {
  const seen: Activity[] = [];
  const warnings: Array<{ event: string; fields?: Record<string, unknown> }> = [];
  const adapter = new TestAdapter(async (context) => void seen.push(context.activity), { channelId, conversation: { id: 'c1' } } as never);
  adapter.use(new SpoofingGuard({ mode: 'internal', statusChannels: [], log: { warn: (event, fields) => void warnings.push({ event, fields }) }, ...options }));
  await adapter.send(activity);
  return { seen, warnings };
}

const agentMark = { type: 'giftbot.agentMessage', name: 'Alice', said: 'Refund approved' };
const status = { type: 'event', name: 'handoff.status', value: { state: 'completed' } } as Partial<Activity>;

describe('SpoofingGuard', () => {
  test('when a customer message carries an agent marker, then the marker is taken off, the rest goes on, and the warning holds no content', async () => {
    const { seen, warnings } = await through({}, { type: 'message', text: 'Refund approved', entities: [agentMark, { type: 'mention' }] });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.entities).toEqual([{ type: 'mention' }]);
    expect(seen[0]!.text).toBe('Refund approved');
    expect(warnings).toEqual([{ event: 'spoofed-entity-dropped', fields: { conversation: 'c1', channel: 'directline', types: ['giftbot.agentMessage'] } }]);
    expect(JSON.stringify(warnings)).not.toContain('Refund');
  });

  test('when a message carries the bot-only secret warning marker, then it is taken off too', async () => {
    const { seen } = await through({}, { type: 'message', text: 'hi', entities: [{ type: 'giftbot.secretWarning' }] });
    expect(seen[0]!.entities).toEqual([]);
  });

  test('when handoff.status comes from Direct Line, in either mode, then the turn ends before the bot', async () => {
    for (const mode of ['internal', 'external'] as const) {
      const { seen, warnings } = await through({ mode, statusChannels: ['omnichannel'] }, status);
      expect(seen).toEqual([]);
      expect(warnings.map((w) => w.event)).toEqual(['spoofed-event-ignored']);
    }
  });

  test('when handoff.status or handoff.initiate comes from Teams or Slack, then it is ignored', async () => {
    for (const channel of ['msteams', 'slack', 'webchat']) {
      expect((await through({ mode: 'external', statusChannels: ['omnichannel'] }, status, channel)).seen).toEqual([]);
      expect((await through({ mode: 'external', statusChannels: ['omnichannel'] }, { type: 'event', name: 'handoff.initiate' }, channel)).seen).toEqual([]);
    }
  });

  test("when handoff.status comes from the contact centre's channel in external mode, then it reaches the bot", async () => {
    const { seen, warnings } = await through({ mode: 'external', statusChannels: ['omnichannel'] }, status, 'omnichannel');
    expect(seen).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  test("when the contact centre's channel sends handoff.status in internal mode, then it is ignored (there is no contact centre)", async () => {
    expect((await through({ mode: 'internal', statusChannels: ['omnichannel'] }, status, 'omnichannel')).seen).toEqual([]);
  });

  test('when other events and messages arrive, then they pass untouched', async () => {
    expect((await through({}, { type: 'event', name: 'webchat/join' })).seen).toHaveLength(1);
    expect((await through({}, { type: 'message', text: 'hello' })).seen[0]!.text).toBe('hello');
  });
});
