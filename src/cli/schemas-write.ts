import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Io } from './io';
import { jsonSchemas } from './json-schemas';

/** `giftbot schemas write`: the JSON Schemas data files point at with `$schema`, from the zod schemas. */
export async function schemasWrite(_args: string[], io: Io): Promise<number> {
  const dir = path.join(io.cwd, 'schemas');
  mkdirSync(dir, { recursive: true });
  for (const [file, schema] of Object.entries(jsonSchemas())) {
    writeFileSync(path.join(dir, file), `${JSON.stringify(schema, null, 2)}\n`);
    io.out(`wrote schemas/${file}\n`);
  }
  return 0;
}
