import type { z } from 'zod';

/** One thing wrong with a data file, located precisely enough to fix it. */
export interface Problem {
  file: string;
  /** Where inside the file: `errors[1].title`, or `flow › step` for dialogs; empty for the whole file. */
  path: string;
  message: string;
}

/** `file › path: what to fix` — the one format every validator prints. */
export function formatProblem(problem: Problem): string {
  const where = problem.path ? `${problem.file} › ${problem.path}` : problem.file;
  return `${where}: ${problem.message}`;
}

/** `errors[1].title` from zod's `['errors', 1, 'title']`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    const name = String(key);
    return out ? `${out}.${name}` : name;
  }, '');
}

/** zod's messages say what is wrong; support staff need to read what to do about it. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `is missing: add ${withArticle(issue.expected)}`
        : `must be ${withArticle(issue.expected)}, not ${describeValue(issue.input)}`;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove or rename ${issue.keys.length > 1 ? 'them' : 'it'}`;
    case 'too_small':
      return issue.origin === 'array' ? `needs at least ${String(issue.minimum)} item(s)` : issue.message;
    // zod's own message reads well enough for these; a code a zod upgrade adds stops the typecheck here.
    case 'too_big':
    case 'invalid_format':
    case 'not_multiple_of':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'invalid_value':
    case 'custom':
      return issue.message;
    default: {
      const unknown: never = issue;
      return (unknown as z.core.$ZodIssue).message;
    }
  }
}

function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** Parse options for data files: keep the offending input so messages can quote it. */
export const REPORT_INPUT = { reportInput: true } as const;

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

export function problemsFromZod(file: string, error: z.ZodError, prefix = ''): Problem[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    return { file, path: prefix && path ? `${prefix}.${path}` : prefix || path, message: describeIssue(issue) };
  });
}

/** Thrown when data files are broken: start-up stops with every problem, nothing half-loaded. */
export class DataProblemsError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'DataProblemsError';
  }
}
