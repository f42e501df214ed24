import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/paths';
import { filesUnder, importCircles, importGraph, importsOf, sourceFiles } from './import-graph';

/**
 * The house rules (docs/architecture.md), read from the code itself: each test fails with the list
 * of offenders, so whoever breaks a rule sees where.
 */
const MAX_LINES = 300;
/** The folders that may run Bot Framework SDK code: the channel and bot edge, the composition root, the CLI, and one storage adapter folder. */
const BOTBUILDER_EDGE = /^src\/(bot|channels|app|cli|storage\/botbuilder)\//;
/** The Bot Framework SDK's packages (botbuilder, botbuilder-dialogs, botframework-connector, …). */
const BOTBUILDER_PACKAGE = /^(botbuilder|botframework)(-[a-z-]+)?(\/|$)/;

describe('house rules', () => {
  const files = sourceFiles();

  test('when the sources are read, then there are files to check (the rules below are not vacuous)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain('src/app/server.ts');
  });

  test('when imports are followed (type-only imports too), then src/ has no import circles', () => {
    const circles = importCircles(importGraph(files)).map((circle) => circle.join(' <-> '));
    expect(circles).toEqual([]);
  });

  test('when a file outside src/app and src/cli imports, then it never imports the composition root src/app', () => {
    const upward = files
      .filter((file) => !/^src\/(app|cli)\//.test(file))
      .flatMap((file) => importsOf(file).filter((edge) => edge.target?.startsWith('src/app/')))
      .map((edge) => `${edge.from} imports ${edge.target}`);
    expect(upward).toEqual([]);
  });

  test(`when a file in src/ or public/ is measured, then it has at most ${MAX_LINES} lines`, () => {
    const long = [...filesUnder('src'), ...filesUnder('public')]
      .map((file) => ({ file, lines: lineCount(readFileSync(path.join(ROOT, file), 'utf8')) }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(long).toEqual([]);
  });

  test('when botbuilder is imported for its values (not `import type`), then only in the edge folders', () => {
    const offEdge = files
      .filter((file) => !BOTBUILDER_EDGE.test(file))
      .flatMap((file) => importsOf(file).filter((edge) => !edge.typeOnly && BOTBUILDER_PACKAGE.test(edge.spec)))
      .map((edge) => `${edge.from} imports ${edge.spec}`);
    expect(offEdge).toEqual([]);
  });
});

/** Lines as an editor numbers them: a final newline does not start another line. */
function lineCount(text: string): number {
  if (text === '') return 0;
  const breaks = text.split('\n').length - 1;
  return text.endsWith('\n') ? breaks : breaks + 1;
}
