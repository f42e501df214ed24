import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { badLines, EnvFileError, loadEnvFile } from '../../../src/cli/env-file';
import { scratchDir } from '../../helpers/paths';

describe('badLines', () => {
  test('when lines are assignments, comments, blanks, export lines or inside a quoted multi-line value, then none is bad', () => {
    expect(badLines('# c\n\nA=1\n  B = two \nexport C=3\nD="multi\nline value\nends"\nE=\'x\'\nF=\nG.H-I=ok\r\nJ=`a\nb`\n')).toEqual([]);
  });

  test('when a line has no =, starts with = or has a bad name, then its number is reported', () => {
    expect(badLines('A=1\nSLACK_BOT_TOKEN xoxb-1\n=value\n1ABC=x\nOK=1\n')).toEqual([2, 3, 4]);
  });
});

describe('loadEnvFile', () => {
  const scratch = scratchDir();
  afterAll(() => scratch.cleanup());

  // Whether the environment wins is process.loadEnvFile's rule; jest gives each test file its own
  // copy of process.env, so that is shown through the real bin (tests/cli/env-file.test.ts).
  test('when .env exists and every line is good, then it is handed to the loader, and its path returned', () => {
    writeFileSync(path.join(scratch.dir, '.env'), 'A=1\n# comment\nB="two"\n');
    const loaded: string[] = [];
    expect(loadEnvFile(scratch.dir, (file) => loaded.push(file))).toBe(path.join(scratch.dir, '.env'));
    expect(loaded).toEqual([path.join(scratch.dir, '.env')]);
  });

  test('when there is no .env, then nothing is loaded', () => {
    const { dir, cleanup } = scratchDir();
    let loaded = false;
    expect(loadEnvFile(dir, () => (loaded = true))).toBeUndefined();
    expect(loaded).toBe(false);
    cleanup();
  });

  test('when .env is a folder or has a bad line, then EnvFileError says so and nothing is loaded', () => {
    const { dir, cleanup } = scratchDir();
    let loaded = false;
    mkdirSync(path.join(dir, '.env'));
    expect(() => loadEnvFile(dir, () => (loaded = true))).toThrow(new EnvFileError(`${path.join(dir, '.env')} can't be read (EISDIR)`));
    cleanup();
    writeFileSync(path.join(scratch.dir, '.env'), 'A=1\nnot an assignment\nalso not\n');
    expect(() => loadEnvFile(scratch.dir, () => (loaded = true))).toThrow(/lines 2, 3 are not NAME=value/);
    expect(loaded).toBe(false);
  });
});
