import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';
import { manifestPackage } from '../../src/cli/manifest-package';
import { UsageError, type Io } from '../../src/cli/io';
import { ROOT, scratchDir } from '../helpers/paths';

const MANIFEST_DIR = path.join(ROOT, 'manifest');

const VALID_ENV = {
  TEAMS_APP_ID: '6f1c4a52-3b8e-4c1d-9a7e-2f5b8c9d0e1a',
  MicrosoftAppId: 'B2C3D4E5-F6A7-4B8C-9D0E-1F2A3B4C5D6E',
  PUBLIC_URL: 'https://giftbot.contoso.example/api/messages',
};

/** A separate Entra app for the agent tab's SSO. */
const SSO_CLIENT_ID = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    stdin: process.stdin,
    cwd,
    env,
  };
  const code = await manifestPackage(args, io);
  return { code, out, err };
}

/** A copy of the shipped manifest folder, to break on purpose. */
function copyManifest(into: string): string {
  const dir = path.join(into, 'manifest');
  cpSync(MANIFEST_DIR, dir, { recursive: true });
  return dir;
}

function editTemplate(dir: string, edit: (manifest: Record<string, any>) => void): void {
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
  edit(manifest);
  writeFileSync(file, JSON.stringify(manifest, null, 2));
}

/** Decodes an 8-bit RGBA PNG (every filter type), independently of the script that drew it. */
function decodePng(bytes: Uint8Array): { width: number; height: number; bitDepth: number; colorType: number; rgba: Buffer } {
  const buf = Buffer.from(bytes);
  expect([...buf.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(buf.toString('ascii', 12, 16)).toBe('IHDR'); // IHDR comes first
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const bitDepth = buf[24]!;
  const colorType = buf[25]!;
  const idat: Buffer[] = [];
  for (let offset = 8; offset < buf.length; ) {
    const length = buf.readUInt32BE(offset);
    if (buf.toString('ascii', offset + 4, offset + 8) === 'IDAT') idat.push(buf.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const b = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      rgba[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, bitDepth, colorType, rgba };
}

let scratch: { dir: string; cleanup: () => void };
let fetchSpy: jest.SpiedFunction<typeof fetch>;

beforeEach(() => {
  scratch = scratchDir();
  // Validation must never need the network: any fetch fails the test that makes it.
  fetchSpy = jest.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('no network in tests'));
});

afterEach(() => {
  expect(fetchSpy).not.toHaveBeenCalled();
  fetchSpy.mockRestore();
  scratch.cleanup();
});

describe('giftbot manifest package, with a valid environment', () => {
  async function packageIt(env: NodeJS.ProcessEnv = VALID_ENV): Promise<{ result: Run; zip: JSZip; file: string }> {
    const file = path.join(scratch.dir, 'out', 'teams.zip');
    const result = await run(['--out', 'out/teams.zip', '--manifest', MANIFEST_DIR], { ...env }, scratch.dir);
    expect(result).toMatchObject({ code: 0, err: '' });
    return { result, zip: await JSZip.loadAsync(readFileSync(file)), file };
  }

  it('when it runs, then the zip holds manifest.json, color.png and outline.png at its root, and it says what it wrote', async () => {
    const { result, zip } = await packageIt();
    const files = Object.values(zip.files).filter((entry) => !entry.dir).map((entry) => entry.name).sort();
    expect(files).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(result.out).toContain(`Wrote ${path.join('out', 'teams.zip')}`);
    expect(result.out).toContain('manifest.json, color.png, outline.png');
    expect(result.out).toContain(VALID_ENV.TEAMS_APP_ID);
    expect(result.out).toContain('giftbot.contoso.example');
  });

  it('when the zip is read back, then its manifest validates offline with @microsoft/app-manifest and carries the filled ids and domain', async () => {
    const { zip } = await packageIt();
    const text = await zip.file('manifest.json')!.async('string');
    expect(text).not.toContain('${{');
    const manifest = JSON.parse(text) as Record<string, any>;
    await expect(AppManifestUtils.validateAgainstSchema(manifest as TeamsManifest)).resolves.toEqual([]);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
    expect(manifest.id).toBe(VALID_ENV.TEAMS_APP_ID);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0]).toMatchObject({
      botId: VALID_ENV.MicrosoftAppId,
      scopes: ['personal', 'team', 'groupChat'],
      supportsFiles: false,
    });
    const commands = manifest.bots[0].commandLists.flatMap((list: { commands: { title: string }[] }) => list.commands.map((c) => c.title));
    expect(commands).toEqual(expect.arrayContaining(['help', 'redeem', 'sell', 'agent']));
    expect(manifest.validDomains).toEqual(['giftbot.contoso.example']);
    expect(manifest.name.short).toBe('giftbot');
    expect(manifest.developer.websiteUrl).toBe('https://marketplace.example');
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  async function packagedManifest(env: NodeJS.ProcessEnv): Promise<Record<string, any>> {
    const { zip } = await packageIt(env);
    const text = await zip.file('manifest.json')!.async('string');
    expect(text).not.toContain('${{');
    const manifest = JSON.parse(text) as Record<string, any>;
    await expect(AppManifestUtils.validateAgainstSchema(manifest as TeamsManifest)).resolves.toEqual([]);
    return manifest;
  }

  it('when it is packaged, then the agent console is a personal static tab on the public host', async () => {
    const manifest = await packagedManifest(VALID_ENV);
    expect(manifest.staticTabs).toEqual([
      {
        entityId: 'agent-console',
        name: 'Support queue',
        contentUrl: 'https://giftbot.contoso.example/agent/teams.html',
        websiteUrl: 'https://giftbot.contoso.example/agent/',
        scopes: ['personal'],
      },
    ]);
    // Teams only loads the tab, and only grants its SSO token, on a valid domain.
    expect(manifest.validDomains).toContain(new URL(manifest.staticTabs[0].contentUrl).hostname);
  });

  it('when TEAMS_SSO_CLIENT_ID is set, then webApplicationInfo names that app and its api://<host>/<id> resource', async () => {
    const manifest = await packagedManifest({ ...VALID_ENV, TEAMS_SSO_CLIENT_ID: SSO_CLIENT_ID });
    expect(manifest.webApplicationInfo).toEqual({
      id: SSO_CLIENT_ID,
      resource: `api://giftbot.contoso.example/${SSO_CLIENT_ID}`,
    });
    expect(manifest.bots[0].botId).toBe(VALID_ENV.MicrosoftAppId); // the bot keeps its own id
    expect(manifest.staticTabs[0].contentUrl).toBe('https://giftbot.contoso.example/agent/teams.html');
  });

  it('when TEAMS_SSO_CLIENT_ID is unset or empty, then webApplicationInfo uses the bot\'s MicrosoftAppId', async () => {
    for (const env of [VALID_ENV, { ...VALID_ENV, TEAMS_SSO_CLIENT_ID: '' }, { ...VALID_ENV, TEAMS_SSO_CLIENT_ID: '  ' }]) {
      const manifest = await packagedManifest(env);
      expect(manifest.webApplicationInfo).toEqual({
        id: VALID_ENV.MicrosoftAppId,
        resource: `api://giftbot.contoso.example/${VALID_ENV.MicrosoftAppId}`,
      });
    }
  });

  it('when the icons are read back, then color.png is 192×192 and outline.png is 32×32 white on transparent', async () => {
    const { zip } = await packageIt();
    const color = decodePng(await zip.file('color.png')!.async('uint8array'));
    expect({ width: color.width, height: color.height }).toEqual({ width: 192, height: 192 });
    const outline = decodePng(await zip.file('outline.png')!.async('uint8array'));
    expect({ width: outline.width, height: outline.height, bitDepth: outline.bitDepth, colorType: outline.colorType }).toEqual({
      width: 32,
      height: 32,
      bitDepth: 8,
      colorType: 6, // RGBA: the transparency Teams needs
    });
    let drawn = 0;
    let transparent = 0;
    let notWhite = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      if (outline.rgba[i + 3] === 0) transparent++;
      else {
        drawn++;
        if (outline.rgba[i] !== 255 || outline.rgba[i + 1] !== 255 || outline.rgba[i + 2] !== 255) notWhite++;
      }
    }
    expect({ notWhite, someDrawn: drawn > 100, someTransparent: transparent > 100 }).toEqual({ notWhite: 0, someDrawn: true, someTransparent: true });
    // The colour icon is opaque all over: Teams shows it on any background.
    let seeThrough = 0;
    for (let i = 3; i < color.rgba.length; i += 4) if (color.rgba[i] !== 255) seeThrough++;
    expect(seeThrough).toBe(0);
  });

  it('when no --out or --manifest is given, then it reads ./manifest and writes dist/teams-app.zip, creating the folder', async () => {
    copyManifest(scratch.dir);
    const result = await run([], { ...VALID_ENV }, scratch.dir);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(existsSync(path.join(scratch.dir, 'dist', 'teams-app.zip'))).toBe(true);
    expect(result.out).toContain(`Wrote ${path.join('dist', 'teams-app.zip')}`);
  });
});

describe('giftbot manifest package, with a bad environment', () => {
  it('when every variable is missing, then it exits 1 naming each one and writes nothing', async () => {
    copyManifest(scratch.dir);
    const result = await run([], {}, scratch.dir);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain('TEAMS_APP_ID: is not set');
    expect(result.err).toContain('MicrosoftAppId: is not set');
    expect(result.err).toContain('PUBLIC_URL: is not set');
    expect(result.err).not.toContain('TEAMS_SSO_CLIENT_ID'); // optional: MicrosoftAppId stands in
    expect(result.err).toContain('Nothing was written');
    expect(existsSync(path.join(scratch.dir, 'dist'))).toBe(false);
  });

  it('when a variable is empty, then it counts as unset and only that one is named', async () => {
    copyManifest(scratch.dir);
    const result = await run([], { ...VALID_ENV, MicrosoftAppId: '' }, scratch.dir);
    expect(result.code).toBe(1);
    expect(result.err).toContain('MicrosoftAppId: is not set');
    expect(result.err).not.toContain('TEAMS_APP_ID');
    expect(result.err).not.toContain('PUBLIC_URL');
    expect(existsSync(path.join(scratch.dir, 'dist'))).toBe(false);
  });

  it('when the ids are not GUIDs and the URL is not https, then it exits 1 saying what each should be and writes nothing', async () => {
    copyManifest(scratch.dir);
    const result = await run(
      [],
      { TEAMS_APP_ID: 'giftbot', MicrosoftAppId: '1234-5678', PUBLIC_URL: 'http://giftbot.contoso.example' },
      scratch.dir,
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/TEAMS_APP_ID: must be a GUID/);
    expect(result.err).toMatch(/MicrosoftAppId: must be a GUID/);
    expect(result.err).toMatch(/PUBLIC_URL: must be an https URL/);
    expect(existsSync(path.join(scratch.dir, 'dist'))).toBe(false);
  });

  it('when TEAMS_SSO_CLIENT_ID is set but not a GUID, then it exits 1 naming only it and writes nothing', async () => {
    copyManifest(scratch.dir);
    const result = await run([], { ...VALID_ENV, TEAMS_SSO_CLIENT_ID: 'api://giftbot.contoso.example/sso' }, scratch.dir);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/TEAMS_SSO_CLIENT_ID: must be a GUID/);
    expect(result.err).not.toMatch(/TEAMS_APP_ID|MicrosoftAppId:|PUBLIC_URL/);
    expect(existsSync(path.join(scratch.dir, 'dist'))).toBe(false);
  });

  it('when PUBLIC_URL is not a URL or is localhost, then it says so', async () => {
    copyManifest(scratch.dir);
    const notUrl = await run([], { ...VALID_ENV, PUBLIC_URL: 'giftbot.contoso.example' }, scratch.dir);
    expect(notUrl.code).toBe(1);
    expect(notUrl.err).toMatch(/PUBLIC_URL: must be an https URL/);
    const local = await run([], { ...VALID_ENV, PUBLIC_URL: 'https://localhost:3978' }, scratch.dir);
    expect(local.code).toBe(1);
    expect(local.err).toMatch(/PUBLIC_URL: must be a public address/);
    expect(existsSync(path.join(scratch.dir, 'dist'))).toBe(false);
  });
});

describe('giftbot manifest package, with a broken template', () => {
  async function packageBroken(edit: (manifest: Record<string, any>) => void): Promise<Run> {
    const dir = copyManifest(scratch.dir);
    editTemplate(dir, edit);
    const result = await run([], { ...VALID_ENV }, scratch.dir);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain('nothing was written');
    expect(existsSync(path.join(scratch.dir, 'dist'))).toBe(false);
    return result;
  }

  it('when a required field is removed, then the schema problem is reported as file › path: what to fix', async () => {
    const result = await packageBroken((manifest) => {
      delete manifest.accentColor;
      delete manifest.developer.privacyUrl;
    });
    const file = path.join('manifest', 'manifest.json');
    expect(result.err).toContain(`${file}: must have required property 'accentColor'`);
    expect(result.err).toContain(`${file} › developer: must have required property 'privacyUrl'`);
    expect(result.err).toContain('2 problems');
  });

  it('when a value is out of the schema, then the problem names where it is and what is allowed', async () => {
    const result = await packageBroken((manifest) => {
      manifest.bots[0].scopes = ['personal', 'everyone'];
      manifest.bots[0].sendsFiles = true;
    });
    expect(result.err).toMatch(/bots\[0\]\.scopes\[1\]: must be equal to one of the allowed values: "team", "personal", "groupChat"/);
    expect(result.err).toMatch(/bots\[0\]: must NOT have additional properties: "sendsFiles"/);
  });

  it('when the template has a placeholder the package does not fill, then it is named', async () => {
    const result = await packageBroken((manifest) => {
      manifest.developer.websiteUrl = 'https://${{MARKETPLACE_HOST}}';
    });
    expect(result.err).toMatch(/developer\.websiteUrl: unknown placeholder \$\{\{MARKETPLACE_HOST\}\}/);
  });

  it('when $schema points at a schema the package does not bundle, then it refuses without going online', async () => {
    const result = await packageBroken((manifest) => {
      manifest.$schema = 'https://schemas.contoso.example/teams/MicrosoftTeams.schema.json';
    });
    expect(result.err).toMatch(/› \$schema: must be a Teams manifest schema bundled with @microsoft\/app-manifest/);
  });

  it('when the template is not valid JSON, then the line and column are named', async () => {
    const dir = copyManifest(scratch.dir);
    writeFileSync(path.join(dir, 'manifest.json'), '{\n  "manifestVersion": "1.29",\n  oops\n}\n');
    const result = await run([], { ...VALID_ENV }, scratch.dir);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/manifest\.json: is not valid JSON at line 3/);
  });

  it('when an icon is the wrong size or missing, then it is named with the size Teams needs', async () => {
    const dir = copyManifest(scratch.dir);
    cpSync(path.join(dir, 'outline.png'), path.join(dir, 'color.png'));
    rmSync(path.join(dir, 'outline.png'));
    const result = await run([], { ...VALID_ENV }, scratch.dir);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${path.join('manifest', 'color.png')}: is 32×32: Teams needs 192×192`);
    expect(result.err).toContain(`${path.join('manifest', 'outline.png')}: can't be read (ENOENT)`);
    expect(existsSync(path.join(scratch.dir, 'dist'))).toBe(false);
  });
});

describe('giftbot manifest package, called wrongly', () => {
  it('when an unknown option or a stray argument is given, then it is a usage error', async () => {
    await expect(run(['--zip', 'x.zip'], { ...VALID_ENV }, scratch.dir)).rejects.toBeInstanceOf(UsageError);
    await expect(run(['extra'], { ...VALID_ENV }, scratch.dir)).rejects.toBeInstanceOf(UsageError);
    await expect(run(['--out', ''], { ...VALID_ENV }, scratch.dir)).rejects.toBeInstanceOf(UsageError);
  });
});
