import type { HostileCase } from './corpus';

/** Issue 12 findings of the 'other-fields' category, run by tests/http/adversarial.test.ts. */
export const otherFieldsCases: HostileCase[] = [];
