import { readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { jsonSchemas } from '../../src/cli/json-schemas';
import { parseArticle } from '../../src/knowledge/article-parser';
import { BrandSchema, withSupport } from '../../src/knowledge/brand-schema';
import { GENERIC_FILE } from '../../src/knowledge/knowledge-data';
import { checkKnowledgeDir, loadKnowledgeDir } from '../../src/knowledge/knowledge-loader';
import { DataProblemsError, formatProblem } from '../../src/validation/problem';
import { KNOWLEDGE_DIR, ROOT, scratchDir } from '../helpers/paths';

const brandFiles = readdirSync(KNOWLEDGE_DIR).filter((f) => f.endsWith('.json') && f !== GENERIC_FILE);

function problemsAfter(edit: (dir: string) => void): string[] {
  const scratch = scratchDir(true);
  try {
    edit(scratch.dir);
    return checkKnowledgeDir(scratch.dir).problems.map(formatProblem);
  } finally {
    scratch.cleanup();
  }
}

function editJson(dir: string, file: string, change: (json: any) => void): void {
  const full = path.join(dir, file);
  // any: the point of these tests is to break the shape the schema expects.
  const json = JSON.parse(readFileSync(full, 'utf8'));
  change(json);
  writeFileSync(full, JSON.stringify(json, null, 2));
}

describe('shipped knowledge', () => {
  test('when every shipped file is validated, then both stages pass', () => {
    const { problems, data } = checkKnowledgeDir(KNOWLEDGE_DIR);
    expect(problems.map(formatProblem)).toEqual([]);
    expect(data.generic).not.toBeNull();
  });

  test('when brands are counted, then at least 13 ship, Amazon from the help centre and the rest marked as samples', () => {
    const { brands } = loadKnowledgeDir(KNOWLEDGE_DIR);
    expect(brands.length).toBeGreaterThanOrEqual(13);
    expect(brands.find((b) => b.id === 'amazon')?.source.kind).toBe('help-centre');
    for (const brand of brands.filter((b) => b.id !== 'amazon')) {
      expect([brand.id, brand.source.kind, brand.source.note]).toEqual([brand.id, 'sample', expect.stringMatching(/sample/i)]);
    }
  });

  test.each(brandFiles)('when the article behind %s is imported again, then it reproduces the file exactly', (file) => {
    const shipped = readFileSync(path.join(KNOWLEDGE_DIR, file), 'utf8');
    const json = BrandSchema.parse(JSON.parse(shipped));
    const article = readFileSync(path.join(KNOWLEDGE_DIR, json.source.article), 'utf8');
    const brand = parseArticle(article, { file: json.source.article, articlePath: json.source.article, sample: json.source.kind === 'sample' });
    // The issuer's support contact is the one field added by hand (kb import keeps it on a re-import).
    expect(`${JSON.stringify(withSupport(brand, json.support), null, 2)}\n`).toBe(shipped);
  });

  test('when the seed article in the shared folder is present, then the shipped copy is identical', () => {
    const shared = path.resolve(ROOT, '..', 'shared', 'seed', 'amazon-redeem-article.txt');
    let original: string;
    try {
      original = readFileSync(shared, 'utf8');
    } catch {
      return; // a fresh clone has no shared folder; the copy in knowledge/articles is the source
    }
    expect(readFileSync(path.join(KNOWLEDGE_DIR, 'articles', 'amazon.txt'), 'utf8')).toBe(original);
  });

  test('when the JSON Schemas are regenerated from zod, then they equal the committed ones', () => {
    for (const [file, schema] of Object.entries(jsonSchemas())) {
      expect(JSON.parse(readFileSync(path.join(ROOT, 'schemas', file), 'utf8'))).toEqual(schema);
    }
  });
});

describe('broken knowledge', () => {
  test('when a required field is missing, then the message names file › path and what to do', () => {
    const problems = problemsAfter((dir) => editJson(dir, 'apple.json', (b) => delete b.errors[1].title));
    expect(problems).toEqual(['apple.json › errors[1].title: is missing: add a string']);
  });

  test('when a field has the wrong type or an unknown key, then each is reported', () => {
    const problems = problemsAfter((dir) => editJson(dir, 'steam.json', (b) => {
      b.steps = 'Go to steam';
      b.faq[0].answr = 'typo';
    }));
    expect(problems).toEqual([
      'steam.json › steps: must be an array, not string "Go to steam"',
      'steam.json › faq[0]: has unknown field "answr": remove or rename it',
    ]);
  });

  test('when a file is not JSON, then the message gives its line and column', () => {
    const problems = problemsAfter((dir) => writeFileSync(path.join(dir, 'xbox.json'), '{\n  "id": "xbox",\n  oops\n}'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^xbox\.json: is not valid JSON at line 3, column 3/);
  });

  test('when two brands claim one alias, then stage two names the second', () => {
    const problems = problemsAfter((dir) => editJson(dir, 'xbox.json', (b) => b.aliases.push('itunes')));
    expect(problems).toEqual([expect.stringMatching(/^xbox\.json › aliases\[\d+\]: "itunes" already names brand "apple": an alias must point at one brand$/)]);
  });

  test('when an id is duplicated or a paraphrase repeats a title, then stage two reports both', () => {
    const problems = problemsAfter((dir) => editJson(dir, 'amazon.json', (b) => {
      b.faq[1].id = b.faq[0].id;
      b.errors[0].paraphrases = ['wrong marketplace'];
    }));
    expect(problems).toEqual([
      'amazon.json › errors[1].title: "Wrong marketplace." is the same as errors[0].paraphrases[0]: say it once',
      'amazon.json › faq[1].id: "where-do-i-redeem-a-amazon-gift-card" is also the id of faq[0]: ids must be unique',
    ]);
  });

  test('when the source article is missing or the id differs from the file name, then both are reported', () => {
    const problems = problemsAfter((dir) => {
      rmSync(path.join(dir, 'articles', 'target.txt'));
      editJson(dir, 'sephora.json', (b) => (b.id = 'sephora-us'));
    });
    expect(problems).toEqual([
      'sephora.json › id: is "sephora-us" but the file is sephora.json: rename the file to sephora-us.json or fix the id',
      'target.json › source.article: "articles/target.txt" does not exist: keep the article beside its brand file',
    ]);
  });

  test('when a broken folder is loaded, then loading throws every problem and returns nothing', () => {
    const scratch = scratchDir(true);
    try {
      editJson(scratch.dir, 'ebay.json', (b) => (b.redeemUrl = 'javascript:alert(1)'));
      expect(() => loadKnowledgeDir(scratch.dir)).toThrow(DataProblemsError);
      expect(() => loadKnowledgeDir(scratch.dir)).toThrow('ebay.json › redeemUrl: must be an https:// URL');
    } finally {
      scratch.cleanup();
    }
  });
});
