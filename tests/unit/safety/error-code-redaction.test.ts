import { redactActivity } from '../../../src/safety/redact-activity';
import { redactSecrets } from '../../../src/safety/secret-redactor';
import { ERROR_CODE_CASES, HIDDEN } from '../../fixtures/error-code-cases';

/**
 * The redactor's side of the error-code table the matcher is tested with
 * (tests/unit/knowledge/error-codes.test.ts): error codes beside "error" or "code" are kept, claim
 * codes and PINs beside the same words are hidden — also right after a message that ended in a
 * code, and in every field of an activity.
 */
const cases = ERROR_CODE_CASES.map((c) => [c.text, c] as const);

describe('error codes and claim codes beside "error" and "code"', () => {
  test.each(cases)('when a customer writes "%s", then the redactor leaves what the table says', (_text, c) => {
    const result = redactSecrets(c.text);
    expect(result.text).toBe(c.redacted);
    expect(result.found.length > 0).toBe(c.redacted.includes(HIDDEN));
  });

  test.each(cases)('when "%s" follows a message that ended with a code, then the result is the same', (_text, c) => {
    expect(redactSecrets(c.text, { afterCode: true }).text).toBe(c.redacted);
  });

  test.each(cases)('when "%s" arrives in a card\'s field rather than the text, then the result is the same', (_text, c) => {
    const { activity } = redactActivity({ type: 'message', text: 'hi', value: { note: c.text } });
    expect(activity.value.note).toBe(c.redacted);
  });

  test('when the table is read, then it holds both error codes kept and real codes hidden beside "code"', () => {
    const beside = (c: (typeof ERROR_CODE_CASES)[number]) => /\b(?:code|error)\b/i.test(c.text);
    expect(ERROR_CODE_CASES.filter((c) => beside(c) && c.redacted === c.text).length).toBeGreaterThanOrEqual(6);
    expect(ERROR_CODE_CASES.filter((c) => beside(c) && c.redacted.includes(HIDDEN) && c.entry === null).length).toBeGreaterThanOrEqual(5);
  });
});
