import { REDACTED, redactSecrets } from '../../src/safety/secret-redactor';
import { mustHide, mustKeep, splitAcross } from './redaction-corpus';

/** Letters and digits only, look-alikes folded, upper case: how a leak is looked for. */
function compact(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g, '')
    .replace(/[АВЕКМНОРСТХаеорсх]/g, (ch) => 'ABEKMHOPCTXaeopcx'['АВЕКМНОРСТХаеорсх'.indexOf(ch)]!)
    .replace(/[ΑΒΕΖΗΙΚΜΝΟΡΤΥΧονκ]/g, (ch) => 'ABEZHIKMNOPTYXovk'['ΑΒΕΖΗΙΚΜΝΟΡΤΥΧονκ'.indexOf(ch)]!)
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase();
}


function leaks(output: string, text: string, secret: string): string[] {
  const out = compact(output);
  const pieces = text
    .split(/[^\p{L}\p{N}\u200B-\u200F\u2060\u00AD]+/u)
    .map(compact)
    .filter((piece) => piece.length >= 4 && compact(secret).includes(piece));
  return [compact(secret), ...pieces].filter((piece) => out.includes(piece));
}

describe('redaction corpus', () => {
  test('when the corpus is counted, then it has at least 150 shapes to hide, 60 look-alikes and 8 split codes', () => {
    expect(mustHide.length).toBeGreaterThanOrEqual(150);
    expect(mustKeep.length).toBeGreaterThanOrEqual(60);
    expect(splitAcross.length).toBeGreaterThanOrEqual(8);
    expect(new Set(mustHide.map((c) => c.name)).size).toBe(mustHide.length);
    expect(new Set(mustKeep.map((c) => c.name)).size).toBe(mustKeep.length);
  });

  test.each(mustHide.map((c) => [c.name, c] as const))('when a customer sends %s, then no piece of the code is left', (_name, c) => {
    const { text } = redactSecrets(c.text);
    expect(text).toContain(REDACTED);
    expect(leaks(text, c.text, c.secret)).toEqual([]);
  });

  test.each(mustKeep.map((c) => [c.name, c] as const))('when a customer sends %s, then it reaches the bot unchanged', (_name, c) => {
    expect(redactSecrets(c.text)).toEqual({ text: c.text, found: [], endsWithCode: expect.any(Boolean) });
  });

  test.each(splitAcross.map((c) => [c.name, c] as const))('when a customer sends %s over two messages, then neither leaks a piece of it', (_name, c) => {
    const first = redactSecrets(c.messages[0]);
    expect(first.endsWithCode).toBe(true);
    const second = redactSecrets(c.messages[1], { afterCode: first.endsWithCode });
    expect(second.text).toContain(REDACTED);
    const both = `${first.text}\n${second.text}`;
    expect(leaks(both, c.messages.join(' '), c.secret)).toEqual([]);
  });
});
