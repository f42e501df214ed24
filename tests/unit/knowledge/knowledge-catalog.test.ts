import { readdirSync } from 'node:fs';
import { GENERIC_FILE } from '../../../src/knowledge/knowledge-data';
import { KnowledgeCatalog } from '../../../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../../../src/knowledge/knowledge-loader';
import { KNOWLEDGE_DIR } from '../../helpers/paths';

const data = loadKnowledgeDir(KNOWLEDGE_DIR);
const catalog = new KnowledgeCatalog(data);

describe('KnowledgeCatalog', () => {
  test('lists every brand file of the folder, by id', () => {
    const files = readdirSync(KNOWLEDGE_DIR).filter((f) => f.endsWith('.json') && f !== GENERIC_FILE).map((f) => f.replace(/\.json$/, ''));
    expect([...catalog.brandIds].sort()).toEqual(files.sort());
    expect(catalog.brand('amazon')?.name).toBe('Amazon');
    expect(catalog.brand('not-a-brand')).toBeUndefined();
  });

  test('finds each entry by id, brand-neutral ones first', () => {
    expect(catalog.entryIds.length).toBe(catalog.entries.length);
    expect(catalog.entries[0]?.brand).toBeNull();
    for (const id of catalog.entryIds) expect(catalog.entry(id)?.id).toBe(id);
    expect(catalog.entry('amazon/no-such-entry')).toBeUndefined();
  });

  test("gives each source's entries in article order, and none for an unlisted brand", () => {
    const amazon = catalog.entriesOf('amazon');
    expect(amazon.length).toBe(data.brands.find((b) => b.id === 'amazon')!.errors.length + data.brands.find((b) => b.id === 'amazon')!.faq.length);
    expect(amazon.every((e) => e.brand === 'amazon')).toBe(true);
    expect(catalog.entriesOf(null).every((e) => e.id.startsWith('generic/'))).toBe(true);
    expect(catalog.entriesOf(null).length).toBeGreaterThan(0);
    expect(catalog.entriesOf('not-a-brand')).toEqual([]);
  });

  test('keeps the brand-neutral guidance, and copes with a folder without it', () => {
    expect(catalog.generic).toBe(data.generic);
    const bare = new KnowledgeCatalog({ dir: '(none)', brands: [], generic: null });
    expect(bare.brandIds).toEqual([]);
    expect(bare.entries).toEqual([]);
    expect(bare.entriesOf(null)).toEqual([]);
  });
});
