import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ArticleParseError, parseArticle } from '../knowledge/article-parser';
import { BrandSchema, withSupport, type Brand } from '../knowledge/brand-schema';
import { checkKnowledgeDir } from '../knowledge/knowledge-loader';
import { checkReferences } from '../knowledge/knowledge-check';
import { formatProblem, problemsFromZod, type Problem } from '../validation/problem';
import { KNOWLEDGE_OPTION, UsageError, knowledgeDir, parseCommandArgs, type Io } from './io';

interface Imported {
  brand: Brand;
  articleFile: string;
  articleText: string;
}

/** `giftbot kb import ARTICLE… [--knowledge DIR] [--sample]`: all articles land, or none does. */
export async function kbImport(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...KNOWLEDGE_OPTION, sample: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError('kb import needs at least one ARTICLE file');
  const dir = knowledgeDir(io, values.knowledge);
  const imported: Imported[] = [];
  const failures: string[] = [];
  for (const file of positionals) {
    const result = importOne(path.resolve(io.cwd, file), file, values.sample ?? false);
    if (typeof result === 'string') failures.push(result);
    else imported.push(result);
  }
  failures.push(...duplicateBrands(imported), ...conflictsWithKnowledge(dir, imported));
  if (failures.length > 0) {
    io.err(`${failures.join('\n')}\nNothing was written.\n`);
    return 1;
  }
  for (const item of imported) io.out(`${writeBrand(dir, item)}\n`);
  return 0;
}

function importOne(fullPath: string, shown: string, sample: boolean): Imported | string {
  let text: string;
  try {
    text = readFileSync(fullPath, 'utf8');
  } catch (err) {
    return `${shown}: can't be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  try {
    const draft = parseArticle(text, { file: shown, articlePath: 'articles/placeholder.txt', sample });
    const brand = { ...draft, source: { ...draft.source, article: `articles/${draft.id}.txt` } };
    const checked = BrandSchema.safeParse(brand);
    if (!checked.success) return problemsFromZod(shown, checked.error).map(formatProblem).join('\n');
    return { brand: checked.data, articleFile: fullPath, articleText: text };
  } catch (err) {
    if (err instanceof ArticleParseError) return err.message;
    throw err;
  }
}

function duplicateBrands(imported: Imported[]): string[] {
  const seen = new Map<string, string>();
  return imported.flatMap(({ brand, articleFile }) => {
    const first = seen.get(brand.id);
    seen.set(brand.id, articleFile);
    return first ? [`${articleFile}: is also brand "${brand.id}", like ${first}: import one article a brand`] : [];
  });
}

/** Stage-two problems the imported brands would bring into the folder (alias clashes, duplicates). */
function conflictsWithKnowledge(dir: string, imported: Imported[]): string[] {
  const existing = existsSync(dir) ? checkKnowledgeDir(dir).data : { dir, brands: [], generic: null };
  const ids = new Set(imported.map((i) => i.brand.id));
  const brands = [...existing.brands.filter((b) => !ids.has(b.id)), ...imported.map((i) => i.brand)];
  const problems: Problem[] = checkReferences({ dir, brands, generic: null }, () => true);
  return problems.filter((p) => ids.has(p.file.replace(/\.json$/, ''))).map(formatProblem);
}

/** Writes the article beside its brand file, then the brand file, each atomically. */
function writeBrand(dir: string, { brand, articleFile, articleText }: Imported): string {
  const target = path.join(dir, `${brand.id}.json`);
  const replaced = existsSync(target);
  const kept = replaced ? keepParaphrases(target, brand) : 0;
  mkdirSync(path.join(dir, 'articles'), { recursive: true });
  const articleTarget = path.join(dir, brand.source.article);
  if (path.resolve(articleFile) !== path.resolve(articleTarget)) writeAtomic(articleTarget, articleText);
  const previous = replaced ? BrandSchema.safeParse(safeJson(target)) : undefined;
  writeAtomic(target, `${JSON.stringify(withSupport(brand, previous?.success ? previous.data.support : undefined), null, 2)}\n`);
  const counts = `${brand.steps.length} steps, ${brand.errors.length} errors, ${brand.faq.length} questions`;
  const keptNote = kept > 0 ? `; kept ${kept} paraphrase${kept > 1 ? 's' : ''} added by hand` : '';
  return replaced
    ? `Replaced ${brand.name} in ${target} (it existed; ${counts}${keptNote})`
    : `Imported ${brand.name} → ${target} (${counts})`;
}

/** Paraphrases (and the issuer's support contact) are added by hand; re-importing the article must not lose them. */
function keepParaphrases(target: string, brand: Brand): number {
  const old = BrandSchema.safeParse(safeJson(target));
  if (!old.success) return 0;
  let kept = 0;
  const carry = <T extends { id: string; paraphrases?: string[] }>(fresh: T[], previous: T[]): void => {
    for (const entry of fresh) {
      const paraphrases = previous.find((p) => p.id === entry.id)?.paraphrases;
      if (paraphrases?.length) {
        entry.paraphrases = paraphrases;
        kept += paraphrases.length;
      }
    }
  };
  carry(brand.errors, old.data.errors);
  carry(brand.faq, old.data.faq);
  return kept;
}

function safeJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function writeAtomic(file: string, content: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}
