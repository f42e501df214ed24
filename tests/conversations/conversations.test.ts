import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Activity } from 'botbuilder';
import { choicesOf, harness, linkOf, type Harness } from '../helpers/bot-harness';

/**
 * Whole conversations as data: every tests/conversations/*.json runs here through the real wired
 * bot. A `bot` line expects the next reply of that turn to contain its text; `choices` must match
 * exactly; `link` expects a link button whose URL contains each part, its URL not also in the text (and,
 * with `text`, a reply containing it); `quiet` expects no further
 * reply in the turn; `handoff` checks the queue.
 */
const StepSchema = z.union([
  z.strictObject({ join: z.literal(true) }),
  z.strictObject({ user: z.string() }),
  z.strictObject({ bot: z.string(), choices: z.array(z.string()).optional(), not: z.string().optional() }),
  z.strictObject({ link: z.array(z.string()).min(1), not: z.array(z.string()).optional(), text: z.string().optional() }),
  z.strictObject({ quiet: z.literal(true) }),
  z.strictObject({ handoff: z.union([z.literal(false), z.strictObject({ summary: z.string() })]) }),
]);
const ScriptSchema = z.strictObject({
  title: z.string(),
  group: z.boolean().optional(),
  env: z.record(z.string(), z.string()).optional(),
  steps: z.array(StepSchema).min(2),
});

const dir = __dirname;
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

test('when the scripts are counted, then there are at least 30', () => {
  expect(files.length).toBeGreaterThanOrEqual(30);
});

describe.each(files)('%s', (file) => {
  const script = ScriptSchema.parse(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));

  test(script.title, async () => {
    const bot = harness({ group: script.group, env: script.env });
    let replies: Partial<Activity>[] = [];
    const where = (i: number) => `${file} step ${i + 1}`;
    for (const [i, step] of script.steps.entries()) {
      if ('join' in step) replies = await bot.join();
      else if ('user' in step) replies = await bot.say(step.user);
      else if ('bot' in step) expectBot(replies.shift(), step, where(i), replies);
      else if ('link' in step) expectLink(replies.shift(), step, where(i));
      else if ('quiet' in step) expect({ at: where(i), left: replies.map((r) => r.text) }).toEqual({ at: where(i), left: [] });
      else await expectHandoff(bot, step.handoff, where(i));
    }
  });
});

function expectBot(reply: Partial<Activity> | undefined, step: { bot: string; choices?: string[]; not?: string }, at: string, rest: Partial<Activity>[]): void {
  expect({ at, reply: reply?.text ?? '(no reply)' }).toEqual({ at, reply: expect.stringContaining(step.bot) });
  if (step.choices) expect({ at, choices: choicesOf(reply!) }).toEqual({ at, choices: step.choices });
  if (step.not) expect({ at, reply: reply!.text }).not.toEqual({ at, reply: expect.stringContaining(step.not) });
  void rest;
}

function expectLink(reply: Partial<Activity> | undefined, { link: parts, not: absent = [], text }: { link: string[]; not?: string[]; text?: string }, at: string): void {
  const url = reply ? linkOf(reply) : undefined;
  if (text !== undefined) expect({ at, reply: reply?.text }).toEqual({ at, reply: expect.stringContaining(text) });
  expect({ at, hasLink: url !== undefined }).toEqual({ at, hasLink: true });
  for (const part of parts) expect({ at, url }).toEqual({ at, url: expect.stringContaining(part) });
  for (const part of absent) expect({ at, url }).not.toEqual({ at, url: expect.stringContaining(part) });
  // The scripts run on a channel with buttons: the link is the button, shown once, never also in the text.
  expect({ at, inText: reply!.text?.includes(url!) }).toEqual({ at, inText: false });
}

async function expectHandoff(bot: Harness, expected: false | { summary: string }, at: string): Promise<void> {
  const open = await bot.giftbot.handoff.openFor('test', 'convo-1');
  if (expected === false) expect({ at, open: open ?? null }).toEqual({ at, open: null });
  else expect({ at, summary: open?.summary }).toEqual({ at, summary: expect.stringContaining(expected.summary) });
}
