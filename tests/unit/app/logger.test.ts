import { jsonLogger } from '../../../src/app/logger';
import { loadConfig } from '../../../src/config/config';
import { LOG_LEVELS, type LogLevel } from '../../../src/core/logger';

function capture(level?: LogLevel) {
  const lines: string[] = [];
  const log = jsonLogger((line) => lines.push(line), level ? { level } : {});
  const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, lines, parsed };
}

describe('jsonLogger: msg', () => {
  test('when a line is logged with an event only, then its msg is the event, and event stays the first field after level and time', () => {
    const { log, lines, parsed } = capture();
    log.info('listening', { port: 3978 });
    expect(parsed()[0]).toEqual({ level: 'info', time: expect.any(String), event: 'listening', port: 3978, msg: 'listening' });
    // tests/helpers/serve-process.ts and log readers match on this order.
    expect(lines[0]).toMatch(/^\{"level":"info","time":"[^"]+","event":"listening","port":3978,/);
  });

  test('when the fields carry a msg, then it is the line\'s msg, not a field twice, and a gift card code in it is hidden', () => {
    const { log, parsed } = capture();
    log.warn('not-ready', { msg: 'storage went away while reading X7KQ-9PLM-4RTZ-2WVB', storage: 'redis' });
    const [line] = parsed();
    expect(line).toMatchObject({ level: 'warn', event: 'not-ready', storage: 'redis' });
    expect(line!.msg).toMatch(/^storage went away while reading /);
    expect(JSON.stringify(line)).not.toContain('X7KQ-9PLM-4RTZ-2WVB');
  });

  test('when a credential or a code is in a field, then the existing hiding still applies', () => {
    const { log, lines } = capture();
    log.error('agent-refused', { token: 'agent-token-0123456789', text: 'my code is X7KQ-9PLM-4RTZ-2WVB', route: '/X7KQ-9PLM-4RTZ-2WVB' });
    expect(lines.join('')).not.toContain('agent-token-0123456789');
    expect(lines.join('')).not.toContain('X7KQ-9PLM-4RTZ-2WVB');
    expect(JSON.parse(lines[0]!)).toMatchObject({ token: '[redacted]', msg: 'agent-refused' });
  });
});

describe('jsonLogger: LOG_LEVEL', () => {
  const writeAll = (level: LogLevel) => {
    const { log, parsed } = capture(level);
    log.debug('a-debug');
    log.info('an-info');
    log.warn('a-warn');
    log.error('an-error');
    return parsed().map((line) => `${String(line.level)}:${String(line.event)}`);
  };

  test.each<[LogLevel, string[]]>([
    ['debug', ['debug:a-debug', 'info:an-info', 'warn:a-warn', 'error:an-error']],
    ['info', ['info:an-info', 'warn:a-warn', 'error:an-error']],
    ['warn', ['warn:a-warn', 'error:an-error']],
    ['error', ['error:an-error']],
    ['silent', []],
  ])('when the level is %s, then only the lines at it and above are written', (level, expected) => {
    expect(writeAll(level)).toEqual(expected);
  });

  test('when no level is given, then it is info (debug lines are dropped)', () => {
    const { log, parsed } = capture();
    log.debug('a-debug');
    log.info('an-info');
    expect(parsed().map((line) => line.event)).toEqual(['an-info']);
  });

  test('when LOG_LEVEL is unset, empty or each allowed value, then the config has it; a bad value stops start-up naming the variable and the values', () => {
    expect(loadConfig({}).LOG_LEVEL).toBe('info');
    expect(loadConfig({ LOG_LEVEL: '' }).LOG_LEVEL).toBe('info');
    for (const level of LOG_LEVELS) expect(loadConfig({ LOG_LEVEL: level }).LOG_LEVEL).toBe(level);
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL: must be one of debug, info, warn, error, silent/);
    expect(() => loadConfig({ LOG_LEVEL: 'INFO' })).toThrow(/LOG_LEVEL/);
  });
});
