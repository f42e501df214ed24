import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseJsonFile } from '../validation/json-file';
import { DataProblemsError, REPORT_INPUT, problemsFromZod, type Problem } from '../validation/problem';
import type { KnowledgeData } from './knowledge-data';
import { OtherBrands, nameKey } from './other-brands';
import { OtherBrandsFileSchema, type OtherBrand } from './other-brands-schema';

/** Where, inside a knowledge folder, the names of brands without an article are kept (a subfolder, so the loader never reads it as a brand file). */
export const OTHER_BRANDS_FILE = path.join('other-brands', 'brands.json');

export interface OtherBrandsCheck {
  brands: OtherBrand[];
  /** The file is wrong: start-up stops, `kb check` fails. */
  problems: Problem[];
  /** A name a brand file also has: that brand file wins; `kb check` says so. */
  warnings: Problem[];
}

/** Checks the knowledge folder's list of other brands against itself and the brand files; no file is an empty list. */
export function checkOtherBrands(dir: string, data: Pick<KnowledgeData, 'brands'>): OtherBrandsCheck {
  const full = path.join(dir, OTHER_BRANDS_FILE);
  if (!existsSync(full)) return { brands: [], problems: [], warnings: [] };
  const parsed = parseJsonFile(full, OTHER_BRANDS_FILE);
  if (!parsed.ok) return { brands: [], problems: [parsed.problem], warnings: [] };
  const file = OtherBrandsFileSchema.safeParse(parsed.value, REPORT_INPUT);
  if (!file.success) return { brands: [], problems: problemsFromZod(OTHER_BRANDS_FILE, file.error), warnings: [] };
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const listed = listedKeys(data);
  const seen = new Map<string, string>();
  file.data.brands.forEach((brand, i) => {
    for (const [j, name] of [brand.name, ...(brand.aliases ?? [])].entries()) {
      const at = j === 0 ? `brands[${i}].name` : `brands[${i}].aliases[${j - 1}]`;
      const key = nameKey(name);
      if (!key) problems.push({ file: OTHER_BRANDS_FILE, path: at, message: `"${name}" has no letters or digits: write the brand's name` });
      else if (seen.has(key) && seen.get(key) !== brand.name) problems.push({ file: OTHER_BRANDS_FILE, path: at, message: `"${name}" is also a name of ${seen.get(key)}: keep it under one brand` });
      else if (listed.has(key)) warnings.push({ file: OTHER_BRANDS_FILE, path: at, message: `"${name}" is also in ${listed.get(key)}.json, which wins: remove ${brand.name} from this list` });
      seen.set(key, brand.name);
    }
  });
  return { brands: file.data.brands, problems, warnings };
}

/** The lookup the bot uses, without the names a brand file has; throws with every problem, as the knowledge loader does. */
export function loadOtherBrands(dir: string, data: Pick<KnowledgeData, 'brands'>): OtherBrands {
  const { brands, problems } = checkOtherBrands(dir, data);
  if (problems.length > 0) throw new DataProblemsError(problems);
  const listed = listedKeys(data);
  return new OtherBrands(brands, (key) => listed.has(key));
}

/** Every brand file's id, name and aliases as keys, with the id of the brand that has them. */
function listedKeys(data: Pick<KnowledgeData, 'brands'>): Map<string, string> {
  const keys = new Map<string, string>();
  for (const brand of data.brands) {
    for (const name of [brand.id, brand.name, ...brand.aliases]) keys.set(nameKey(name), brand.id);
  }
  return keys;
}
