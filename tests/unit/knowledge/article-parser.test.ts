import { readFileSync } from 'node:fs';
import { ArticleParseError, parseArticle } from '../../../src/knowledge/article-parser';
import { BrandSchema } from '../../../src/knowledge/brand-schema';
import { SEED_ARTICLE } from '../../helpers/paths';

const seed = readFileSync(SEED_ARTICLE, 'utf8');
const options = { file: 'article.txt', articlePath: 'articles/x.txt', sample: false };

const UBER = [
  'How to Redeem an Uber Gift Card',
  '',
  'An Uber gift card (also called an Uber Eats gift card) adds to your Uber Cash.',
  '',
  'Steps to redeem your Uber gift card',
  '',
  '1) Open the app -> Wallet -> Add Payment Method -> Gift Card, or go to uber.com/gift.',
  '2) Enter the gift code',
  '   exactly as printed.',
  '',
  "What you'll need",
  '',
  '- The gift code (back of the card)',
  '',
  'Common errors and fixes',
  '',
  '- "This gift card is not valid in your region." Use an account from the card\'s country.',
  '- Expired promotion. Gift cards do not expire; promotions do.',
  '',
  "Got an Uber card you'll never use?",
  '',
  "Don't redeem it; sell or swap it.",
  '',
  'Frequently asked questions',
  '',
  'Can I use Uber Cash for Uber Eats?',
  '',
  'Yes, Uber Cash spends on rides and on Uber Eats orders.',
  '',
  'Start a fee-free swap',
].join('\r\n');

function failure(text: string): ArticleParseError {
  try {
    parseArticle(text, options);
  } catch (err) {
    if (err instanceof ArticleParseError) return err;
    throw err;
  }
  throw new Error('expected the article to be rejected');
}

describe('parseArticle', () => {
  test('when the seed article is read, then every section lands in a valid brand', () => {
    const brand = BrandSchema.parse(parseArticle(seed, options));
    expect(brand).toMatchObject({ id: 'amazon', name: 'Amazon', redeemUrl: 'https://amazon.com/redeem' });
    expect(brand.region).toEqual({ marketplace: 'amazon.com', country: 'US' });
    expect(brand.code).toEqual({ name: 'claim code', where: 'back of the card or in your gift email' });
    expect(brand.steps).toHaveLength(5);
    expect(brand.steps[0]).toBe('Go to amazon.com/redeem (or Account → Gift Cards → Redeem a Gift Card).');
    expect(brand.closing).toBe('Start a fee-free swap');
  });

  test('when errors are quoted or not, then the title is the quoted text or the first sentence, verbatim', () => {
    const brand = parseArticle(seed, options);
    expect(brand.errors.map((e) => e.title)).toEqual(['This code is not valid.', 'Wrong marketplace.', 'Already applied.']);
    expect(brand.errors[0]!.fix).toMatch(/^Re-enter carefully — /);
    expect(brand.errors[1]!.id).toBe('wrong-marketplace');
  });

  test('when FAQ questions say "a Amazon", then they are kept verbatim', () => {
    const questions = parseArticle(seed, options).faq.map((q) => q.question);
    expect(questions).toContain('Where do I redeem a Amazon gift card?');
    expect(questions).toContain("What should I do with a Amazon card I don't want?");
  });

  test('when the article names other domains, then they become aliases with their marketplace', () => {
    expect(parseArticle(seed, options).aliases).toEqual(['amazon.com', 'amazon.ca', 'amazon.co.uk']);
  });

  test('when an article says "an Uber", uses straight quotes, ASCII arrows and CRLF, then it still parses', () => {
    const brand = parseArticle(UBER, options);
    expect(brand.name).toBe('Uber');
    expect(brand.aliases).toEqual(['uber.com', 'uber eats']);
    expect(brand.redeemUrl).toBe('https://uber.com/gift');
    expect(brand.steps[1]).toBe('Enter the gift code exactly as printed.');
    expect(brand.errors[0]!.title).toBe('This gift card is not valid in your region.');
    expect(brand.errors[1]).toMatchObject({ title: 'Expired promotion.', fix: 'Gift cards do not expire; promotions do.' });
    expect(brand.neverUse.title).toBe("Got an Uber card you'll never use?");
  });

  test('when the title is not the template title, then the error names line 1', () => {
    const err = failure(seed.replace('How to Redeem a Amazon Gift Card', 'Amazon cards'));
    expect(err.line).toBe(1);
    expect(err.message).toMatch(/^article\.txt:1: expected a title like "How to Redeem a Amazon Gift Card"/);
  });

  test('when the steps heading is missing, then the error names its line and what was expected', () => {
    const err = failure(seed.replace('Steps to redeem your Amazon gift card', 'Redeeming'));
    expect(err.message).toMatch(/expected the heading "Steps to redeem your Amazon gift card"/);
  });

  test('when a step is not numbered, then the error points at that line', () => {
    const lines = seed.split('\n');
    const at = lines.findIndex((l) => l.includes('1. Go to amazon.com'));
    lines[at] = 'Go to amazon.com/redeem';
    const err = failure(lines.join('\n'));
    expect(err.line).toBe(at + 1);
    expect(err.expected).toMatch(/numbered steps/);
  });

  test('when a question has no answer, then the error points below the question', () => {
    const text = seed.replace(/\n\nAt amazon\.com\/redeem\.[^\n]*/, '');
    const err = failure(text);
    expect(err.expected).toBe('an answer paragraph after the question');
    expect(text.split('\n')[err.line - 2]).toBe('Where do I redeem a Amazon gift card?');
  });

  test('when an error bullet has no fix, then it is rejected', () => {
    const err = failure(seed.replace('  • Already applied. Each code adds to a balance once; check Your Account → Gift Card Balance.', '  • “Already applied.”'));
    expect(err.expected).toBe('a fix after the quoted error message');
  });
});
