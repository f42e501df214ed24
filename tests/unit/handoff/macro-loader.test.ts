import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkMacrosDir, loadMacrosDir } from '../../../src/handoff/macro-loader';
import { DataProblemsError, formatProblem } from '../../../src/validation/problem';

const GOOD_MACROS = { macros: [{ id: 'greeting', title: 'Greeting', text: 'Hi, I am {agent}. About {card} for {amount}: {brand}.' }] };
const GOOD_WRAP_UP = { reasons: [{ id: 'redeemed-with-help', label: 'Redeemed with help' }], tags: ['vip', 'vip', 'repeat-contact'] };

/** A macros folder holding the two files as given (a string is written as is, for broken JSON). */
function folder(macros: unknown, wrapUp: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'giftbot-macros-'));
  if (macros !== undefined) writeFileSync(path.join(dir, 'macros.json'), typeof macros === 'string' ? macros : JSON.stringify(macros));
  if (wrapUp !== undefined) writeFileSync(path.join(dir, 'wrap-up.json'), typeof wrapUp === 'string' ? wrapUp : JSON.stringify(wrapUp));
  return dir;
}

function problems(macros: unknown, wrapUp: unknown): string[] {
  return checkMacrosDir(folder(macros, wrapUp)).problems.map(formatProblem);
}

describe('macro loader', () => {
  test('when both files are good, then macros, reasons and tags load (repeated tags once)', () => {
    const loaded = loadMacrosDir(folder(GOOD_MACROS, GOOD_WRAP_UP));
    expect(loaded.macros.map((m) => m.id)).toEqual(['greeting']);
    expect(loaded.reasons).toEqual([{ id: 'redeemed-with-help', label: 'Redeemed with help' }]);
    expect(loaded.tags).toEqual(['vip', 'repeat-contact']);
  });

  test('when a macro holds an unknown placeholder, then the file, macro and placeholder are named', () => {
    const bad = { macros: [GOOD_MACROS.macros[0], { id: 'typo', title: 'Typo', text: 'Your {brnad} card' }] };
    expect(problems(bad, GOOD_WRAP_UP)).toEqual(['macros.json › macros[1].text: has an unknown placeholder {brnad}: use {brand}, {card}, {amount}, {agent}']);
  });

  test('when an id is not kebab-case or repeats, then each is named', () => {
    const bad = { macros: [{ id: 'Ask Region', title: 'x', text: 'y' }] };
    expect(problems(bad, GOOD_WRAP_UP)).toEqual([expect.stringMatching(/^macros\.json › macros\[0\]\.id: must be kebab-case/)]);
    const twice = { macros: [GOOD_MACROS.macros[0], GOOD_MACROS.macros[0]] };
    expect(problems(twice, GOOD_WRAP_UP)).toEqual(['macros.json › macros[1].id: repeats the id "greeting": ids must be unique']);
  });

  test('when a field is missing or unknown, then the file and field are named', () => {
    expect(problems({ macros: [{ id: 'a', title: 'A' }] }, GOOD_WRAP_UP)).toEqual(['macros.json › macros[0].text: is missing: add a string']);
    expect(problems(GOOD_MACROS, { ...GOOD_WRAP_UP, reasons: [{ id: 'x', label: 'X', colour: 'red' }] })).toEqual([expect.stringMatching(/^wrap-up\.json › reasons\[0\]: has unknown field "colour"/)]);
  });

  test('when there are no reasons or a reason repeats, then wrap-up.json is refused', () => {
    expect(problems(GOOD_MACROS, { reasons: [], tags: [] })).toEqual(['wrap-up.json › reasons: needs at least 1 item(s)']);
    const twice = { reasons: [GOOD_WRAP_UP.reasons[0], GOOD_WRAP_UP.reasons[0]] };
    expect(problems(GOOD_MACROS, twice)).toEqual(['wrap-up.json › reasons[1].id: repeats the id "redeemed-with-help": ids must be unique']);
  });

  test('when a file is missing or not JSON, then start-up stops with a DataProblemsError naming it', () => {
    expect(() => loadMacrosDir(folder('{"macros": [', GOOD_WRAP_UP))).toThrow(/^macros\.json: is not valid JSON/);
    expect(() => loadMacrosDir(folder(GOOD_MACROS, undefined))).toThrow(DataProblemsError);
    expect(problems(GOOD_MACROS, undefined)).toEqual(["wrap-up.json: can't be read (ENOENT)"]);
  });
});
