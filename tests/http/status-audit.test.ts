import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/core/logger';
import { AuditLogEntrySchema } from '../../src/handoff/handoff-audit';
import { RedisConnection } from '../../src/storage/redis/redis-connection';
import { RedisRecordLog } from '../../src/storage/redis/redis-record-log';
import { agentClient } from '../helpers/agent-client';
import { readRecords } from '../helpers/records';
import { startRedis, type RedisServer } from '../helpers/redis-server';
import { eventually, startTestServer } from '../helpers/server';

/**
 * Issue 15: routing is audited. Every change of an agent's status lands in the audit log on SQLite
 * and on Redis: who, from, to, when, and by whom (the agent, or the system when the offline grace
 * after their console closed ends). Setting the status one already has is no change.
 */
jest.setTimeout(60_000);

const ANA = 'ana-token-status-audit-0123456789';
let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

async function redisAudit(): Promise<unknown[]> {
  const connection = await RedisConnection.open({ url: redis.url, log: silentLogger });
  try {
    return await new RedisRecordLog(connection, 'audit', AuditLogEntrySchema).read();
  } finally {
    await connection.close();
  }
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-status-audit-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const backends: Array<[string, () => Record<string, string>, () => Promise<unknown[]>]> = [
  ['SQLite', () => ({ DATA_DIR: dataDir }), async () => readRecords(dataDir, 'audit')],
  ['Redis', () => ({ REDIS_URL: redis.url }), () => redisAudit()],
];

describe.each(backends)('on %s', (_name, env, readAudit) => {
  test('when an agent changes status, signs in available, and the console stays closed past the grace, then each change is audited with who, from, to, when and by whom', async () => {
    const server = await startTestServer({ AGENT_TOKENS: `Ana:${ANA}`, AGENT_OFFLINE_GRACE_SECONDS: '1', ...env() });
    const started = Date.now();
    try {
      const set = (status: string) => fetch(`${server.url}/api/agent/me/status`, { method: 'POST', headers: { Authorization: `Bearer ${ANA}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ status }) });
      expect((await set('away')).status).toBe(200);
      // The same status again is no change: not audited.
      expect((await set('away')).status).toBe(200);
      const ana = await agentClient(server.url, ANA);
      ana.send({ type: 'auth', token: ANA, status: 'available' });
      await ana.frame((f) => f.type === 'status' && f.agent.id === 'token:Ana' && f.status === 'available', 'the sign-in frame to set available');
      await ana.close();

      const changes = await eventually(
        async () => {
          const found = (await readAudit()).filter((e) => (e as { action: string }).action === 'status-changed');
          return found.length >= 3 ? found : undefined;
        },
        8000,
        'the offline grace to end and be audited',
      );
      const who = { id: 'token:Ana', name: 'Ana' };
      expect(changes.map((e) => ({ ...(e as object), at: undefined }))).toEqual([
        { at: undefined, action: 'status-changed', agent: who, status: { from: null, to: 'away' }, by: 'agent' },
        { at: undefined, action: 'status-changed', agent: who, status: { from: 'away', to: 'available' }, by: 'agent' },
        { at: undefined, action: 'status-changed', agent: who, status: { from: 'available', to: 'offline' }, by: 'system' },
      ]);
      const times = changes.map((e) => Date.parse((e as { at: string }).at));
      expect(times.every((t) => t >= started - 1000 && t <= Date.now())).toBe(true);
      expect([...times].sort((x, y) => x - y)).toEqual(times);
      // A status change is no handoff event: /metrics doesn't count it as one.
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toContain('giftbot_handoff_events_total');
      expect(metrics).not.toMatch(/giftbot_handoff_events_total\{action="(other|status-changed)"\}/);
    } finally {
      await server.close();
    }
  });
});
