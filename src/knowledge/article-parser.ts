import { countryOfDomain } from '../text/domains';
import { slugify } from '../text/slug';
import { readArticleFacts } from './article-facts';
import type { Brand, ErrorEntry, FaqEntry } from './brand-schema';

/**
 * Reads a help-centre article in the template of the seed (title, intro, steps, what you'll need,
 * common errors, "card you'll never use", FAQ, call to action) into a brand. Titles and questions
 * are kept verbatim; what can't be read is reported with its line and what was expected there.
 */

export class ArticleParseError extends Error {
  constructor(readonly file: string, readonly line: number, readonly expected: string) {
    super(`${file}:${line}: expected ${expected}`);
    this.name = 'ArticleParseError';
  }
}

export interface ArticleOptions {
  /** Shown in errors and recorded as the source, relative to the knowledge folder. */
  file: string;
  articlePath: string;
  sample: boolean;
}

interface Block { line: number; lines: string[] }

const TITLE = /^How to Redeem (?:an? )?(.+?) Gift Cards?$/i;
const STEPS = /^Steps to redeem (?:your |an? |the )?(.+?) gift cards?:?$/i;
const NEEDS = /^What you(?:'|’)?ll need:?$|^What you need:?$/i;
const ERRORS = /^Common errors(?: and fixes)?:?$/i;
const NEVER_USE = /^Got (?:an? )?(.+?) (?:gift )?card you(?:'|’)ll never use\??$/i;
const FAQ = /^(?:Frequently asked questions|FAQs?):?$/i;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const BULLET = /^\s*[•·▪◦*‣–-]\s+(.*)$/;

export const SAMPLE_NOTE =
  "Sample content written for giftbot in the help centre's template; review it before production use.";

export function parseArticle(text: string, options: ArticleOptions): Brand {
  const blocks = toBlocks(text);
  const reader = new BlockReader(blocks, options.file);
  const name = reader.title();
  const intro = reader.paragraphsUntil(STEPS, `the heading "Steps to redeem your ${name} gift card"`);
  if (intro.length === 0) reader.fail(blocks[1]?.line ?? 2, 'an introduction paragraph after the title');
  const steps = reader.list(STEPS, NUMBERED, 'numbered steps ("  1. Go to …")');
  const needs = reader.list(NEEDS, BULLET, 'bullets ("  • The claim code …")');
  const errors = reader.list(ERRORS, BULLET, 'bullets, one error each').map((b) => parseError(b, reader));
  const neverUse = reader.section(NEVER_USE, `the heading "Got a ${name} card you'll never use?"`);
  const faqBlocks = reader.rest(FAQ, 'the heading "Frequently asked questions"');
  const { faq, closing } = parseFaq(faqBlocks, reader);
  return assembleBrand({ name, intro, steps, needs, errors, neverUse, faq, closing }, text, options);
}

function toBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, index) => {
    // Not /\s+$/: tried from every blank of a long run, it was quadratic (100,000 spaces took 9.6 s).
    const line = raw.trimEnd();
    if (!line.trim()) {
      current = undefined;
      return;
    }
    if (!current) blocks.push((current = { line: index + 1, lines: [] }));
    current.lines.push(line);
  });
  return blocks;
}

interface Listed { line: number; text: string }

class BlockReader {
  private index = 0;
  constructor(private readonly blocks: Block[], private readonly file: string) {}

  fail(line: number, expected: string): never {
    throw new ArticleParseError(this.file, line, expected);
  }

  title(): string {
    const block = this.blocks[this.index++];
    const match = block && block.lines.length === 1 ? TITLE.exec(block.lines[0]!.trim()) : null;
    if (!block || !match) this.fail(block?.line ?? 1, 'a title like "How to Redeem a Amazon Gift Card"');
    return match[1]!.trim();
  }

  /** Paragraphs up to (not including) the heading; fails at the end of the text. */
  paragraphsUntil(heading: RegExp, expected: string): string[] {
    const out: string[] = [];
    while (this.index < this.blocks.length && !isHeading(this.blocks[this.index]!, heading)) {
      out.push(joinLines(this.blocks[this.index++]!.lines));
    }
    if (this.index >= this.blocks.length) this.fail(this.lastLine(), expected);
    return out;
  }

  /** A heading followed by one list (numbered or bulleted); continuation lines join their item. */
  list(heading: RegExp, itemPattern: RegExp, expected: string): Listed[] {
    const headingBlock = this.expectHeading(heading, expected);
    const items: Listed[] = [];
    while (this.index < this.blocks.length && !isAnyHeading(this.blocks[this.index]!)) {
      const block = this.blocks[this.index++]!;
      block.lines.forEach((line, offset) => {
        const match = itemPattern.exec(line);
        if (match) items.push({ line: block.line + offset, text: match[1]!.trim() });
        else if (items.length > 0) items[items.length - 1]!.text += ` ${line.trim()}`;
        else this.fail(block.line + offset, expected);
      });
    }
    if (items.length === 0) this.fail(headingBlock.line + 1, expected);
    return items;
  }

  section(heading: RegExp, expected: string): { title: string; paragraphs: string[] } {
    const headingBlock = this.expectHeading(heading, expected);
    const paragraphs: string[] = [];
    while (this.index < this.blocks.length && !isAnyHeading(this.blocks[this.index]!)) {
      paragraphs.push(joinLines(this.blocks[this.index++]!.lines));
    }
    if (paragraphs.length === 0) this.fail(headingBlock.line + 1, 'a paragraph of advice');
    return { title: headingBlock.lines[0]!.trim(), paragraphs };
  }

