import type { HostileCase } from './corpus';

/** Issue 12 findings of the 'headers' category, run by tests/http/adversarial.test.ts. */
export const headersCases: HostileCase[] = [];
