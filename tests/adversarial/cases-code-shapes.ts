import type { HostileCase } from './corpus';

/** Issue 12 findings of the 'code-shapes' category, run by tests/http/adversarial.test.ts. */
export const codeShapesCases: HostileCase[] = [];
