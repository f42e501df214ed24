import { z } from 'zod';
import { DialogFileSchema, GlobalFileSchema } from '../engine/flow-schema';
import { BrandSchema, GenericSchema } from '../knowledge/brand-schema';
import { OtherBrandsFileSchema } from '../knowledge/other-brands-schema';
import { IntentFileSchema } from '../understanding/intent-schema';
import { MacroFileSchema, WrapUpFileSchema } from '../handoff/macro-schema';

/** Every JSON Schema giftbot publishes for its data files, by file name under schemas/. */
export function jsonSchemas(): Record<string, unknown> {
  return {
    'brand.schema.json': z.toJSONSchema(BrandSchema, { io: 'input' }),
    'generic.schema.json': z.toJSONSchema(GenericSchema, { io: 'input' }),
    'dialog.schema.json': z.toJSONSchema(DialogFileSchema, { io: 'input' }),
    'global.schema.json': z.toJSONSchema(GlobalFileSchema, { io: 'input' }),
    'intent.schema.json': z.toJSONSchema(IntentFileSchema, { io: 'input' }),
    'other-brands.schema.json': z.toJSONSchema(OtherBrandsFileSchema, { io: 'input' }),
    'macros.schema.json': z.toJSONSchema(MacroFileSchema, { io: 'input' }),
    'wrap-up.schema.json': z.toJSONSchema(WrapUpFileSchema, { io: 'input' }),
  };
}
