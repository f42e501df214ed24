import { parseArgs, type ParseArgsConfig } from 'node:util';
import path from 'node:path';

/** Where a command reads and writes; tests pass their own. Plain functions, not methods, so a
 * command can hand `io.out` on as a callback without binding it. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  stdin: NodeJS.ReadableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
  };
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into usage errors. */
export function parseCommandArgs<T extends Options>(args: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args: joinDashedValues(args, options), allowPositionals, options, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

export const KNOWLEDGE_OPTION = { knowledge: { type: 'string' } } as const;

export function knowledgeDir(io: Io, flag: string | undefined): string {
  // An empty variable counts as unset, as shells and .env files write it.
  return path.resolve(io.cwd, flag ?? (io.env.KNOWLEDGE_DIR || 'knowledge'));
}

/**
 * `--conversation -v_ys…` as `--conversation=-v_ys…`: Direct Line ids are base64url and may start
 * with "-", which parseArgs would otherwise refuse as an ambiguous option. A value starting with
 * "--" is still taken for the next option, so a forgotten value is still reported.
 */
function joinDashedValues(args: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-[^-]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}