  rest(heading: RegExp, expected: string): Block[] {
    this.expectHeading(heading, expected);
    const rest = this.blocks.slice(this.index);
    this.index = this.blocks.length;
    return rest;
  }

  private expectHeading(heading: RegExp, expected: string): Block {
    const block = this.blocks[this.index];
    if (!block) this.fail(this.lastLine(), `${expected}, but the article ended`);
    if (!isHeading(block, heading)) this.fail(block.line, `${expected}, found "${clip(block.lines[0]!)}"`);
    this.index++;
    return block;
  }

  private lastLine(): number {
    const last = this.blocks[this.blocks.length - 1];
    return last ? last.line + last.lines.length : 1;
  }
}

function isHeading(block: Block, heading: RegExp): boolean {
  return block.lines.length === 1 && heading.test(block.lines[0]!.trim());
}

function isAnyHeading(block: Block): boolean {
  return [STEPS, NEEDS, ERRORS, NEVER_USE, FAQ].some((h) => isHeading(block, h));
}

function joinLines(lines: string[]): string {
  return lines.map((l) => l.trim()).join(' ');
}

function clip(text: string): string {
  const t = text.trim();
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

const QUOTED = /^[“"‘]([^”"’]+)[”"’]\s*(.*)$/;

/** The title is the quoted message; where nothing is quoted, the first sentence. */
function parseError(item: Listed, reader: BlockReader): Omit<ErrorEntry, 'id'> {
  const quoted = QUOTED.exec(item.text);
  if (quoted) {
    const fix = quoted[2]!.trim();
    if (!fix) reader.fail(item.line, 'a fix after the quoted error message');
    return { title: quoted[1]!.trim(), fix };
  }
  const sentence = /^(.+?[.!?])\s+(.+)$/.exec(item.text);
  if (!sentence) reader.fail(item.line, 'an error title sentence followed by its fix ("Wrong marketplace. An Amazon.com card …")');
  return { title: sentence[1]!.trim(), fix: sentence[2]!.trim() };
}

function parseFaq(blocks: Block[], reader: BlockReader): { faq: Omit<FaqEntry, 'id'>[]; closing: string | null } {
  const faq: { question: string; answers: string[]; line: number }[] = [];
  let closing: string | null = null;
  blocks.forEach((block, i) => {
    const text = joinLines(block.lines);
    const isLast = i === blocks.length - 1;
    if (block.lines.length === 1 && text.endsWith('?')) {
      faq.push({ question: text, answers: [], line: block.line });
    } else if (faq.length === 0) {
      reader.fail(block.line, 'a question ending with "?"');
    } else if (isLast && block.lines.length === 1 && !/[.!?:)]$/.test(text) && faq[faq.length - 1]!.answers.length > 0) {
      closing = text; // the call to action: a short line without a full stop, after the last answer
    } else {
      faq[faq.length - 1]!.answers.push(text);
    }
  });
  if (faq.length === 0) reader.fail(blocks[0]?.line ?? 1, 'at least one question and answer');
  const unanswered = faq.find((q) => q.answers.length === 0);
  if (unanswered) reader.fail(unanswered.line + 1, 'an answer paragraph after the question');
  return { faq: faq.map((q) => ({ question: q.question, answer: q.answers.join('\n\n') })), closing };
}

interface Sections {
  name: string;
  intro: string[];
  steps: Listed[];
  needs: Listed[];
  errors: Omit<ErrorEntry, 'id'>[];
  neverUse: { title: string; paragraphs: string[] };
  faq: Omit<FaqEntry, 'id'>[];
  closing: string | null;
}

function assembleBrand(s: Sections, text: string, options: ArticleOptions): Brand {
  const id = slugify(s.name);
  const steps = s.steps.map((x) => x.text);
  const { redeemUrl, marketplace, aliases, contexts, code } = readArticleFacts({ text, name: s.name, steps, needs: s.needs.map((x) => x.text), answers: s.faq.map((q) => q.answer), intro: s.intro });
  const ids = new UniqueIds();
  return {
    $schema: '../schemas/brand.schema.json',
    id,
    name: s.name,
    aliases,
    contexts,
    region: { marketplace, country: countryOfDomain(marketplace) ?? 'US' },
    redeemUrl,
    code,
    intro: s.intro.join('\n\n'),
    steps,
    needs: s.needs.map((x) => x.text),
    errors: s.errors.map((e) => ({ id: ids.next(e.title), ...e })),
    faq: s.faq.map((q) => ({ id: ids.next(q.question), ...q })),
    neverUse: s.neverUse,
    closing: s.closing,
    source: {
      kind: options.sample ? 'sample' : 'help-centre',
      article: options.articlePath,
      ...(options.sample ? { note: SAMPLE_NOTE } : {}),
    },
  };
}

class UniqueIds {
  private readonly seen = new Set<string>();
  next(title: string): string {
    const base = slugify(title) || 'entry';
    let id = base;
    for (let n = 2; this.seen.has(id); n++) id = `${base}-${n}`;
    this.seen.add(id);
    return id;
  }
}
