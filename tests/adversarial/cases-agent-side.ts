import type { HostileCase } from './corpus';

/** Issue 12 findings of the 'agent-side' category, run by tests/http/adversarial.test.ts. */
export const agentSideCases: HostileCase[] = [];
