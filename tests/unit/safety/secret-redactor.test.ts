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
    expect(redactSecrets('card 4111 1111 1111 1111 exp 12/27')).toEqual({ text: 'card [code hidden] exp 12/27', found: ['card-number'], endsWithCode: false });
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
    expect(redactSecrets(text)).toMatchObject({ text, found: [] });
  });

  test('when the text around a code has emoji and accents, then only the code changes', () => {
    expect(redactSecrets('Voilà 🎁 AQ4T-G7XRLD-NMFQ merci').text).toBe('Voilà 🎁 [code hidden] merci');
  });

  test.each([
    ['"0x87e10bef" after "error"', 'error 0x87e10bef'],
    ['"2813-0001" after "error code"', 'error code 2813-0001'],
    ['"2813-0001" after "code"', 'code 2813-0001'],
    ['"2813-0001" alone', '2813-0001 when redeeming'],
    ['"E-403"', 'it said E-403'],
  ])('when an error code is written as %s, then it is kept for the knowledge matcher', (_name, text) => {
    expect(redactSecrets(text).text).toBe(text);
  });

  test('when the word before an error-code shape is PIN or access, then it is hidden all the same', () => {
    expect(redactSecrets('access 7392-0145').text).toBe('access [code hidden]');
    expect(redactSecrets('pin 2813-0001').text).toBe('pin [code hidden]');
  });

  test('when a keyword says secret, then the find is named a PIN; a Luhn-valid number is named a card number', () => {
    expect(redactSecrets('the pin is 4821').found).toEqual(['pin']);
    expect(redactSecrets('4532 0151 1283 0366').found).toEqual(['card-number']);
    expect(redactSecrets('AQ4T G7XRLD NMFB').found).toEqual(['code']);
  });

  test('when a keyword about order, phone or tracking stands far from a code, then the code is hidden anyway', () => {
    expect(redactSecrets('I ordered it and here is 6006 4912 3456 7890').text).toBe('I ordered it and here is [code hidden]');
    expect(redactSecrets('the package had AQ4T-G7XRLD-NMFB in it').text).toBe('the package had [code hidden] in it');
    expect(redactSecrets('order AQ4T-G7XRLD-NMFB').text).toBe('order [code hidden]');
  });

  test('when an e-mail address holds digits, then it is kept; a code next to it is not', () => {
    expect(redactSecrets('mail x7kq9plm4rtz@example.com code AQ4T-G7XRLD-NMFB').text).toBe('mail x7kq9plm4rtz@example.com code [code hidden]');
  });
});

describe('redactSecrets over two messages', () => {
  test('when a message ends with a code or the word for one, then endsWithCode is set', () => {
    expect(redactSecrets('AQ4T-G7XRLD').endsWithCode).toBe(true);
    expect(redactSecrets('first half X7KQ').endsWithCode).toBe(true);
    expect(redactSecrets('the pin is').endsWithCode).toBe(true);
    expect(redactSecrets('Access number:').endsWithCode).toBe(true);
  });

  test('when a message ends with words, an amount or a date, then endsWithCode is not set', () => {
    for (const text of ['thanks a lot', 'AQ4T-G7XRLD-NMFB thanks', 'it was $1,250.00', 'on 12/25/2026', 'error 0x87e10bef', 'the code is not valid']) {
      expect([text, redactSecrets(text).endsWithCode]).toEqual([text, false]);
    }
  });

  test('when the previous message ended with a code, then a short fragment is hidden; without it, the fragment stays', () => {
    expect(redactSecrets('NMFB', { afterCode: true }).text).toBe(REDACTED);
    expect(redactSecrets('NMFB', { afterCode: false }).text).toBe('NMFB');
    expect(redactSecrets('4821', { afterCode: true }).text).toBe(REDACTED);
    expect(redactSecrets('4821').text).toBe('4821');
  });

  test('when the previous message ended with a code, then words, error codes and order numbers still pass', () => {
    for (const text of ['ok thanks', 'it says error 0x87e10bef', 'order 112-3456789-1234567', '2813-0001', 'I paid 50']) {
      expect(redactSecrets(text, { afterCode: true }).text).toBe(text);
    }
  });
});
