import type { Brand, Generic } from './brand-schema';

/** The file of brand-neutral guidance in a knowledge folder; every other `*.json` is one brand. */
export const GENERIC_FILE = '_generic.json';

/** A knowledge folder as loaded: its brands and the generic guidance. Its own file, so the loader and the reference check both use it without importing each other. */
export interface KnowledgeData {
  dir: string;
  brands: Brand[];
  generic: Generic | null;
}
