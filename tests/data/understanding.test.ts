import path from 'node:path';
import { readUnderstandingSet, scoreIntents } from '../../bench/understanding-eval';
import { shippedClassifier } from '../helpers/shipped-classifier';

const root = path.resolve(__dirname, '..', '..');
const classifier = shippedClassifier();
const read = (text: string) => classifier.classify(text);

/**
 * Six sets written blind from the categories, each by a helper who saw nothing else, each
 * measured after the one before (docs/understanding.md); the sixth was scored once, at the end. The
 * classifier is trained deterministically, so these floors are what was measured on 2026-12-06 — a
 * guard against regressions. The issue's
 * targets (≥ 95 % accuracy, every person request, scams ≥ 95 %, ≤ 2 % false alarms) hold on the
 * sixth; the earlier sets, seen while the classifier grew, sit on both sides of them.
 */
const SETS = [
  { file: 'heldout.json', accuracy: 0.943, person: 1, scam: 0.924, falseAlarms: 0.027 },
  { file: 'heldout-v2.json', accuracy: 0.957, person: 1, scam: 0.923, falseAlarms: 0.022 },
  { file: 'heldout-v3.json', accuracy: 0.95, person: 0.98, scam: 0.965, falseAlarms: 0.031 },
  { file: 'heldout-v4.json', accuracy: 0.968, person: 1, scam: 0.966, falseAlarms: 0.022 },
  { file: 'heldout-v5.json', accuracy: 0.973, person: 1, scam: 0.978, falseAlarms: 0.021 },
  // The last, scored once with the classifier frozen: the targets, met.
  { file: 'heldout-v6.json', accuracy: 0.972, person: 1, scam: 0.968, falseAlarms: 0.02 },
] as const;

describe.each(SETS)('the held-out understanding set $file (written blind)', ({ file, accuracy, person, scam: scamFloor, falseAlarms }) => {
  const set = readUnderstandingSet(path.join(root, 'tests', 'data', 'understanding', file));
  const figures = scoreIntents(read, set);

  it('when the set is read, then it has at least 200 labelled messages, scam stories of 11 kinds and look-alikes', () => {
    expect(set.length).toBeGreaterThanOrEqual(200);
    expect(new Set(set.filter((h) => h.intent === 'scam').map((h) => h.scamKind)).size).toBe(11);
    expect(set.filter((h) => h.lookalike).length).toBeGreaterThanOrEqual(50);
  });

  it('when every message is classified, then intent accuracy stays where it was measured', () => {
    expect(figures.accuracy).toBeGreaterThanOrEqual(accuracy);
  });

  it('when someone asks for a person, then recall stays where it was measured', () => {
    expect(figures.personRecall.found / figures.personRecall.of).toBeGreaterThanOrEqual(person);
  });

  it('when a scam story is told, then recall and false alarms on look-alikes stay where they were measured', () => {
    expect(figures.scamRecall.found / figures.scamRecall.of).toBeGreaterThanOrEqual(scamFloor);
    expect(figures.falseAlarms.raised / figures.falseAlarms.of).toBeLessThanOrEqual(falseAlarms);
  });
});

describe('the urgent kind of scam story', () => {
  it('when codes were already handed over, then most of those stories are read as the urgent kind', () => {
    const paid = SETS.flatMap(({ file }) => readUnderstandingSet(path.join(root, 'tests', 'data', 'understanding', file))).filter((h) => h.scamKind === 'already-paid');
    const urgent = paid.filter((h) => read(h.text).scamKind === 'already-paid');
    expect(paid.length).toBeGreaterThanOrEqual(20);
    expect(urgent.length / paid.length).toBeGreaterThanOrEqual(0.7);
  });
});
