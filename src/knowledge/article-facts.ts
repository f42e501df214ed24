import { domainLabel, registrableDomain } from '../text/domains';
import { slugify } from '../text/slug';
import { findContextNames } from './article-names';
import type { Brand } from './brand-schema';

/**
 * What an article says between the lines: where to redeem, the marketplace, other names for the
 * brand, and what it calls its code. Every pattern here is linear in the article's length: an
 * article is data someone pasted, and a backtracking pattern on one long line stalls the import.
 */

export interface ArticleText {
  /** The whole article. */
  text: string;
  name: string;
  steps: string[];
  /** The "What you'll need" bullets. */
  needs: string[];
  /** FAQ answers. */
  answers: string[];
  intro: string[];
}

export interface ArticleFacts {
  redeemUrl: string | null;
  marketplace: string;
  aliases: string[];
  /** Names that point to the brand when none is named (article-names.ts says which). */
  contexts: string[];
  code: Brand['code'];
}

export function readArticleFacts(article: ArticleText): ArticleFacts {
  const redeemUrl = findRedeemUrl([...article.steps, ...article.answers, ...article.intro]);
  const marketplace = redeemUrl ? registrableDomain(new URL(redeemUrl).hostname) : guessMarketplace(article.text, article.name);
  const aliases = findAliases(article.text, article.name, marketplace);
  return { redeemUrl, marketplace, aliases, contexts: findContextNames(article.text, article.name, aliases), code: findCodeName(article.needs, article.steps) };
}

// "amazon.com/redeem", "https://play.google.com/redeem", "Amazon.ca/.co.uk". A host starts at a
// letter or digit that begins a run of host characters (after leading dots or dashes, or after
// ".."), never inside one: tried from every word of a run ("a-a-a-…", "1.1.1.…"), each try
// scanning to the run's end, the pattern was quadratic.
const DOMAIN_IN_TEXT = /(?=[a-z0-9])(?:(?<![\w.-])|(?<=\.\.)|(?<=(?:^|[^\w.-])[.-]+))(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})((?:\/\.[a-z]{2,}(?:\.[a-z]{2,})?)*)(\/[^\s)"”,;]*)?/gi;
// Full stops after a path; matched from the first of the run only.
const TRAILING_STOPS = /(?<![.!?])[.!?]+$/;

function findRedeemUrl(texts: string[]): string | null {
  let bare: string | null = null;
  for (const text of texts) {
    for (const match of text.matchAll(DOMAIN_IN_TEXT)) {
      const host = match[1]!.toLowerCase();
      const path = (match[3] ?? '').replace(TRAILING_STOPS, '');
      if (path.length > 1) return `https://${host}${path}`;
      bare ??= `https://${host}`;
    }
  }
  return bare;
}

function guessMarketplace(text: string, name: string): string {
  const first = text.matchAll(DOMAIN_IN_TEXT).next().value;
  return first ? registrableDomain(first[1]!) : `${slugify(name).replace(/-/g, '')}.com`;
}

// "(formerly X)": the name runs to the next bracket, open or close, so an unclosed "(formerly …"
// is read once rather than again from every "(".
const OTHER_NAMES = /\((?:formerly|previously|also called|also known as|often called|sometimes called|sold as)\s+([^()]+)\)/gi;
// "X gift cards" → "X"; the blank run is matched from its first character only.
const CARD_SUFFIX = /(?<!\s)\s+(?:gift\s+)?cards?$/i;

/** Names people may type for this brand: its name, its domains, and former or other names. */
function findAliases(text: string, name: string, marketplace: string): string[] {
  const aliases = new Set<string>();
  const labels = new Set([domainLabel(marketplace), ...name.toLowerCase().split(/\s+/).filter((w) => w.length > 3)]);
  for (const match of text.matchAll(DOMAIN_IN_TEXT)) {
    const host = match[1]!.toLowerCase().replace(/^www\./, '');
    const domain = registrableDomain(host);
    if (!labels.has(domainLabel(domain))) continue;
    aliases.add(domain);
    const label = domain.slice(0, domain.indexOf('.'));
    for (const suffix of (match[2] ?? '').split('/').filter(Boolean)) aliases.add(`${label}${suffix.toLowerCase()}`);
  }
  for (const match of text.matchAll(OTHER_NAMES)) {
    for (const part of match[1]!.split(/,|\band\b|\bor\b/)) {
      const alias = part.trim().replace(/^(?:an?|the)\s+/i, '').replace(CARD_SUFFIX, '').trim().toLowerCase();
      if (alias.length >= 2) aliases.add(alias);
    }
  }
  aliases.delete(name.toLowerCase());
  return [...aliases];
}

const CODE_WORD = /\b(?:code|pin|number)\b/i;

/** What this brand calls its secret, from the first "What you'll need" bullet ("The claim code (…)"). */
function findCodeName(needs: string[], steps: string[]): Brand['code'] {
  for (const need of needs) {
    const named = namedThing(need);
    if (named && CODE_WORD.test(named.name)) return named;
  }
  for (const step of steps) {
    const match = /\bthe\s+((?:[\w-]+\s){0,2}(?:code|pin|number))\b/i.exec(step);
    if (match) return { name: match[1]!, where: null };
  }
  return { name: 'code', where: null };
}

/**
 * "The claim code (back of the card)." → name "claim code", where "back of the card". Read by
 * hand: as one pattern (/^the\s+(.+?)\s*(?:\((.+)\))?\.?$/) every "(" restarted a scan to the end.
 */
function namedThing(need: string): Brand['code'] | null {
  const article = /^the\s+/i.exec(need);
  if (!article) return null;
  let rest = need.slice(article[0].length);
  if (rest.endsWith('.')) rest = rest.slice(0, -1);
  let where: string | null = null;
  // The first "(" after the name's first character whose bracket closes the bullet, with something inside.
  const open = rest.endsWith(')') ? rest.indexOf('(', 1) : -1;
  if (open > 0 && open < rest.length - 2) {
    where = rest.slice(open + 1, -1).trim();
    rest = rest.slice(0, open);
  }
  const name = rest.trim();
  return name ? { name, where } : null;
}
