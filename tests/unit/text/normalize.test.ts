import { MAX_TEXT_CHARS, normalizeText } from '../../../src/text/normalize';

describe('normalizeText', () => {
  test('when text has full-width letters, then they fold to ASCII', () => {
    expect(normalizeText('Ａｍａｚｏｎ １２３')).toBe('amazon 123');
  });

  test('when text hides zero-width and bidi characters, then they are removed', () => {
    expect(normalizeText('ama\u200Bzon\u202E gi\uFEFFft')).toBe('amazon gift');
  });

  test('when text has accents, curly quotes and homoglyphs, then it reads as plain text', () => {
    expect(normalizeText('Amazón won’t “work” — Аpple')).toBe("amazon won't \"work\" - apple");
  });

  test('when text is huge, then only the first MAX_TEXT_CHARS are kept', () => {
    expect(normalizeText('a'.repeat(100_000)).length).toBe(MAX_TEXT_CHARS);
  });
});
