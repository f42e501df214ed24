import { argumentFields, errorFields } from '../../../src/core/error-fields';

describe('errorFields', () => {
  test('when an error carries a multi-line message and a code, then the message is its first line, the frames one line, the code a string', () => {
    const error = Object.assign(new Error('CloudAdapter.processActivityDirect(): ERROR\n Error: inner\n    at deep (/x/y.ts:1:2)'), { code: 401 });
    const fields = errorFields(error);
    expect(fields).toMatchObject({ message: 'CloudAdapter.processActivityDirect(): ERROR', name: 'Error', code: '401' });
    expect(fields.stack).toMatch(/^\S/);
    expect(fields.stack).not.toContain('\n');
    expect(fields.stack).not.toContain('inner'); // frames only: message text never rides along in the stack
  });

  test('when a stack is logged as a string, then the first line is the message and at most five frames are kept', () => {
    const text = ['TypeError: boom', ...Array.from({ length: 9 }, (_, i) => `    at f${i} (/a.js:${i}:1)`)].join('\n');
    const fields = errorFields(text);
    expect(fields.message).toBe('TypeError: boom');
    expect(fields.stack?.split(' | ')).toEqual(['f0 (/a.js:0:1)', 'f1 (/a.js:1:1)', 'f2 (/a.js:2:1)', 'f3 (/a.js:3:1)', 'f4 (/a.js:4:1)']);
  });

  test('when something that is not an error or a string is thrown, then only its kind is said, never its contents', () => {
    expect(errorFields({ text: 'my code X7KQ-9PLM-4RTZ-2WVB', token: 'secret' })).toEqual({ message: '(object)' });
    expect(errorFields(null)).toEqual({ message: '(null)' });
  });

  test('when a message is very long, then it is cut to 300 characters', () => {
    expect(errorFields('x'.repeat(1000)).message).toHaveLength(301);
  });
});

describe('argumentFields', () => {
  test('when a logger is called with words and an error, then the words lead the error message and objects are dropped', () => {
    const fields = argumentFields(['Exception in inbound interception', { body: 'private' }, new RangeError('out of range')]);
    expect(fields).toMatchObject({ message: 'Exception in inbound interception: out of range', name: 'RangeError' });
    expect(JSON.stringify(fields)).not.toContain('private');
  });

  test('when only strings are given, then they are one message', () => {
    expect(argumentFields(['Request body exceeded', 'the maximum allowed size'])).toEqual({ message: 'Request body exceeded the maximum allowed size' });
  });
});
