import { foldCharacters } from './normalize';

/** kebab-case id from a title: "Why won't my Amazon code work?" → "why-wont-my-amazon-code-work". */
export function slugify(text: string, maxLength = 60): string {
  const slug = foldCharacters(text)
    .toLowerCase()
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  return cut.slice(0, Math.max(cut.lastIndexOf('-'), 1)).replace(/-+$/, '');
}
