import { z } from 'zod';

/** The placeholders a macro may hold; anything else in braces is a load error, so no "{brnad}" reaches a customer. */
export const MACRO_PLACEHOLDERS = ['brand', 'card', 'amount', 'agent'] as const;
export type MacroPlaceholder = (typeof MACRO_PLACEHOLDERS)[number];

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const MacroSchema = z.strictObject({
  /** The slash command: "/already-redeemed". */
  id: z.string().regex(KEBAB, 'must be kebab-case (lowercase letters, digits and single dashes), e.g. "ask-region"').max(40),
  title: z.string().trim().min(1).max(80),
  /** What the reply box gets; {brand}, {card}, {amount} and {agent} are filled from the conversation. */
  text: z.string().trim().min(1).max(1000),
});
export type Macro = z.infer<typeof MacroSchema>;

/** macros/macros.json: the team's canned replies, inserted with a slash command in the console. */
export const MacroFileSchema = z.strictObject({
  $schema: z.string().optional(),
  macros: z.array(MacroSchema).min(1),
});

export const WrapUpReasonSchema = z.strictObject({
  id: z.string().regex(KEBAB, 'must be kebab-case (lowercase letters, digits and single dashes), e.g. "code-already-used"').max(80),
  label: z.string().trim().min(1).max(80),
});
export type WrapUpReason = z.infer<typeof WrapUpReasonSchema>;

/** macros/wrap-up.json: the resolution reasons End offers (one is required in the console) and tags it suggests. */
export const WrapUpFileSchema = z.strictObject({
  $schema: z.string().optional(),
  reasons: z.array(WrapUpReasonSchema).min(1),
  tags: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
});

/** Both files, loaded and checked. */
export interface TeamMacros {
  macros: Macro[];
  reasons: WrapUpReason[];
  tags: string[];
}
