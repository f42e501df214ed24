import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/paths';
import { eventually } from '../helpers/server';
import { freePort } from '../helpers/serve-process';

/**
 * The Dockerfile, built and run on this machine with podman (no Docker daemon, no registry):
 * - the base is made here: Debian bookworm minbase (mmdebstrap) plus this machine's node and npm,
 *   standing in for node:22-slim; it is cached as a local image, so later runs skip it;
 * - GitHub (where better-sqlite3's prebuilt binary lives) is unreachable, so the base carries this
 *   machine's compiled binary in npm's prebuild cache, where prebuild-install looks first;
 * - `podman run` can't start containers here (crun can't set rlimits), so the image is mounted and
 *   its own CMD, ENV and USER are run with chroot, DATA_DIR bind-mounted like the volume.
 * Slow (minutes when cold): it builds the whole image, npm ci included.
 */

const podmanConf = path.join(tmpdir(), 'giftbot-podman-containers.conf');
const env = { ...process.env, CONTAINERS_CONF: podmanConf };
const IMAGE = 'localhost/giftbot:docker-image-test';

const onPath = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const missing = ['podman', 'mmdebstrap', 'chroot', 'mount'].filter((command) => !onPath(command));
const cannot = missing.length > 0
  ? `${missing.join(' and ')} not installed here (on Debian: apt-get install -y podman mmdebstrap)`
  : process.getuid?.() !== 0 ? 'it needs root (podman image mount, chroot, bind mounts)' : undefined;

