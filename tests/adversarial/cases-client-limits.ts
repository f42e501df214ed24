import type { HostileCase } from './corpus';

/** Issue 12 findings of the 'client-limits' category, run by tests/http/adversarial.test.ts. */
export const clientLimitsCases: HostileCase[] = [];
