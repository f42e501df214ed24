import type { HostileCase } from './corpus';

/** Issue 12 findings of the 'long-input' category, run by tests/http/adversarial.test.ts. */
export const longInputCases: HostileCase[] = [];
