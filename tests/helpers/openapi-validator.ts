import { spawnSync } from 'node:child_process';
import { ROOT } from './paths';

export interface OpenApiVerdict {
  valid: boolean;
  /** The OpenAPI version the validator recognised (e.g. "3.1"). */
  version: string | undefined;
  errors: unknown;
}

// @seriousme/openapi-schema-validator is ESM only and jest's module system loads CommonJS, so
// the validator runs in a plain Node process, given the document on stdin.
const SCRIPT = `
import { Validator } from '@seriousme/openapi-schema-validator';
let text = '';
for await (const chunk of process.stdin) text += chunk;
const validator = new Validator();
const result = await validator.validate(JSON.parse(text));
process.stdout.write(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors ?? null }));
`;

/** Checks an OpenAPI document (2.0 to 3.2) against the official schemas, with @seriousme/openapi-schema-validator. */
export function validateOpenApi(document: unknown): OpenApiVerdict {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: ROOT, input: JSON.stringify(document), encoding: 'utf8', timeout: 20_000 });
  if (run.status !== 0) throw new Error(`the OpenAPI validator did not run: ${run.stderr}`);
  return JSON.parse(run.stdout) as OpenApiVerdict;
}
