import type { Brand } from '../src/knowledge/brand-schema';
import type { KnowledgeData } from '../src/knowledge/knowledge-data';
import { slugify } from '../src/text/slug';

/**
 * A knowledge base of `count` brands grown from the shipped ones: each synthetic brand takes the
 * errors and questions of three shipped brands, renamed to an invented brand name, so the matcher
 * faces realistic text at the scale of a large marketplace (500 brands ≈ 15,000 entries).
 */
export function syntheticKnowledge(shipped: KnowledgeData, count: number, seed = 7): KnowledgeData {
  const random = mulberry32(seed);
  const names = inventNames(count, random);
  const brands: Brand[] = [];
  for (let i = 0; i < count; i++) {
    const sources = [0, 1, 2].map((k) => shipped.brands[(i + k * 5) % shipped.brands.length]!);
    brands.push(renamedBrand(sources, names[i]!));
  }
  return { dir: '(synthetic)', brands, generic: shipped.generic };
}

function renamedBrand(sources: Brand[], name: string): Brand {
  const id = slugify(name);
  const domain = `${id.replace(/-/g, '')}.com`;
  const rename = (text: string): string =>
    sources.reduce((out, s) => out.split(s.name).join(name), text);
  const seen = new Set<string>();
  const unique = (base: string): string => {
    let entryId = base;
    for (let n = 2; seen.has(entryId); n++) entryId = `${base}-${n}`;
    seen.add(entryId);
    return entryId;
  };
  const first = sources[0]!;
  return {
    ...first,
    id,
    name,
    aliases: [domain],
    region: { marketplace: domain, country: 'US' },
    redeemUrl: `https://${domain}/redeem`,
    errors: sources.flatMap((s) => s.errors).map((e) => ({ ...e, id: unique(slugify(rename(e.title))), title: rename(e.title), fix: rename(e.fix) })),
    faq: sources.flatMap((s) => s.faq).map((q) => ({ ...q, id: unique(slugify(rename(q.question))), question: rename(q.question), answer: rename(q.answer) })),
    source: { kind: 'sample', article: `articles/${id}.txt` },
  };
}

const SYLLABLES = ['ka', 'zu', 'mor', 'vel', 'tri', 'xan', 'bo', 'lux', 'pen', 'qui', 'dar', 'sol', 'ny', 'fen', 'gro', 'hal', 'ji', 'wex'];

function inventNames(count: number, random: () => number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const parts = 2 + Math.floor(random() * 2);
    const word = Array.from({ length: parts }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('');
    const name = word[0]!.toUpperCase() + word.slice(1) + (random() < 0.3 ? ' Market' : '');
    names.add(name);
  }
  return [...names];
}

/** A small seeded PRNG, so every run measures the same knowledge base and queries. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
