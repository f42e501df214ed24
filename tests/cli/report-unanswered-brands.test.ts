import { UnansweredReportSchema } from '../../src/handoff/unanswered-questions';
import { runCli } from '../helpers/cli';
import { converse } from '../helpers/converse';
import { scratchDir } from '../helpers/paths';
import { startTestServer } from '../helpers/server';

/**
 * `giftbot report unanswered` groups questions by brand, and a brand without an article by its own
 * name: customers ask the real server over Direct Line about Roblox, Netflix and Uber, then the real
 * bin reads what it recorded.
 */
jest.setTimeout(90_000);

const NO_STEPS = 'specific';
let dataDir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir: dataDir, cleanup } = scratchDir());
  const server = await startTestServer({ DATA_DIR: dataDir });
  try {
    await converse(server, [['how do i redeem my roblox card', NO_STEPS]]);
    await converse(server, [['netflix gift card not working', NO_STEPS]]);
    await converse(server, [['redeem a card', 'Which brand'], ['robloz', NO_STEPS]]);
    await converse(server, [['redeem a card', 'Which brand'], ['uber card', NO_STEPS]]);
    await converse(server, [['my roblox card says code not valid', NO_STEPS]]);
  } finally {
    await server.close();
  }
});
afterAll(() => cleanup());

const cli = (args: string[]) => runCli(args, { env: { DATA_DIR: dataDir, REDIS_URL: '', STORAGE: '' } });

test('when customers asked about brands without an article, then the text report counts them under each brand by its own name, most first', () => {
  const run = cli(['report', 'unanswered']);
  expect([run.status, run.stderr]).toEqual([0, '']);
  expect(run.stdout).toMatch(/^5 unanswered questions, 5 different/);
  const byBrand = run.stdout.slice(run.stdout.indexOf('By brand'));
  expect(byBrand.split('\n').slice(1).filter(Boolean)).toEqual(['  Roblox — 3 questions', '  Uber — 1 question', '  Netflix — 1 question']);
});

test('when --json is given, then byBrand holds the same counts, and each question keeps its brand', () => {
  const report = UnansweredReportSchema.parse(JSON.parse(cli(['report', 'unanswered', '--json']).stdout));
  expect(report.byBrand.map(({ brand, count }) => [brand, count])).toEqual([
    ['Roblox', 3],
    ['Uber', 1],
    ['Netflix', 1],
  ]);
  const brandOf = Object.fromEntries(report.questions.map((q) => [q.example, q.brands]));
  expect(brandOf).toEqual({
    'how do i redeem my roblox card': ['Roblox'],
    'netflix gift card not working': ['Netflix'],
    robloz: ['Roblox'],
    'uber card': ['Uber'],
    'my roblox card says code not valid': ['Roblox'],
  });
});
