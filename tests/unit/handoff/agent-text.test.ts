import { AGENT_TEXT_MAX, isWebUrl, sanitizeAgentText } from '../../../src/handoff/agent-text';
import { isSafeMarkdown } from '../../../src/handoff/agent-markdown';

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
    expect(sanitizeAgentText('see <a href="javascript:alert(1)"\nthanks')).toBe('see\nthanks');
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
  test('when a markdown link goes to https, then it is kept as a link', () => {
    expect(sanitizeAgentText('See [the help page](https://help.example/redeem).')).toBe('See [the help page](https://help.example/redeem).');
  });

  test('when a markdown link goes to plain http, then the label stays and the address is shown as code, never a link', () => {
    expect(sanitizeAgentText('[local](http://localhost:3978/x)')).toBe('local (`http://localhost:3978/x`)');
    expect(sanitizeAgentText('[http://a.example/](http://a.example/)')).toBe('`http://a.example/`');
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
    expect(sanitizeAgentText('line one\n\tline two')).toBe('line one\nline two');
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

describe('sanitizeAgentText: markdown read by a real parser (issue 12)', () => {
  /** What Web Chat's markdown-it (links on) would make of the text: no image, no HTML, only https links. */
  const safe = (text: string) => isSafeMarkdown(sanitizeAgentText(text));

  test('when an image alt text holds nested brackets, then no image survives and the http target is gone', () => {
    const out = sanitizeAgentText('![a [b] c](http://evil.example/pixel.png)');
    expect(out).toBe('a [b] c');
    expect(isSafeMarkdown(out)).toBe(true);
    expect(out).not.toContain('evil.example');
  });

  test('when an image with nested brackets points at https, then it becomes text and a link, never an image', () => {
    expect(sanitizeAgentText('![a [b] c](https://img.example/p.png)')).toBe('a [b] c: https://img.example/p.png');
    expect(sanitizeAgentText('[![logo](https://img.example/p.png)](https://help.example)')).toBe('[logo: https://img.example/p.png](https://help.example)');
  });

  test('when a link label nests brackets and the target is javascript:, then only the label is left', () => {
    expect(sanitizeAgentText('[refund [now]](javascript:alert(1))')).toBe('refund [now]');
  });

  test('when HTML arrives as entities, then decoding does not bring a tag back', () => {
    expect(sanitizeAgentText('&lt;script&gt;alert(1)&lt;/script&gt; hi')).toBe('alert(1) hi');
    expect(sanitizeAgentText('&lt;img src=x onerror=alert(1)&gt;ok')).toBe('ok');
  });

  test('when a link is escaped so it only becomes one once unescaped, then it is judged too', () => {
    expect(sanitizeAgentText('\\[free](javascript:alert(1))')).toBe('free');
  });

  test('when text holds bare addresses, then https stays linkable and http or bare domains are shown as code', () => {
    expect(sanitizeAgentText('visit www.example.com or http://x.example/a and https://ok.example')).toBe('visit `www.example.com` or `http://x.example/a` and https://ok.example');
  });

  test('when a link goes to mailto: or tel:, then the label stays with the address beside it as text', () => {
    expect(sanitizeAgentText('[mail us](mailto:help@x.example) or [call](tel:+15551234)')).toBe('mail us (help@x.example) or call (+15551234)');
    expect(sanitizeAgentText('[+1 555 1234](tel:+1%20555%201234)')).toBe('+1 555 1234');
  });

  test('when a link carries a title, then the title goes and the link stays', () => {
    expect(sanitizeAgentText('[a](https://x.example "hover text")')).toBe('[a](https://x.example)');
  });

  test('when the agent formats with lists, quotes, emphasis and code, then the formatting stays', () => {
    expect(sanitizeAgentText('- one\n- two\n\n> **bold** and `code`')).toBe('- one\n- two\n\n> **bold** and `code`');
    // Inside code nothing is a link or a tag: it is shown as typed (tags still go, as everywhere).
    expect(sanitizeAgentText('```\n<b>not html</b> [x](javascript:y)\n```')).toBe('```\nnot html [x](javascript:y)\n```');
  });

  test('when the corpus of hostile texts is sanitised, then a markdown renderer finds nothing unsafe in any of them', () => {
    const hostile = [
      '![a [b] c](http://evil.example/x.png)',
      '![x](data:image/png;base64,AAAA)',
      '[x](javascript:alert(1))',
      '<a href="javascript:alert(1)">x</a>',
      '[x][r]\n\n[r]: javascript:alert(1)',
      '[x](<javascript:alert(1)>)',
      '[x](  javascript:alert(1)  )',
      '[x](java\nscript:alert(1))',
      '[x](&#106;avascript:alert(1))',
      '<http://plain.example>',
      '![x](https://ok.example/a.png "t")',
      '[a](https://ok.example/(x)y))',
      '[![x](http://e.example/p)](javascript:y)',
      '![[![x](http://e.example/p)]](http://e.example/q)',
    ];
    for (const text of hostile) expect([text, safe(text)]).toEqual([text, true]);
  });

  test('when the rules are applied twice, then nothing more changes', () => {
    for (const text of ['![a [b] c](https://img.example/p.png)', 'see [x](https://a.example) and http://b.example', '- a\n- b', 'a < b > c']) {
      const once = sanitizeAgentText(text);
      expect(sanitizeAgentText(once)).toBe(once);
    }
  });
});
