import { REDACTED, redactSecrets } from '../../../src/safety/secret-redactor';

describe('redactSecrets', () => {
  test.each([
    ['an Amazon claim code', 'code AQ4T-G7XRLD-NMFQ please', 'code [code hidden] please'],
    ['an Apple code', 'X1234ABCD5678EFG is mine', '[code hidden] is mine'],
    ['an Xbox code', 'ABCDE-FGHJK-LMNPQ-RSTVW-XYZ23', '[code hidden]'],
    ['a code in even groups', 'ABCD EF5H JKLM is it', '[code hidden] is it'],
    ['a lower-case spaced code', 'ab3d 9xk2 77qq pls', '[code hidden] pls'],
    ['a PIN after its name', 'my pin was: 1234', 'my pin was: [code hidden]'],
    ['full-width digits', 'ＡＱ４Ｔ－Ｇ７ＸＲＬＤ－ＮＭＦＱ', REDACTED],
    ['zero-width joiners inside', 'AQ4T\u200b-G7XR\u200bLD-NMFQ ok', '[code hidden] ok'],
  ])('when the text holds %s, then it is hidden', (_name, text, expected) => {
    expect(redactSecrets(text).text).toBe(expected);
  });

  test('when a card number passes the Luhn check, then it is reported as a card number', () => {
    expect(redactSecrets('card 4111 1111 1111 1111 exp 12/27')).toEqual({ text: 'card [code hidden] exp 12/27', found: ['card-number'] });
    expect(redactSecrets('4111 1111 1111 1112').found).toEqual(['code']);
  });

  test.each([
    'the code is not valid',
    'THE CODE IS NOT VALID FOR 2 CARDS',
    'it says ERR 500 BAD GATEWAY',
    'error code 1234 shows',
    'I paid $50 on 2024-11-25',
    'call 555 123 4567',
    'go to amazon.com/redeem',
    'I GOT A GIFT CARD FROM AMAZON',
    'my email john1985smith@example.com',
  ])('when the text is "%s", then nothing is hidden', (text) => {
    expect(redactSecrets(text)).toEqual({ text, found: [] });
  });

  test('when the text around a code has emoji and accents, then only the code changes', () => {
    expect(redactSecrets('Voilà 🎁 AQ4T-G7XRLD-NMFQ merci').text).toBe('Voilà 🎁 [code hidden] merci');
  });
});
