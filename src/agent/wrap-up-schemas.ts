import { z } from 'zod';
import { MacroSchema, WrapUpReasonSchema } from '../handoff/macro-schema';

const MacroView = MacroSchema.meta({
  id: 'Macro',
  description: 'A canned reply from macros/macros.json; `id` is its slash command in the console ("/ask-region").',
});

export const MacrosAnswer = z
  .object({ macros: z.array(MacroView) })
  .meta({ id: 'Macros', description: 'As written: {brand}, {card}, {amount} and {agent} not yet filled.' });

export const FilledMacrosAnswer = z
  .object({ id: z.string(), macros: z.array(MacroView) })
  .meta({
    id: 'FilledMacros',
    description:
      'Filled for the conversation `id`: {brand} is the brand’s name ("the brand" when unknown), {card} "your <brand> gift card" ("your gift card"), {amount} the amount with its currency ("the amount"), {agent} the caller’s name.',
  });

export const WrapUpAnswer = z
  .object({
    reasons: z.array(WrapUpReasonSchema.meta({ id: 'WrapUpReason' })),
    tags: z.array(z.string()).meta({ description: 'Suggested tags; End takes any others too.' }),
  })
  .meta({ id: 'WrapUp', description: 'End’s resolution reasons (macros/wrap-up.json) and suggested tags.' });