function run(command: string, args: string[], what: string): string {
  const result = spawnSync(command, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${what} failed (${command} ${args.join(' ')}):\n${(result.stdout + result.stderr).slice(-4000)}`);
  return result.stdout.trim();
}

/** Where prebuild-install looks for better-sqlite3's binary before downloading it (under npm's cache). */
function prebuiltBinaryName(): string {
  const fromDriver = createRequire(require.resolve('better-sqlite3/package.json'));
  const util = fromDriver('prebuild-install/util') as { getDownloadUrl(opts: object): string; cachedPrebuild(url: string): string };
  const pkg = fromDriver('./package.json') as object;
  const url = util.getDownloadUrl({ pkg, runtime: 'node', abi: process.versions.modules, platform: process.platform, arch: process.arch, libc: '', 'tag-prefix': 'v' });
  return path.basename(util.cachedPrebuild(url));
}

/** A node:22-slim stand-in made here (see above); reused while this node and better-sqlite3 stay the same. */
function baseImage(work: string): string {
  const driver = JSON.parse(readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8')) as { version: string };
  const tag = `localhost/giftbot-test-base:node${process.version}-sqlite${driver.version}`;
  if (spawnSync('podman', ['image', 'exists', tag], { env }).status === 0) return tag;
  const rootfs = path.join(work, 'rootfs');
  run('mmdebstrap', ['--quiet', '--variant=minbase', 'bookworm', rootfs], 'mmdebstrap');
  copyFileSync(process.execPath, path.join(rootfs, 'usr', 'bin', 'node'));
  const npmCli = realpathSync(run('sh', ['-c', 'command -v npm'], 'finding npm'));
  const npmDir = path.resolve(path.dirname(npmCli), '..');
  cpSync(npmDir, path.join(rootfs, 'usr', 'lib', 'node_modules', 'npm'), { recursive: true });
  // npx too, as node images have it: install scripts (botbuilder-dialogs') call it.
  for (const cli of ['npm', 'npx']) run('ln', ['-s', `../lib/node_modules/npm/bin/${cli}-cli.js`, path.join(rootfs, 'usr', 'bin', cli)], `linking ${cli}`);
  // This machine's certificate bundle: whatever lets it reach the npm registry lets the build do so too.
  mkdirSync(path.join(rootfs, 'etc', 'ssl', 'certs'), { recursive: true });
  copyFileSync('/etc/ssl/certs/ca-certificates.crt', path.join(rootfs, 'etc', 'ssl', 'certs', 'ca-certificates.crt'));
  mkdirSync(path.join(rootfs, 'usr', 'etc'), { recursive: true });
  writeFileSync(path.join(rootfs, 'usr', 'etc', 'npmrc'), 'cafile=/etc/ssl/certs/ca-certificates.crt\n');
  const binary = path.join(work, 'prebuilt', 'build', 'Release');
  mkdirSync(binary, { recursive: true });
  copyFileSync(path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node'), path.join(binary, 'better_sqlite3.node'));
  const cache = path.join(rootfs, 'root', '.npm', '_prebuilds');
  mkdirSync(cache, { recursive: true });
  run('tar', ['-C', path.join(work, 'prebuilt'), '-czf', path.join(cache, prebuiltBinaryName()), 'build'], 'packing the prebuilt binary');
  run('sh', ['-c', `tar -C '${rootfs}' -c . | podman import - '${tag}'`], 'podman import');
  return tag;
}

interface ImageConfig {
  User: string;
  Cmd: string[];
  Env: string[];
  WorkingDir: string;
  Volumes?: Record<string, object>;
  ExposedPorts?: Record<string, object>;
  Healthcheck?: { Test: string[] };
}

describe('the Dockerfile', () => {
  if (cannot) {
    test(`cannot be built on this machine: ${cannot}`, () => {
      console.warn(`tests/deploy/docker-image.test.ts did not build the image: ${cannot}`);
      expect(cannot).toMatch(/not installed|needs root/);
    });
    return;
  }

  const work = mkdtempSync(path.join(tmpdir(), 'giftbot-docker-'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'giftbot-docker-data-'));
  let mounted: string | undefined;
  let dataMount: string | undefined;
  let server: ChildProcess | undefined;

  afterAll(() => {
    server?.kill('SIGKILL');
    if (dataMount) spawnSync('umount', [dataMount]);
    if (mounted) spawnSync('podman', ['image', 'unmount', IMAGE], { env });
    rmSync(work, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('when built with podman from a local base, then its CMD serves /healthz 200 as its own non-root user, with DATA_DIR a writable volume and its HEALTHCHECK passing', async () => {
    writeFileSync(podmanConf, '[containers]\ndefault_ulimits = []\n');
    const started = Date.now();
    const base = baseImage(work);
    // --format docker: the OCI format drops HEALTHCHECK.
    run('podman', ['build', '--isolation', 'chroot', '--format', 'docker', '--build-arg', `BASE_IMAGE=${base}`, '-t', IMAGE, ROOT], 'podman build');
    console.info(`docker-image: base + build took ${Math.round((Date.now() - started) / 1000)} s`);

    const inspected = (JSON.parse(run('podman', ['image', 'inspect', IMAGE], 'podman image inspect')) as { Config: ImageConfig; Healthcheck?: ImageConfig['Healthcheck'] }[])[0]!;
    // podman reports the Docker-format HEALTHCHECK beside Config, docker inside it.
    const config = { ...inspected.Config, Healthcheck: inspected.Config.Healthcheck ?? inspected.Healthcheck };
    expect(config.User).toBe('giftbot');
    expect(Object.keys(config.ExposedPorts ?? {})).toEqual(['3978/tcp']);
    const imageEnv = Object.fromEntries(config.Env.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
    expect(imageEnv.NODE_ENV).toBe('production');
    expect(Object.keys(config.Volumes ?? {})).toEqual([imageEnv.DATA_DIR]);
    expect(config.Healthcheck?.Test.join(' ')).toContain('/healthz');

    mounted = run('podman', ['image', 'mount', IMAGE], 'podman image mount');
    const app = path.join(mounted, config.WorkingDir);
    // Production dependencies only: no compiler, no 177 MB Web Chat package, no test tools.
    for (const devOnly of ['typescript', 'botframework-webchat', 'jest', 'react']) expect(existsSync(path.join(app, 'node_modules', devOnly))).toBe(false);
    expect(existsSync(path.join(app, 'dist', 'bundles', 'webchat.js'))).toBe(true);

    const passwd = readFileSync(path.join(mounted, 'etc', 'passwd'), 'utf8').split('\n').find((line) => line.startsWith(`${config.User}:`))!;
    const [uid, gid] = passwd.split(':').slice(2, 4).map(Number) as [number, number];
    expect(uid).not.toBe(0);
    // The volume: a folder of this machine's, owned by the image's user, mounted at DATA_DIR.
    chownSync(dataDir, uid, gid);
    dataMount = path.join(mounted, imageEnv.DATA_DIR!);
    run('mount', ['--bind', dataDir, dataMount], 'mounting the data volume');

    const port = await freePort();
    // Production needs Azure credentials (config.ts); these are syntactically valid stand-ins.
    const runEnv = { ...imageEnv, PORT: String(port), MicrosoftAppId: '00000000-0000-4000-8000-000000000001', MicrosoftAppPassword: 'docker-image-test-password' };
    const inImage = (argv: string[]) => ['--userspec', `${uid}:${gid}`, mounted!, '/usr/bin/env', '-i', '-C', config.WorkingDir, ...Object.entries(runEnv).map(([k, v]) => `${k}=${v}`), ...argv];
    server = spawn('chroot', inImage(config.Cmd), { env });
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    let ended = false;
    server.on('exit', () => (ended = true));
    await eventually(() => {
      if (ended) throw new Error(`the image's CMD stopped before listening:\n${out.slice(-2000)}`);
      return out.includes('"event":"listening"') ? true : undefined;
    }, 60_000, "the image's CMD to listen");

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    // It wrote its database into the volume, as the image's user.
    expect(existsSync(path.join(dataDir, 'giftbot.db'))).toBe(true);
    // The image's own HEALTHCHECK command ("CMD", then the argv) passes against it.
    const [form, ...check] = config.Healthcheck!.Test;
    expect(form).toBe('CMD');
    expect(spawnSync('chroot', inImage(check), { env }).status).toBe(0);
  }, 30 * 60_000);
});
