import type { HostileCase } from './corpus';

/** Issue 12 findings of the 'spoofing' category, run by tests/http/adversarial.test.ts. */
export const spoofingCases: HostileCase[] = [];
