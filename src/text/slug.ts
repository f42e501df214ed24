import { foldCharacters } from './normalize';

/**
 * kebab-case id from a title: "Why won't my Amazon code work?" → "why-wont-my-amazon-code-work".
 * Never shortened, so anyone can predict an entry's id from its title.
 */
export function slugify(text: string): string {
  return foldCharacters(text)
    .toLowerCase()
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
