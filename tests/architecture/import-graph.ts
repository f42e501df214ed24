import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ROOT } from '../helpers/paths';

/** One import as written in a source file: static, re-export, `import x = require`, dynamic `import()` or `require()`. */
export interface ImportEdge {
  /** The importing file, relative to the project root with '/' separators (src/bot/giftbot.ts). */
  from: string;
  /** The module specifier as written ('botbuilder', '../core/logger'). */
  spec: string;
  /** The file a relative specifier names, relative to the root; null for packages (and unresolved paths). */
  target: string | null;
  /** Erased at compile time (`import type`, only `type` specifiers, `typeof import(…)`): nothing runs. */
  typeOnly: boolean;
}

/** Every file under `dir` (relative to the root), depth first, '/'-separated. */
export function filesUnder(dir: string): string[] {
  const walk = (rel: string): string[] =>
    readdirSync(path.join(ROOT, rel)).flatMap((name) => {
      const child = `${rel}/${name}`;
      return statSync(path.join(ROOT, child)).isDirectory() ? walk(child) : [child];
    });
  return existsSync(path.join(ROOT, dir)) ? walk(dir) : [];
}

/** The TypeScript sources of src/ (declaration files carry no imports of their own that run). */
export function sourceFiles(): string[] {
  return filesUnder('src').filter((file) => /\.(ts|tsx|mts)$/.test(file) && !file.endsWith('.d.ts'));
}

/** What `file` imports, read from its syntax tree (so comments and strings that look like imports don't count). */
export function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edges: ImportEdge[] = [];
  const add = (specifier: ts.Expression, typeOnly: boolean): void => {
    if (ts.isStringLiteralLike(specifier)) edges.push({ from: file, spec: specifier.text, target: resolveSpec(file, specifier.text), typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(node.moduleSpecifier, isTypeOnlyImport(node.importClause));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      add(node.moduleSpecifier, node.isTypeOnly || (named !== undefined && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const callee = node.expression;
      const dynamic = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
      if (dynamic) add(node.arguments[0]!, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** `import type …`, or named imports that are all `type`: TypeScript erases the whole statement. */
function isTypeOnlyImport(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false; // `import 'x'` runs x for its side effects
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function resolveSpec(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.posix.join(path.posix.dirname(from), spec).replace(/\.(js|ts|mjs|mts)$/, '');
  return [`${base}.ts`, `${base}.tsx`, `${base}.mts`, `${base}/index.ts`].find((candidate) => existsSync(path.join(ROOT, candidate))) ?? null;
}

/** The import graph of `files`: each file and the files it imports (type-only imports included). */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  return new Map(files.map((file) => [file, [...new Set(importsOf(file).flatMap((edge) => (edge.target ? [edge.target] : [])))]]));
}

/** Files `start` loads when it runs, itself included: value imports only, followed through src/. */
export function runtimeClosure(start: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [start];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const edge of importsOf(file)) {
      if (edge.typeOnly) continue;
      if (edge.target) pending.push(edge.target);
      else if (!edge.spec.startsWith('.')) packages.add(edge.spec);
    }
  }
  return { files, packages };
}

/**
 * The import circles: strongly connected components of more than one file, or a file that imports
 * itself (Tarjan's algorithm). Each circle's files are listed in path order.
 */
export function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const strong = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) circles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) strong(v);
  return circles;
}
