import { parseCommandArgs } from '../../../src/cli/io';

const OPTIONS = { conversation: { type: 'string' }, yes: { type: 'boolean' } } as const;

test('when a conversation id starts with "-" (base64url), then it is the option\'s value', () => {
  const { values } = parseCommandArgs(['--conversation', '-v_ysMoIe4qVCyezxM0eng', '--yes'], OPTIONS, false);
  expect(values).toEqual({ conversation: '-v_ysMoIe4qVCyezxM0eng', yes: true });
});

test('when the value is forgotten and the next option follows, then it is still a usage error', () => {
  expect(() => parseCommandArgs(['--conversation', '--yes'], OPTIONS, false)).toThrow(/--conversation/);
});

test('when "--name=value" is written, then it reads as before', () => {
  expect(parseCommandArgs(['--conversation=abc'], OPTIONS, false).values).toEqual({ conversation: 'abc' });
});
