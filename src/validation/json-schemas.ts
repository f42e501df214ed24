import { z } from 'zod';
import { BrandSchema, GenericSchema } from '../knowledge/brand-schema';

/** Every JSON Schema giftbot publishes for its data files, by file name under schemas/. */
export function jsonSchemas(): Record<string, unknown> {
  return {
    'brand.schema.json': z.toJSONSchema(BrandSchema, { io: 'input' }),
    'generic.schema.json': z.toJSONSchema(GenericSchema, { io: 'input' }),
  };
}
