/**
 * Every test client is 127.0.0.1, so per-address limits would count a whole test file as one
 * customer. Test servers start with them off unless the test sets them; the per-conversation
 * limits keep their defaults. The limits themselves are tested with clients on addresses of their
 * own (tests/http/client-limits.test.ts, tests/faults/limits-two-instances.test.ts).
 */
export const LOOPBACK_LIMITS = {
  RATE_LIMIT_TOKENS_PER_IP: 'off',
  RATE_LIMIT_CONVERSATIONS_PER_IP: 'off',
  RATE_LIMIT_POSTS_PER_IP: 'off',
  RATE_LIMIT_HANDOFFS_PER_IP: 'off',
  RATE_LIMIT_OVERALL: 'off',
};
