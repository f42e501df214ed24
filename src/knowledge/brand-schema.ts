import { z } from 'zod';

const text = z.string().trim().min(1, 'must not be empty');
export const KebabIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case, like "google-play"');

/** A domain such as `amazon.com` or `amazon.co.uk` (no scheme, no path). */
export const DomainSchema = z
  .string()
  .regex(/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/, 'must be a lower-case domain like "amazon.com"');

export const ErrorEntrySchema = z.strictObject({
  id: KebabIdSchema,
  /** As the user sees it on screen — the quoted message, kept verbatim. */
  title: text,
  fix: text,
  /** Other ways people describe this error; support staff add them from real conversations. */
  paraphrases: z.array(text).optional(),
});

export const FaqEntrySchema = z.strictObject({
  id: KebabIdSchema,
  question: text,
  answer: text,
  paraphrases: z.array(text).optional(),
});

export const RegionSchema = z.strictObject({
  /** The storefront the card belongs to; a card from another storefront will not redeem here. */
  marketplace: DomainSchema,
  country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code like "US"'),
});

export const SourceSchema = z.strictObject({
  kind: z.enum(['help-centre', 'sample']),
  /** The article this file was imported from, relative to the knowledge folder. */
  article: z.string().min(1),
  note: text.optional(),
});

export const BrandSchema = z.strictObject({
  $schema: z.string().optional(),
  id: KebabIdSchema,
  name: text,
  /** Other spellings, domains and former names ("itunes" for Apple), lower case. */
  aliases: z.array(text),
  /**
   * Context words, lower case: consoles, apps, stores, card families the article names ("switch",
   * "sam's club", "vanilla"). Each points to this brand only when no brand is named, and not at all
   * when another brand lists it too.
   */
  contexts: z.array(text).optional(),
  region: RegionSchema,
  redeemUrl: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).nullable(),
  code: z.strictObject({
    /** What this brand calls the secret: claim code, PIN, wallet code… */
    name: text,
    where: text.nullable(),
  }),
  intro: text,
  steps: z.array(text).min(1),
  needs: z.array(text),
  errors: z.array(ErrorEntrySchema),
  faq: z.array(FaqEntrySchema),
  neverUse: z.strictObject({ title: text, paragraphs: z.array(text).min(1) }),
  closing: text.nullable(),
  /**
   * Where the card's issuer takes reports of a card lost to a scam (the urgent answer names it): its
   * help page, and a phone number when the issuer publishes one for gift cards.
   */
  support: z.strictObject({ url: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }), phone: text.optional() }).optional(),
  source: SourceSchema,
});

/** Brand-neutral guidance for brands without an article; `{brand}` stands for the brand's name. */
export const GenericSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.literal('generic', 'must be "generic"'),
  name: text,
  steps: z.array(text).min(1),
  needs: z.array(text),
  errors: z.array(ErrorEntrySchema),
  faq: z.array(FaqEntrySchema),
  neverUse: z.strictObject({ title: text, paragraphs: z.array(text).min(1) }),
  source: z.strictObject({ kind: z.enum(['help-centre', 'sample', 'written']), note: text }),
});

export type Brand = z.infer<typeof BrandSchema>;
export type Generic = z.infer<typeof GenericSchema>;
export type ErrorEntry = z.infer<typeof ErrorEntrySchema>;
export type FaqEntry = z.infer<typeof FaqEntrySchema>;
export type Region = z.infer<typeof RegionSchema>;

/**
 * The brand with its issuer's support contact, which no article holds: support staff add it by hand
 * and a re-import keeps it. Placed before `source`, where the shipped files keep it.
 */
export function withSupport(brand: Brand, support: Brand['support']): Brand {
  if (!support) return brand;
  const { source, ...rest } = brand;
  return { ...rest, support, source };
}
