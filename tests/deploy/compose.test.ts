import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../helpers/paths';

/**
 * compose.yaml as Docker Compose reads it (YAML 1.1 merge keys resolved): two giftbot instances
 * from one build on one Redis (append-only), behind nginx balancing them round-robin without
 * sticky sessions and passing WebSocket upgrades. Docker isn't on this machine, so the file and
 * the proxy's configuration are checked, not run (the image itself is: docker-image.test.ts).
 */

interface Service {
  build?: string;
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(path.join(ROOT, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const giftbots = Object.entries(services).filter(([, service]) => service.build !== undefined);
const nginx = readFileSync(path.join(ROOT, 'deploy', 'nginx.conf'), 'utf8').replace(/#.*$/gm, ''); // directives only

describe('compose.yaml', () => {
  test('when read, then it runs two giftbot instances from the same build with the same settings', () => {
    expect(giftbots.map(([name]) => name)).toEqual(['giftbot-1', 'giftbot-2']);
    const [[, first], [, second]] = giftbots as [[string, Service], [string, Service]];
    expect(first.build).toBe('.');
    expect(second.build).toBe(first.build);
    expect(second.image).toBe(first.image);
    expect(second.environment).toEqual(first.environment);
    // Each its own data volume, mounted where the image's DATA_DIR volume is.
    expect(first.volumes).toEqual(['giftbot-1-data:/app/data']);
    expect(second.volumes).toEqual(['giftbot-2-data:/app/data']);
  });

  test('when read, then both instances use the Redis service, which keeps an append-only file on a volume', () => {
    const redis = services.redis!;
    expect(redis.image).toMatch(/^redis:/);
    expect(redis.command?.join(' ')).toMatch(/--appendonly yes/);
    expect(redis.volumes?.some((volume) => volume.endsWith(':/data'))).toBe(true);
    for (const [, giftbot] of giftbots) {
      expect(giftbot.environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(giftbot.depends_on?.redis?.condition).toBe('service_healthy');
    }
  });

  test('when read, then production settings and shared secrets are the same on both, and the required ones must be given', () => {
    const environment = giftbots[0]![1].environment!;
    expect(environment.NODE_ENV).toBe('production');
    expect(environment.TRUST_PROXY).toBe('1');
    // ${VAR:?message}: compose refuses to start without them, rather than starting a refusing server.
    for (const required of ['MicrosoftAppId', 'MicrosoftAppPassword', 'AGENT_TOKENS']) expect(environment[required]).toMatch(new RegExp(`^\\$\\{${required}:\\?`));
    for (const shared of ['DIRECTLINE_SECRET', 'PUBLIC_URL', 'ALLOWED_ORIGINS']) expect(environment[shared]).toMatch(new RegExp(`^\\$\\{${shared}:-`));
  });

  test('when read, then the proxy publishes one port, mounts deploy/nginx.conf and waits for both instances to be healthy', () => {
    const proxy = services.proxy!;
    expect(proxy.image).toMatch(/^nginx:/);
    expect(proxy.ports).toHaveLength(1);
    expect(proxy.volumes).toContain('./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro');
    expect(Object.keys(proxy.depends_on ?? {}).sort()).toEqual(['giftbot-1', 'giftbot-2']);
  });
});

describe('deploy/nginx.conf', () => {
  test('when read, then its upstream names both instances, round-robin, with no sticky sessions', () => {
    const upstream = /upstream\s+(\w+)\s*\{([^}]*)\}/.exec(nginx);
    expect(upstream).not.toBeNull();
    const servers = [...upstream![2]!.matchAll(/^\s*server\s+([^\s;]+)/gm)].map((m) => m[1]);
    expect(servers).toEqual(['giftbot-1:3978', 'giftbot-2:3978']);
    // Round-robin is nginx's default; any of these would pin a client to one instance or change the policy.
    expect(upstream![2]).not.toMatch(/\b(ip_hash|hash|sticky|least_conn|random)\b/);
    expect(nginx).not.toMatch(/\b(ip_hash|sticky)\b/);
    expect(nginx).toMatch(new RegExp(`proxy_pass\\s+http://${upstream![1]};`));
  });

  test('when read, then WebSocket upgrades are passed on (HTTP/1.1, Upgrade and Connection) for the Direct Line and agent streams', () => {
    expect(nginx).toMatch(/proxy_http_version\s+1\.1;/);
    expect(nginx).toMatch(/proxy_set_header\s+Upgrade\s+\$http_upgrade;/);
    expect(nginx).toMatch(/proxy_set_header\s+Connection\s+\$connection_upgrade;/);
    expect(nginx).toMatch(/map\s+\$http_upgrade\s+\$connection_upgrade\s*\{[^}]*default\s+upgrade;/);
    // One location for everything, so /v3/directline/conversations/*/stream and /api/agent/stream get it too.
    expect([...nginx.matchAll(/location\s+([^\s{]+)/g)].map((m) => m[1])).toEqual(['/']);
    // Streams outlive nginx's 60 s default read timeout.
    expect(Number(/proxy_read_timeout\s+(\d+)h;/.exec(nginx)?.[1])).toBeGreaterThanOrEqual(1);
    expect(nginx).toMatch(/proxy_set_header\s+X-Forwarded-For\s+\$proxy_add_x_forwarded_for;/);
  });
});
