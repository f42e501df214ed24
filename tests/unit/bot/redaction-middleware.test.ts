import { TestAdapter, TurnContext } from 'botbuilder';
import { RedactionMiddleware, REDACTED_KINDS } from '../../../src/bot/redaction-middleware';
import { silentLogger } from '../../../src/core/logger';
import { IncomingRedactor } from '../../../src/safety/incoming-redactor';

const CODE = 'X7KQ-9PLM-4RTZ-2WVB';

/** Runs the middleware on `activity` itself (a TurnContext keeps the object it is given). */
async function run(activity: Record<string, unknown>): Promise<{ context: TurnContext; reached: boolean }> {
  const context = new TurnContext(new TestAdapter(), activity);
  let reached = false;
  await new RedactionMiddleware(silentLogger).onTurn(context, async () => void (reached = true));
  return { context, reached };
}

test('when an activity comes from no edge, then the middleware hides the code in every field and says what it found', async () => {
  const { context, reached } = await run({ type: 'message', text: `my code ${CODE}`, channelData: { note: CODE }, conversation: { id: 'c1' } });
  expect(reached).toBe(true);
  expect(JSON.stringify(context.activity)).not.toContain('9PLM');
  expect(context.turnState.get(REDACTED_KINDS)).toEqual(['code']);
});

test('when a channel edge already redacted the activity, then it goes on as the edge left it, with what the edge found', async () => {
  const edge = new IncomingRedactor().redact({ type: 'message', text: `my code ${CODE}`, channelData: { note: CODE }, conversation: { id: 'c1' } });
  const before = JSON.stringify(edge);
  const { context, reached } = await run(edge);
  expect(reached).toBe(true);
  expect(context.activity).toBe(edge);
  expect(JSON.stringify(context.activity)).toBe(before);
  expect(before).not.toContain('9PLM');
  expect(context.turnState.get(REDACTED_KINDS)).toEqual(['code']);
});
