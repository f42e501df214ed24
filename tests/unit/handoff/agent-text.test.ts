import { AGENT_TEXT_MAX, isWebUrl, sanitizeAgentText } from '../../../src/handoff/agent-text';

/** Anything a browser would read as the start of a tag, comment or doctype. */
const TAG_SHAPE = /<\/?[a-zA-Z!?][^>]*>/;

describe('sanitizeAgentText: markup', () => {
  test('when the text holds a script tag, then the tags go and the words stay as plain text', () => {
    expect(sanitizeAgentText('<script>alert(1)</script>Hi there')).toBe('alert(1)Hi there');
  });

  test('when the text holds an image with an onerror handler, then nothing of it is left', () => {
    expect(sanitizeAgentText('<img src=x onerror="alert(1)">Try again')).toBe('Try again');
  });

  test('when the text holds an iframe, then it is removed', () => {
    expect(sanitizeAgentText('<iframe src="https://evil.example"></iframe>ok')).toBe('ok');
  });

  test('when the text holds an HTML comment or doctype, then it is removed', () => {
    expect(sanitizeAgentText('a <!-- internal note --> b')).toBe('a  b');
    expect(sanitizeAgentText('<!DOCTYPE html>hello')).toBe('hello');
  });

  test('when a lone "<" is used as a comparison, then it is kept', () => {
    expect(sanitizeAgentText('cards under < $50 and a < b')).toBe('cards under < $50 and a < b');
    expect(sanitizeAgentText('3 > 2')).toBe('3 > 2');
  });

  test('when a tag is opened and never closed, then the rest of its line goes with it and the next line stays', () => {
    expect(sanitizeAgentText('refund approved <img src=x onerror=alert(1)')).toBe('refund approved');
    expect(sanitizeAgentText('see <a href="javascript:alert(1)"\nthanks')).toBe('see \nthanks');
  });

  test('when control characters split a tag name, then they are removed first and the tag still goes', () => {
    expect(sanitizeAgentText('<scr\u0000ipt>x</scr\u0007ipt>')).toBe('x');
  });

  // Fails today: tags are stripped in one pass, so removing an inner tag joins the outer pieces
  // into a new tag, and link rewriting (after tag stripping) can do the same
  // (src/handoff/agent-text.ts, sanitizeAgentText).
  test('when removing one tag or link would leave a new tag behind, then that tag goes too', () => {
    for (const input of ['<<b>script>alert(1)<</b>/script>', '<<i>img src=x onerror=alert(1)>', '<[img](javascript:x) src=x onerror=alert(1)>']) {
      expect(sanitizeAgentText(input)).not.toMatch(TAG_SHAPE);
    }
  });
});

describe('sanitizeAgentText: links and images', () => {
  test('when a markdown link goes to http or https, then it is kept as a link', () => {
    expect(sanitizeAgentText('See [the help page](https://help.example/redeem).')).toBe('See [the help page](https://help.example/redeem).');
    expect(sanitizeAgentText('[local](http://localhost:3978/x)')).toBe('[local](http://localhost:3978/x)');
  });

  test('when a markdown link goes to javascript:, data: or vbscript:, then only its label is left', () => {
    expect(sanitizeAgentText('[click me](javascript:alert(1))')).toBe('click me');
    expect(sanitizeAgentText('[open](JavaScript:alert(document.cookie))')).toBe('open');
    expect(sanitizeAgentText('[doc](data:text/html;base64,PHNjcmlwdD4=)')).toBe('doc');
    expect(sanitizeAgentText('[run](vbscript:msgbox("hi"))')).toBe('run');
  });

  test('when a link target holds one level of parentheses, then the whole target is read', () => {
    expect(sanitizeAgentText('[wiki](https://en.wikipedia.org/wiki/Steam_(service))')).toBe('[wiki](https://en.wikipedia.org/wiki/Steam_(service))');
  });

  test('when a link has a relative or scheme-less target, then only its label is left', () => {
    expect(sanitizeAgentText('[here](/account/settings)')).toBe('here');
    expect(sanitizeAgentText('[there](example.com)')).toBe('there');
  });

  test('when an image points at a web address, then it becomes "alt: url" so nothing loads on its own', () => {
    expect(sanitizeAgentText('![the back of the card](https://img.example/back.png)')).toBe('the back of the card: https://img.example/back.png');
    expect(sanitizeAgentText('![](https://img.example/back.png)')).toBe('https://img.example/back.png');
  });

  test('when an image points anywhere else, then only its alt text is left', () => {
    expect(sanitizeAgentText('![pixel](javascript:track())')).toBe('pixel');
    expect(sanitizeAgentText('![pixel](data:image/png;base64,AAAA)')).toBe('pixel');
  });
});

describe('sanitizeAgentText: characters and length', () => {
  test('when the text holds control characters, then they are removed but tabs and newlines stay', () => {
    expect(sanitizeAgentText('one\u0000two\u0008three\u001bfour\u007f')).toBe('onetwothreefour');
    expect(sanitizeAgentText('line one\n\tline two')).toBe('line one\n\tline two');
  });

  test('when the text holds bidi overrides or isolates, then they are removed so a link cannot be disguised', () => {
    expect(sanitizeAgentText('https://good.example/\u202egnp.exe')).toBe('https://good.example/gnp.exe');
    expect(sanitizeAgentText('a\u202ab\u202bc\u202cd\u202de\u2066f\u2067g\u2068h\u2069i')).toBe('abcdefghi');
  });

  test('when the text has blanks around it, then it is trimmed', () => {
    expect(sanitizeAgentText('  \n hello \t ')).toBe('hello');
  });

  test('when the text is only markup or blanks, then nothing is left', () => {
    expect(sanitizeAgentText('<b></b>')).toBe('');
    expect(sanitizeAgentText(' \u202e ')).toBe('');
  });

  test('when the text is longer than the limit, then it is cut to AGENT_TEXT_MAX characters', () => {
    expect(AGENT_TEXT_MAX).toBe(4000);
    const cut = sanitizeAgentText('x'.repeat(AGENT_TEXT_MAX + 500));
    expect(cut).toHaveLength(AGENT_TEXT_MAX);
    expect(sanitizeAgentText('y'.repeat(AGENT_TEXT_MAX))).toHaveLength(AGENT_TEXT_MAX);
  });

  test('when the text is long only because of markup, then the limit counts what is left', () => {
    const text = `${'<b></b>'.repeat(1000)}${'z'.repeat(AGENT_TEXT_MAX)}`;
    expect(sanitizeAgentText(text)).toBe('z'.repeat(AGENT_TEXT_MAX));
  });
});

describe('isWebUrl', () => {
  test('when the value is an absolute http(s) URL, then it is a web URL', () => {
    expect(isWebUrl('https://example.com')).toBe(true);
    expect(isWebUrl('http://localhost:3978/path?q=1')).toBe(true);
    expect(isWebUrl('HTTPS://EXAMPLE.COM/')).toBe(true);
  });

  test('when the value has another scheme, is relative or is not a URL, then it is not', () => {
    for (const value of ['javascript:alert(1)', 'data:text/html,hi', 'vbscript:x', 'ftp://example.com/file', 'mailto:a@b.example', '/relative/path', 'example.com', '', 'not a url']) {
      expect(isWebUrl(value)).toBe(false);
    }
  });
});
