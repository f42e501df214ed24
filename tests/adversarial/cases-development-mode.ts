import type { HostileCase } from './corpus';

/** Issue 12 findings of the 'development-mode' category, run by tests/http/adversarial.test.ts. */
export const developmentModeCases: HostileCase[] = [];
