import { redactActivity } from '../../../src/safety/redact-activity';
import { foundAtEdge, IncomingRedactor } from '../../../src/safety/incoming-redactor';
import { SplitCodeMemory } from '../../../src/safety/split-code-memory';

const CODE = 'X7KQ-9PLM-4RTZ-2WVB';
const GUID = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** A Teams activity with a code in every kind of field, and ids that look like codes. */
const teams = () => ({
  type: 'message',
  id: '1718000000000',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/amer/',
  timestamp: '2024-06-10T12:00:00.000Z',
  conversation: { id: `a:1${GUID}`, tenantId: GUID, conversationType: 'personal' },
  from: { id: `29:1${GUID}`, aadObjectId: GUID, name: `Ana ${CODE}` },
  recipient: { id: `28:${GUID}`, name: 'giftbot' },
  text: `my code ${CODE}`,
  attachments: [{ contentType: 'text/html', content: `<p>my code ${CODE}</p>`, name: `${CODE}.png` }],
  entities: [{ type: 'mention', mentioned: { id: `28:${GUID}`, name: 'giftbot' }, text: `<at>${CODE}</at>` }],
  channelData: { tenant: { id: GUID }, clientActivityID: 'k3j9x0q8f2p', note: { deep: [[{ code: CODE }]] }, [CODE]: 1 },
  value: { action: { data: { code: CODE } } },
});

describe('redactActivity', () => {
  test('when a code is in every field, then no string and no key holds it, and the copy says what was found', () => {
    const original = teams();
    const { activity, found } = redactActivity(original);
    expect(JSON.stringify(activity)).not.toContain('X7KQ');
    expect(found).toEqual(['code']);
    expect(activity.text).toBe('my code [code hidden]');
    expect(activity.channelData).toHaveProperty(['[code hidden]'], 1);
    expect(original.text).toBe(`my code ${CODE}`); // a copy
  });

  test('when ids look like codes, then the protocol fields routing needs are kept as sent', () => {
    const { activity } = redactActivity(teams());
    const original = teams();
    expect([activity.id, activity.serviceUrl, activity.conversation.id, activity.conversation.tenantId, activity.from.id, activity.from.aadObjectId, activity.recipient.id]).toEqual([
      original.id, original.serviceUrl, original.conversation.id, original.conversation.tenantId, original.from.id, original.from.aadObjectId, original.recipient.id,
    ]);
    expect(activity.entities[0]!.mentioned.id).toBe(`28:${GUID}`);
    expect(activity.channelData.tenant.id).toBe(GUID);
    expect(activity.channelData.clientActivityID).toBe('k3j9x0q8f2p');
  });

  test("when a code is in an id that isn't a protocol id, then it is redacted like anything else", () => {
    // The allow-list is by path, not by key name: a customer can't smuggle a code through an "id" key.
    const { activity } = redactActivity({ type: 'message', channelData: { id: CODE, clientActivityID: CODE }, entities: [{ type: 'x', id: CODE }] });
    expect(JSON.stringify(activity)).not.toContain('X7KQ');
    expect(activity.channelData.clientActivityID).toBe('[code hidden]');
  });

  test("when Web Chat stamps a message with its localTimestamp, then it is kept and nothing counts as found", () => {
    // Date#toISOString on every Web Chat message: read as a code, it set off the hidden-code notice each time.
    for (const stamp of ['2026-12-06T12:02:50.723Z', '2026-12-06T12:02:50Z', '2026-12-06T12:02:50.723+01:00']) {
      const { activity, found } = redactActivity({ type: 'message', text: 'hello', localTimestamp: stamp, localTimezone: 'Europe/London' });
      expect({ stamp, kept: activity.localTimestamp, found }).toEqual({ stamp, kept: stamp, found: [] });
    }
  });

  test('when localTimestamp holds anything but a timestamp, then it is redacted like the rest', () => {
    const { activity, found } = redactActivity({ type: 'message', localTimestamp: CODE, channelData: { localTimestamp: '2026-12-06T12:02:50Z' } });
    expect(activity.localTimestamp).toBe('[code hidden]');
    expect(found).toContain('code');
    // Kept by path only: the same shape elsewhere is read like any other string.
    expect(activity.channelData.localTimestamp).toBe('[code hidden]');
  });

  test('when a value is nested past the depth cut, then it is cut, not walked', () => {
    let deep: unknown = CODE;
    for (let i = 0; i < 40; i++) deep = [deep];
    const { activity } = redactActivity({ type: 'event', value: deep });
    expect(JSON.stringify(activity)).not.toContain('X7KQ');
    expect(JSON.stringify(activity)).toContain('null');
  });

  test('when a key is "__proto__", then it stays a key and no prototype changes', () => {
    const body = JSON.parse(`{"type":"message","__proto__":{"polluted":"${CODE}"},"channelData":{"__proto__":{"x":"${CODE}"}}}`) as object;
    const { activity } = redactActivity(body);
    expect(Object.getPrototypeOf(activity)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(activity)).toContain('__proto__');
    expect(JSON.stringify(activity)).not.toContain('X7KQ');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('when a timestamp is a Date, then it stays a Date', () => {
    const at = new Date();
    expect(redactActivity({ type: 'message', timestamp: at, localTimestamp: at }).activity).toEqual({ type: 'message', timestamp: at, localTimestamp: at });
  });

  test('when a cut is given, then the text is cut before it is redacted', () => {
    expect(redactActivity({ text: 'hello world' }, { cut: (t) => t.slice(0, 5) }).activity.text).toBe('hello');
  });
});

describe('IncomingRedactor', () => {
  test('when an activity is redacted at the edge, then what was found travels with its copies and not into JSON', () => {
    const redacted = new IncomingRedactor().redact(teams());
    expect(foundAtEdge({ ...redacted })).toEqual(['code']);
    expect(JSON.stringify(redacted)).not.toContain('foundAtEdge');
    expect(foundAtEdge(teams())).toEqual([]);
  });

  test('when a message ends with a code, then the next message of that conversation only is read after a code', () => {
    const memory = new SplitCodeMemory();
    const redactor = new IncomingRedactor({ memory });
    const say = (conversation: string, text: string, type = 'message') => redactor.redact({ type, channelId: 'directline', conversation: { id: conversation }, text });
    say('a', `first half ${CODE}`);
    expect(memory.afterCode('directline\u0000a')).toBe(true);
    say('a', 'typing…', 'typing'); // a typing indicator in between does not break the sequence
    expect(memory.afterCode('directline\u0000a')).toBe(true);
    expect(memory.afterCode('directline\u0000b')).toBe(false);
    say('a', 'thanks');
    expect(memory.afterCode('directline\u0000a')).toBe(false);
  });
});

describe('SplitCodeMemory', () => {
  test('when more conversations than its capacity end with a code, then the oldest is forgotten', () => {
    const memory = new SplitCodeMemory(2);
    memory.remember('a', true);
    memory.remember('b', true);
    memory.remember('c', true);
    expect([memory.afterCode('a'), memory.afterCode('b'), memory.afterCode('c'), memory.size]).toEqual([false, true, true, 2]);
  });

  test('when the next message comes after the time limit, then it is not read as the rest of a code', () => {
    let now = 0;
    const memory = new SplitCodeMemory(10, 1000, () => now);
    memory.remember('a', true);
    now = 1000;
    expect(memory.afterCode('a')).toBe(true);
    now = 1001;
    expect(memory.afterCode('a')).toBe(false);
  });
});
