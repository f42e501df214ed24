import { cutText, DEFAULT_MAX_MESSAGE_LENGTH } from '../../../src/safety/cut-text';
import { loadConfig } from '../../../src/config/config';

describe('cutText', () => {
  it('when the text is within the limit, then it comes back unchanged', () => {
    expect(cutText('sell my $50 card', 16)).toBe('sell my $50 card');
    expect(cutText('', 10)).toBe('');
  });

  it('when the cut falls between words, then the words before it stay whole', () => {
    expect(cutText('how do I redeem my card please', 15)).toBe('how do I redeem');
  });

  it('when the cut falls inside a word, then the partial word is dropped', () => {
    expect(cutText('how do I redeem my card please', 13)).toBe('how do I');
  });

  it('when the cut falls inside a dashed code, then none of the code is left', () => {
    const text = `my card says invalid X7KQ-9PLM-4RTZ-2WVB thanks`;
    const cut = cutText(text, text.indexOf('4RTZ') + 2);
    expect(cut).toBe('my card says invalid');
  });

  it('when the cut falls inside a code written in spaced groups, then the earlier groups go too', () => {
    const text = 'the amazon code AQ4T G7XRLD NMFB is not valid';
    expect(cutText(text, text.indexOf('NMFB') + 2)).toBe('the amazon code');
    expect(cutText('card 4111 1111 1111 1111 declined', 20)).toBe('card');
  });

  it('when the cut falls just after a spaced code group, then that group goes too', () => {
    const text = 'the code is AQ4T G7XRLD NMFB';
    expect(cutText(text, text.indexOf(' NMFB'))).toBe('the code is');
  });

  it('when a code is spaced with hyphens, then the separators and groups before the cut go', () => {
    const text = 'code AQ4T - G7XR - NMFB - 12AB';
    expect(cutText(text, text.indexOf('NMFB') + 1)).toBe('code');
  });

  it('when the text is one unbroken run, then only the last stretch before the cut is dropped', () => {
    const cut = cutText('9'.repeat(20_000), 4000);
    expect(cut.length).toBeGreaterThan(3900);
    expect(cut.length).toBeLessThanOrEqual(4000);
  });

  it('when the cut would split an emoji, then the whole emoji goes', () => {
    const text = 'ok ' + '😀'.repeat(10);
    const cut = cutText(text, 8);
    expect(cut.length).toBeLessThanOrEqual(8);
    expect(cut).toBe('ok');
    const unbroken = '😀'.repeat(100);
    const long = cutText(unbroken, 81);
    expect(long.length % 2).toBe(0);
    expect([...long].every((ch) => ch === '😀')).toBe(true);
  });

  it('when a message of words passes the default limit, then it is cut to at most that many characters', () => {
    const text = 'my amazon card says this code is not valid '.repeat(500);
    const cut = cutText(text, DEFAULT_MAX_MESSAGE_LENGTH);
    expect(cut.length).toBeLessThanOrEqual(DEFAULT_MAX_MESSAGE_LENGTH);
    expect(cut.length).toBeGreaterThan(DEFAULT_MAX_MESSAGE_LENGTH - 64);
    expect(text.startsWith(cut)).toBe(true);
  });
});

describe('MAX_MESSAGE_LENGTH', () => {
  it('when it is unset or empty, then messages are cut at the default', () => {
    expect(loadConfig({}).MAX_MESSAGE_LENGTH).toBe(DEFAULT_MAX_MESSAGE_LENGTH);
    expect(loadConfig({ MAX_MESSAGE_LENGTH: '' }).MAX_MESSAGE_LENGTH).toBe(DEFAULT_MAX_MESSAGE_LENGTH);
    expect(loadConfig({ MAX_MESSAGE_LENGTH: '8000' }).MAX_MESSAGE_LENGTH).toBe(8000);
  });

  it('when it is not a whole number in range, then start-up stops naming it', () => {
    for (const bad of ['lots', '12', '2.5', '1000000']) {
      expect(() => loadConfig({ MAX_MESSAGE_LENGTH: bad })).toThrow(/MAX_MESSAGE_LENGTH/);
    }
  });
});
