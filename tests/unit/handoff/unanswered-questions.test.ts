import type { TeamNote } from '../../../src/handoff/team-notes';
import { groupUnanswered, questionKey, UnansweredReportSchema } from '../../../src/handoff/unanswered-questions';

const NOW = new Date('2025-03-10T12:00:00.000Z');

function unanswered(text: string, at: string, brand: string | null = null, conversationId = 'c1'): TeamNote {
  return { at, log: 'unanswered', conversationId, channel: 'directline', values: { text, brand } };
}

describe('questionKey', () => {
  test('when questions differ only in case, spacing, punctuation and apostrophes, then they share a key', () => {
    const key = questionKey('where is my order');
    for (const variant of ['Where is my order?', '  where   IS my\torder!!', 'where, is my order…', 'Ｗhere is my order']) expect(questionKey(variant)).toBe(key);
    expect(questionKey("What's a PIN?")).toBe(questionKey('whats a pin'));
  });

  test('when questions differ in a word, even by a plural, then their keys differ', () => {
    expect(questionKey('where is my card')).not.toBe(questionKey('where are my cards'));
    expect(questionKey('refund my order')).not.toBe(questionKey('where is my order'));
  });

  test('when a question is only punctuation, then its key is what was typed, not an empty string', () => {
    expect(questionKey('???')).toBe('???');
    expect(questionKey('!!')).not.toBe(questionKey('???'));
  });

  test('when a question holds the hidden-code placeholder, then the key reads it as words', () => {
    expect(questionKey('my code [code hidden] fails')).toBe('my code code hidden fails');
  });
});

describe('groupUnanswered', () => {
  const notes: TeamNote[] = [
    unanswered('Can I pay with bitcoin?', '2025-03-01T09:00:00.000Z', null, 'a'),
    unanswered('where is my order', '2025-03-02T09:00:00.000Z', 'amazon', 'a'),
    unanswered('Where is my ORDER??', '2025-03-09T09:00:00.000Z', 'steam', 'b'),
    unanswered('can i pay with Bitcoin', '2025-03-08T09:00:00.000Z', null, 'b'),
    unanswered('where is  my order', '2025-03-05T09:00:00.000Z', 'amazon', 'c'),
    unanswered('do you sell lottery tickets', '2025-03-09T10:00:00.000Z', null, 'c'),
    { at: '2025-03-09T11:00:00.000Z', log: 'survey', conversationId: 'c', channel: 'directline', values: { rating: 5, text: 'where is my order' } },
    { at: '2025-03-09T11:00:00.000Z', log: 'message', conversationId: 'd', channel: 'slack', values: { text: 'where is my order', contact: 'x' } },
  ];

  test('when questions repeat, then groups come most frequent first with count, last time, brands and the latest wording', () => {
    const report = groupUnanswered(notes, { now: NOW, limit: 10 });
    expect(report).toEqual({
      since: null,
      total: 6,
      distinct: 3,
      questions: [
        { question: 'where is my order', count: 3, lastAsked: '2025-03-09T09:00:00.000Z', brands: ['amazon', 'steam'], example: 'Where is my ORDER??' },
        { question: 'can i pay with bitcoin', count: 2, lastAsked: '2025-03-08T09:00:00.000Z', brands: [], example: 'can i pay with Bitcoin' },
        { question: 'do you sell lottery tickets', count: 1, lastAsked: '2025-03-09T10:00:00.000Z', brands: [], example: 'do you sell lottery tickets' },
      ],
      byBrand: [
        { brand: 'amazon', count: 2, lastAsked: '2025-03-05T09:00:00.000Z' },
        { brand: 'steam', count: 1, lastAsked: '2025-03-09T09:00:00.000Z' },
      ],
    });
    expect(UnansweredReportSchema.parse(report)).toEqual(report);
  });

  test('when questions are about brands, then byBrand counts every question of each brand, a brand without an article by its name, most first', () => {
    const asked = [
      unanswered('how do i redeem my roblox card', '2025-03-01T09:00:00.000Z', 'Roblox', 'a'),
      unanswered('robloz', '2025-03-02T09:00:00.000Z', 'Roblox', 'b'),
      unanswered('roblox code not working', '2025-03-03T09:00:00.000Z', 'Roblox', 'c'),
      unanswered('netflix gift card not working', '2025-03-04T09:00:00.000Z', 'Netflix', 'd'),
      unanswered('where is my order', '2025-03-05T09:00:00.000Z', 'amazon', 'e'),
      unanswered('no brand here', '2025-03-06T09:00:00.000Z', null, 'f'),
    ];
    const report = groupUnanswered(asked, { now: NOW, limit: 1 });
    expect(report.byBrand).toEqual([
      { brand: 'Roblox', count: 3, lastAsked: '2025-03-03T09:00:00.000Z' },
      { brand: 'amazon', count: 1, lastAsked: '2025-03-05T09:00:00.000Z' },
      { brand: 'Netflix', count: 1, lastAsked: '2025-03-04T09:00:00.000Z' },
    ]);
    // The limit cuts the question list, never the brand counts.
    expect(report.questions).toHaveLength(1);
  });

  test('when two questions are asked equally often, then the more recently asked comes first', () => {
    const tied = [unanswered('old question', '2025-03-01T00:00:00.000Z'), unanswered('new question', '2025-03-02T00:00:00.000Z')];
    expect(groupUnanswered(tied, { now: NOW, limit: 10 }).questions.map((q) => q.question)).toEqual(['new question', 'old question']);
  });

  test('when --since is given, then only questions asked within those days count, and the window is reported', () => {
    const report = groupUnanswered(notes, { now: NOW, sinceDays: 3, limit: 10 });
    expect(report.since).toBe('2025-03-07T12:00:00.000Z');
    expect(report.total).toBe(3);
    expect(report.questions.map((q) => [q.question, q.count])).toEqual([
      ['do you sell lottery tickets', 1],
      ['where is my order', 1],
      ['can i pay with bitcoin', 1],
    ]);
    expect(report.questions[1]!.brands).toEqual(['steam']);
  });

  test('when a limit is given, then only that many groups are listed but total and distinct count them all', () => {
    const report = groupUnanswered(notes, { now: NOW, limit: 1 });
    expect(report.questions.map((q) => q.question)).toEqual(['where is my order']);
    expect([report.total, report.distinct]).toEqual([6, 3]);
  });

  test('when notes are of other kinds or malformed, then they are left out rather than failing the report', () => {
    const odd: TeamNote[] = [
      { at: 'yesterday', log: 'unanswered', conversationId: 'x', channel: 'directline', values: { text: 'bad time', brand: null } },
      { at: '2025-03-09T09:00:00.000Z', log: 'unanswered', conversationId: 'x', channel: 'directline', values: { brand: 'amazon' } },
      unanswered('fine', '2025-03-09T09:00:00.000Z'),
    ];
    const report = groupUnanswered(odd, { now: NOW, limit: 10 });
    expect(report.questions.map((q) => q.question)).toEqual(['fine']);
    expect(groupUnanswered(notes.slice(6), { now: NOW, limit: 10 })).toEqual({ since: null, total: 0, distinct: 0, questions: [], byBrand: [] });
  });
});
