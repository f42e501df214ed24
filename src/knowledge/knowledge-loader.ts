import { existsSync } from 'node:fs';
import path from 'node:path';
import { DataProblemsError, REPORT_INPUT, problemsFromZod, type Problem } from '../validation/problem';
import { listJsonFiles, parseJsonFile } from '../validation/json-file';
import { BrandSchema, GenericSchema, type Brand } from './brand-schema';
import { checkReferences } from './knowledge-check';
import { GENERIC_FILE, type KnowledgeData } from './knowledge-data';

export interface KnowledgeCheck {
  data: KnowledgeData;
  problems: Problem[];
}

/** Validates a knowledge folder in two stages: each file's structure, then references across them. */
export function checkKnowledgeDir(dir: string): KnowledgeCheck {
  const data: KnowledgeData = { dir, brands: [], generic: null };
  const problems: Problem[] = [];
  const fileOf = new Map<Brand, string>();
  const listed = listJsonFiles(dir, 'knowledge');
  if ('problem' in listed) return { data, problems: [listed.problem] };
  const { files } = listed;
  for (const file of files) {
    const parsed = parseJsonFile(path.join(dir, file), file);
    if (!parsed.ok) {
      problems.push(parsed.problem);
      continue;
    }
    if (file === GENERIC_FILE) {
      const generic = GenericSchema.safeParse(parsed.value, REPORT_INPUT);
      if (generic.success) data.generic = generic.data;
      else problems.push(...problemsFromZod(file, generic.error));
    } else {
      const brand = BrandSchema.safeParse(parsed.value, REPORT_INPUT);
      if (brand.success) {
        data.brands.push(brand.data);
        fileOf.set(brand.data, file);
      } else problems.push(...problemsFromZod(file, brand.error));
    }
  }
  if (files.filter((f) => f !== GENERIC_FILE).length === 0) {
    problems.push({ file: dir, path: '', message: 'has no brand files: import an article with `giftbot kb import`' });
  }
  // References only mean something once every file has the right shape.
  if (problems.length === 0) {
    for (const [brand, file] of fileOf) {
      if (file !== `${brand.id}.json`) problems.push({ file, path: 'id', message: `is "${brand.id}" but the file is ${file}: rename the file to ${brand.id}.json or fix the id` });
    }
    problems.push(...checkReferences(data, (rel) => existsSync(path.join(dir, rel))));
  }
  return { data, problems };
}

/** Loads a knowledge folder, or throws with every problem: it never half-loads. */
export function loadKnowledgeDir(dir: string): KnowledgeData {
  const { data, problems } = checkKnowledgeDir(dir);
  if (problems.length > 0) throw new DataProblemsError(problems);
  return data;
}
