import type { Brand, Generic } from './brand-schema';
import { entriesOf, type Entry } from './entries';
import type { KnowledgeData } from './knowledge-data';

/**
 * The loaded knowledge, looked up by id: brands, entries and the brand-neutral guidance. Apart
 * from the Matcher so that callers which only look things up (views, wording, the agent console,
 * reference checks) need none of the search machinery, and the Matcher reads the same entries.
 */
export class KnowledgeCatalog {
  /** Brand-neutral guidance (needs, steps, generic entries); null when the folder has none. */
  readonly generic: Generic | null;
  /** As loaded, so the Matcher indexes exactly what was read. */
  readonly brands: readonly Brand[];
  /** Every entry: the brand-neutral ones first, then each brand's, in article order. */
  readonly entries: readonly Entry[];
  private readonly brandsById = new Map<string, Brand>();
  private readonly entriesById = new Map<string, Entry>();
  /** Each source's entries in article order, keyed by brand id; brand-neutral ones under null. */
  private readonly bySource = new Map<string | null, Entry[]>();

  constructor(data: KnowledgeData) {
    this.generic = data.generic;
    this.brands = [...data.brands];
    const generic = data.generic ? entriesOf(data.generic) : [];
    const own = data.brands.map((brand) => entriesOf(brand));
    this.entries = [...generic, ...own.flat()];
    this.bySource.set(null, generic);
    data.brands.forEach((brand, i) => {
      this.brandsById.set(brand.id, brand);
      this.bySource.set(brand.id, own[i]!);
    });
    for (const entry of this.entries) this.entriesById.set(entry.id, entry);
  }

  get brandIds(): string[] {
    return [...this.brandsById.keys()];
  }

  get entryIds(): string[] {
    return [...this.entriesById.keys()];
  }

  brand(id: string): Brand | undefined {
    return this.brandsById.get(id);
  }

  entry(id: string): Entry | undefined {
    return this.entriesById.get(id);
  }

  /** A brand's own entries, or (null) the brand-neutral ones; none for a brand not listed. */
  entriesOf(brand: string | null): readonly Entry[] {
    return this.bySource.get(brand) ?? [];
  }
}
