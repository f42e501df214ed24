import type { TurnContext } from 'botbuilder';
import { Metrics } from '../../../src/app/metrics';

describe('Metrics labels', () => {
  test('when labels come from request data, then only known values are kept and anything else is "other"', async () => {
    const metrics = new Metrics();
    const turn = metrics.middleware();
    for (const channelId of ['directline', 'msteams', 'invented-1', 'invented-2', undefined]) {
      await turn.onTurn({ activity: { type: 'message', channelId } } as unknown as TurnContext, async () => undefined);
    }
    metrics.match('answer');
    metrics.match('<script>');
    metrics.handoff('filed');
    metrics.handoff('made-up-action');
    metrics.limited('posts-per-ip');
    metrics.limited('nonsense');
    const text = await metrics.render();
    expect(text).toContain('giftbot_turns_total{channel="directline"} 1');
    expect(text).toContain('giftbot_turns_total{channel="msteams"} 1');
    expect(text).toContain('giftbot_turns_total{channel="other"} 3');
    expect(text).toContain('giftbot_matches_total{decision="other"} 1');
    expect(text).toContain('giftbot_handoff_events_total{action="other"} 1');
    expect(text).toContain('giftbot_rate_limited_total{limit="posts-per-ip"} 1');
    expect(text).toContain('giftbot_rate_limited_total{limit="other"} 1');
    expect(text).not.toMatch(/invented|<script>|made-up|nonsense/);
  });
});
