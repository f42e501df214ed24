import { readFileSync } from 'node:fs';
import path from 'node:path';
import { jsonSchemas } from '../../src/cli/json-schemas';
import { checkMacrosDir } from '../../src/handoff/macro-loader';
import { formatProblem } from '../../src/validation/problem';
import { redactSecrets } from '../../src/safety/secret-redactor';
import { ROOT } from '../helpers/paths';

const MACROS_DIR = path.join(ROOT, 'macros');

describe('shipped macros', () => {
  test('when macros/ is checked, then both files pass and the starter set is there', () => {
    const { macros, problems } = checkMacrosDir(MACROS_DIR);
    expect(problems.map(formatProblem)).toEqual([]);
    expect(macros!.macros.map((m) => m.id)).toEqual(expect.arrayContaining(['greeting', 'ask-region', 'already-redeemed']));
    expect(macros!.reasons.map((r) => r.id)).toEqual(expect.arrayContaining(['redeemed-with-help', 'code-already-used', 'wrong-region', 'sold-instead', 'fraud-suspected', 'refund-to-store-credit', 'no-response']));
  });

  test('when a macro is read, then it never asks for a code, PIN or card number, and holds none', () => {
    const { macros } = checkMacrosDir(MACROS_DIR);
    for (const macro of macros!.macros) {
      expect(macro.text).not.toMatch(/\b(send|share|give|tell|type|paste|read)\b[^.?!]*\b(me|us)\b[^.?!]*\b(code|pin|card number)\b/i);
      expect(redactSecrets(macro.text).found).toEqual([]);
    }
  });

  test('when each file names its $schema, then it is the generated one', () => {
    const schemas = jsonSchemas();
    for (const file of ['macros.json', 'wrap-up.json']) {
      const named = JSON.parse(readFileSync(path.join(MACROS_DIR, file), 'utf8')).$schema as string;
      expect(JSON.parse(readFileSync(path.join(MACROS_DIR, named), 'utf8'))).toEqual(schemas[path.basename(named)]);
    }
  });
});
