import type { Problem } from '../validation/problem';
import { normalizeText } from '../text/normalize';
import { registrableDomain } from '../text/domains';
import type { Brand, ErrorEntry, FaqEntry, Generic } from './brand-schema';
import { GENERIC_FILE, type KnowledgeData } from './knowledge-data';

/**
 * Stage two of validation: what no single file's schema can see. Ids match file names, nothing is
 * said twice (a duplicate would make matching tie with itself), aliases point at one brand only,
 * and every source article exists.
 */
export function checkReferences(data: KnowledgeData, articleExists: (relativePath: string) => boolean): Problem[] {
  const problems: Problem[] = [];
  const aliasOwner = new Map<string, string>();
  for (const brand of [...data.brands].sort((a, b) => a.id.localeCompare(b.id))) {
    const file = `${brand.id}.json`;
    problems.push(...checkEntries(file, brand));
    problems.push(...checkBrandFields(file, brand, articleExists));
    [brand.name, ...brand.aliases].forEach((alias, i) => {
      const key = normalizeText(alias);
      const owner = aliasOwner.get(key);
      const where = i === 0 ? 'name' : `aliases[${i - 1}]`;
      if (owner && owner !== brand.id) {
        problems.push({ file, path: where, message: `"${alias}" already names brand "${owner}": an alias must point at one brand` });
      } else if (owner === brand.id && i > 0) {
        problems.push({ file, path: where, message: `"${alias}" is listed twice: remove the duplicate` });
      }
      aliasOwner.set(key, brand.id);
    });
  }
  if (data.generic) problems.push(...checkEntries(GENERIC_FILE, data.generic));
  return problems;
}

function checkBrandFields(file: string, brand: Brand, articleExists: (relativePath: string) => boolean): Problem[] {
  const problems: Problem[] = [];
  if (!brand.source.article.startsWith('articles/') || brand.source.article.includes('..')) {
    problems.push({ file, path: 'source.article', message: 'must be a path under articles/, like "articles/amazon.txt"' });
  } else if (!articleExists(brand.source.article)) {
    problems.push({ file, path: 'source.article', message: `"${brand.source.article}" does not exist: keep the article beside its brand file` });
  }
  if (brand.redeemUrl) {
    const host = registrableDomain(new URL(brand.redeemUrl).hostname);
    if (host !== brand.region.marketplace) {
      problems.push({ file, path: 'region.marketplace', message: `is "${brand.region.marketplace}" but redeemUrl is on "${host}": make them agree` });
    }
  }
  return problems;
}

type Entries = Pick<Brand, 'id' | 'errors' | 'faq'> | Generic;
interface Phrase { path: string; text: string }

function checkEntries(file: string, owner: Entries): Problem[] {
  const problems: Problem[] = [];
  const ids = new Map<string, string>();
  const phrases = new Map<string, string>();
  const visit = (path: string, id: string, list: Phrase[]): void => {
    const other = ids.get(id);
    if (other) problems.push({ file, path: `${path}.id`, message: `"${id}" is also the id of ${other}: ids must be unique` });
    ids.set(id, path);
    for (const phrase of list) {
      const key = normalizeText(phrase.text).replace(/[^a-z0-9 ]/g, '');
      const first = phrases.get(key);
      if (first) problems.push({ file, path: phrase.path, message: `"${phrase.text}" is the same as ${first}: say it once` });
      else phrases.set(key, phrase.path);
    }
  };
  owner.errors.forEach((e: ErrorEntry, i) => visit(`errors[${i}]`, e.id, phrasesOf(`errors[${i}]`, 'title', e.title, e.paraphrases)));
  owner.faq.forEach((q: FaqEntry, i) => visit(`faq[${i}]`, q.id, phrasesOf(`faq[${i}]`, 'question', q.question, q.paraphrases)));
  return problems;
}

function phrasesOf(base: string, field: string, title: string, paraphrases: string[] | undefined): Phrase[] {
  return [
    { path: `${base}.${field}`, text: title },
    ...(paraphrases ?? []).map((text, j) => ({ path: `${base}.paraphrases[${j}]`, text })),
  ];
}
