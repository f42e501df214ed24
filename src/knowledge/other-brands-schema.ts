import { z } from 'zod';

const text = z.string().trim().min(1, 'must not be empty');

/**
 * knowledge/other-brands/brands.json: common gift-card brands giftbot has no article for, so the
 * bot can name them properly ("Roblox", "Lowe's") and say plainly it has no steps written for them.
 */
export const OtherBrandsFileSchema = z.strictObject({
  $schema: z.string().optional(),
  brands: z
    .array(
      z.strictObject({
        /** The brand's own spelling, as the bot says it: "DoorDash", "Lowe's", "Razer Gold". */
        name: text,
        /** Other ways people write it: "lowes", "robux", "uber eats". */
        aliases: z.array(text).optional(),
      }),
    )
    .min(1, 'needs at least one brand'),
});

export type OtherBrandsFile = z.infer<typeof OtherBrandsFileSchema>;
export type OtherBrand = OtherBrandsFile['brands'][number];
