import { readContact } from '../../../src/engine/input-readers';

describe('readContact', () => {
  test('when the text is an email address, then it is read as typed', () => {
    expect(readContact('casey@example.com')).toBe('casey@example.com');
    expect(readContact('  Casey.Jones+cards@mail.example.co.uk ')).toBe('Casey.Jones+cards@mail.example.co.uk');
  });

  test('when the email is introduced ("my email is …", "email me at …") or ends a sentence, then only the address is kept', () => {
    expect(readContact('my email is x@y.com')).toBe('x@y.com');
    expect(readContact('My e-mail is x@y.com.')).toBe('x@y.com');
    expect(readContact('email me at casey@example.org')).toBe('casey@example.org');
  });

  test('when the text is a phone number with +, spaces, dashes, dots or parentheses, then it is read as typed', () => {
    expect(readContact('+44 20 7946 0958')).toBe('+44 20 7946 0958');
    expect(readContact('(555) 123-4567')).toBe('(555) 123-4567');
    expect(readContact('555.123.4567')).toBe('555.123.4567');
    expect(readContact('+1-555-123-4567')).toBe('+1-555-123-4567');
    expect(readContact('5551234567')).toBe('5551234567');
  });

  test('when the number is introduced ("call me on …", "my number is …"), then only the number is kept', () => {
    expect(readContact('call me on +1 555 123 4567')).toBe('+1 555 123 4567');
    expect(readContact('my number is 020 7946 0958.')).toBe('020 7946 0958');
    expect(readContact('text me at 555-123-4567')).toBe('555-123-4567');
  });

  test('when the text is neither an email nor a phone number, then nothing is read', () => {
    for (const text of ['hello', '123', 'a@b', 'casey@', '@example.com', 'casey at example dot com', '', '   ']) {
      expect(readContact(text)).toBeNull();
    }
  });

  test('when a number has too few or too many digits, then it is not a phone number', () => {
    expect(readContact('123456')).toBeNull(); // 6 digits
    expect(readContact('1234567')).toBe('1234567'); // 7 digits
    expect(readContact('123456789012345')).toBe('123456789012345'); // 15 digits
    expect(readContact('1234567890123456')).toBeNull(); // 16 digits
    expect(readContact('12345678901234567890')).toBeNull(); // 20 digits
  });

  test('when a number has letters or a plus in the middle, then it is not a phone number', () => {
    expect(readContact('555-CALL-NOW')).toBeNull();
    expect(readContact('555+1234567')).toBeNull();
  });

  test('when the text holds markup around an address, then it is not read as an email', () => {
    expect(readContact('<casey@example.com>')).toBeNull();
  });
});
