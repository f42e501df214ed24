import { AGENT_NAME_FALLBACK, AGENT_NAME_MAX, sanitizeAgentName } from '../../../src/handoff/agent-name';

describe('sanitizeAgentName', () => {
  test('when a name is ordinary, then it is kept as written', () => {
    for (const name of ['Ana', "O'Brien-Smith", 'José Ñúñez', 'Dr. Who', 'ana@contoso.com']) expect(sanitizeAgentName(name)).toBe(name);
  });

  test('when a name holds a markdown image, then only its alt text is left and nothing can load', () => {
    expect(sanitizeAgentName('![x](http://evil.example/pixel.png)')).toBe('x');
    expect(sanitizeAgentName('Ana ![x](https://evil.example/p.png)')).toBe('Ana x');
    expect(sanitizeAgentName('![a [b] c](http://e.example/p)')).toBe('a b c');
  });

  test('when a name is a link or holds an address, then no address is left', () => {
    expect(sanitizeAgentName('[Ana](https://evil.example)')).toBe('Ana');
    expect(sanitizeAgentName('Zoë www.example.com')).toBe('Zoë');
    expect(sanitizeAgentName('Bo https://evil.example/x')).toBe('Bo');
    expect(sanitizeAgentName('javascript://x')).toBe(AGENT_NAME_FALLBACK);
  });

  test('when a name holds tags, emphasis, control or bidi characters, then they go', () => {
    expect(sanitizeAgentName('Ana <img src=x onerror=alert(1)>')).toBe('Ana');
    expect(sanitizeAgentName('**Bold** _Ana_')).toBe('Bold Ana');
    expect(sanitizeAgentName('\u202eana\u0000')).toBe('ana');
  });

  test('when nothing readable is left, then the agent is called "Agent"', () => {
    for (const name of ['   ', '<b></b>', '![](https://x.example/p.png)', '***']) expect(sanitizeAgentName(name)).toBe(AGENT_NAME_FALLBACK);
  });

  test('when a name is very long, then it is cut to AGENT_NAME_MAX characters', () => {
    expect(sanitizeAgentName('x'.repeat(500))).toHaveLength(AGENT_NAME_MAX);
  });
});
