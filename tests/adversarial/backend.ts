/**
 * Which storage the adversarial runner's server uses: SQLite, the default (tests/http/adversarial.test.ts),
 * or Redis (tests/http/adversarial-redis.test.ts sets it before the runner's beforeAll reads it).
 */
export const corpusBackend: { kind: 'sqlite' | 'redis' } = { kind: 'sqlite' };
