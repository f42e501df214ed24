import { z } from 'zod';
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { formatPath, type Problem } from '../validation/problem';

/**
 * The Teams app package: the manifest template in `manifest/`, filled from the environment and
 * validated offline against the schema bundled with @microsoft/app-manifest. No botbuilder here.
 */

export const MANIFEST_FILE = 'manifest.json';
/** The icons, under the names the template must give them: the package holds exactly these. */
export const ICONS = { color: { file: 'color.png', size: 192 }, outline: { file: 'outline.png', size: 32 } } as const;

const GUID_EXAMPLE = '00000000-0000-0000-0000-000000000000';

function missingOr(what: string, bad: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? `is not set: ${what}` : bad);
}

/** What the package reads from the environment; every variable is required but TEAMS_SSO_CLIENT_ID. */
export const TeamsPackageEnvSchema = z.object({
  /** The Teams app's own id (Developer Portal › Apps › App ID). */
  TEAMS_APP_ID: z.guid({
    error: missingOr("the Teams app's id, a GUID", `must be a GUID like ${GUID_EXAMPLE} (the Teams app's id)`),
  }),
  /** The bot's Microsoft App Id from its Azure Bot registration: the manifest's botId. */
  MicrosoftAppId: z.guid({
    error: missingOr("the bot's Microsoft App Id, a GUID", `must be a GUID like ${GUID_EXAMPLE} (the bot's Microsoft App Id)`),
  }),
  /** Where Teams reaches the bot; its hostname goes into validDomains. */
  PUBLIC_URL: z
    .url({
      protocol: /^https$/,
      error: missingOr("the bot's public https address", 'must be an https URL, like https://giftbot.example.com'),
    })
    .refine((url) => !isLocalHost(url), 'must be a public address: Teams cannot reach localhost'),
  /**
   * The Entra app the agent tab's SSO token is issued for: the manifest's webApplicationInfo.
   * Optional: unset, the bot's own Entra app (MicrosoftAppId) serves SSO too, once it has the
   * Application ID URI api://<PUBLIC_URL host>/<MicrosoftAppId> and an access_as_user scope.
   */
  TEAMS_SSO_CLIENT_ID: z
    .guid({ error: `must be a GUID like ${GUID_EXAMPLE} (the Entra app id for the agent tab's SSO), or unset to use MicrosoftAppId` })
    .optional(),
});

export type TeamsPackageEnv = z.infer<typeof TeamsPackageEnvSchema>;

function isLocalHost(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return false; // not a URL at all: the url check has said so
  }
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127\./.test(hostname) || hostname === '[::1]';
}

export type EnvResult = { ok: true; env: TeamsPackageEnv } | { ok: false; problems: string[] };

/** Reads the package's variables; empty counts as unset. Problems read `NAME: what to fix`. */
export function readTeamsPackageEnv(env: NodeJS.ProcessEnv): EnvResult {
  const present = Object.fromEntries(
    Object.keys(TeamsPackageEnvSchema.shape)
      .map((name) => [name, env[name]?.trim()] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = TeamsPackageEnvSchema.safeParse(present);
  if (parsed.success) return { ok: true, env: parsed.data };
  // One message a variable: the first thing wrong with it is the thing to fix.
  const byName = new Map<string, string>();
  for (const issue of parsed.error.issues) {
    const name = issue.path.join('.');
    if (!byName.has(name)) byName.set(name, `${name}: ${issue.message}`);
  }
  return { ok: false, problems: [...byName.values()] };
}

/** The template's placeholders, `${{NAME}}`, and where each value comes from. */
export function placeholderValues(env: TeamsPackageEnv): Record<string, string> {
  return {
    TEAMS_APP_ID: env.TEAMS_APP_ID,
    MicrosoftAppId: env.MicrosoftAppId,
    PUBLIC_HOSTNAME: new URL(env.PUBLIC_URL).hostname,
    // Unset, the bot's Entra app doubles as the SSO app (see TeamsPackageEnvSchema).
    TEAMS_SSO_CLIENT_ID: env.TEAMS_SSO_CLIENT_ID ?? env.MicrosoftAppId,
  };
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Fills `${{NAME}}` in every string value of the template (keys are left alone). A placeholder
 * with no value is a problem, so nothing half-filled ever reaches a package.
 */
export function fillTemplate(template: unknown, values: Readonly<Record<string, string>>, file = MANIFEST_FILE): { manifest: unknown; problems: Problem[] } {
  const problems: Problem[] = [];
  const known = Object.keys(values).map((name) => `\${{${name}}}`).join(', ');
  const fill = (node: unknown, at: PropertyKey[]): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        const value = Object.hasOwn(values, name) ? values[name] : undefined;
        if (value !== undefined) return value;
        problems.push({ file, path: formatPath(at), message: `unknown placeholder ${whole}: the package fills ${known}` });
        return whole;
      });
    }
    if (Array.isArray(node)) return node.map((item, i) => fill(item, [...at, i]));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value, [...at, key])]));
    }
    return node;
  };
  return { manifest: fill(template, []), problems };
}

/** What the package needs of the manifest beyond its schema: icon names it can supply. */
export function checkPackageRules(manifest: unknown, file = MANIFEST_FILE): Problem[] {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    return [{ file, path: '', message: 'must be a JSON object' }];
  }
  const icons = (manifest as { icons?: unknown }).icons;
  if (icons === null || typeof icons !== 'object') return []; // the schema reports it
  const problems: Problem[] = [];
  for (const [kind, { file: expected }] of Object.entries(ICONS)) {
    const actual = (icons as Record<string, unknown>)[kind];
    if (typeof actual === 'string' && actual !== expected) {
      problems.push({ file, path: `icons.${kind}`, message: `must be "${expected}": the package ships the icon under that name` });
    }
  }
  return problems;
}

/**
 * Validates a filled manifest against its `$schema`, with @microsoft/app-manifest. Only schemas
 * the package bundles are accepted, so validation never goes to the network.
 */
export async function validateTeamsManifest(manifest: unknown, file = MANIFEST_FILE): Promise<Problem[]> {
  const rules = checkPackageRules(manifest, file);
  if (rules.some((problem) => problem.path === '')) return rules;
  const schemaUrl = (manifest as { $schema?: unknown }).$schema;
  if (typeof schemaUrl !== 'string' || !bundledSchemaPath(schemaUrl)) {
    return [
      ...rules,
      {
        file,
        path: '$schema',
        message:
          'must be a Teams manifest schema bundled with @microsoft/app-manifest, like https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.schema.json (validation runs offline)',
      },
    ];
  }
  const failures = await AppManifestUtils.validateAgainstSchema(manifest as TeamsManifest);
  return [...rules, ...failures.map((failure) => problemFromSchemaFailure(failure, file))];
}

/** The bundled copy of a developer.microsoft.com Teams schema URL, if the package has it. */
export function bundledSchemaPath(schemaUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(schemaUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.hostname !== 'developer.microsoft.com') return undefined;
  // The package maps localised URLs (/en-us/json-schemas/…) to the same files.
  const match = /^(?:\/[a-z]{2}(?:-[a-z]{2})?)?\/(json-schemas\/teams\/[^/]+\/MicrosoftTeams\.schema\.json)$/i.exec(url.pathname);
  if (!match?.[1]) return undefined;
  const root = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const candidate = path.join(root, 'build', ...match[1].split('/'));
  return existsSync(candidate) ? candidate : undefined;
}

/**
 * @microsoft/app-manifest reports `/bots/0 must have required property 'botId'. Details: {…}`;
 * this turns that into `manifest.json › bots[0]: must have required property 'botId'`.
 */
export function problemFromSchemaFailure(failure: string, file = MANIFEST_FILE): Problem {
  const match = /^(\S*) ([\s\S]*?)\. Details: ([\s\S]*)$/.exec(failure);
  if (!match) return { file, path: '', message: failure.trim() };
  const [, pointer = '', message = '', details = ''] = match;
  const at = pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return { file, path: formatPath(at), message: message + describeDetails(details) };
}

function describeDetails(details: string): string {
  let params: unknown;
  try {
    params = JSON.parse(details);
  } catch {
    return '';
  }
  if (params === null || typeof params !== 'object') return '';
  const { additionalProperty, allowedValues } = params as { additionalProperty?: unknown; allowedValues?: unknown };
  if (typeof additionalProperty === 'string') return `: "${additionalProperty}"`;
  if (Array.isArray(allowedValues)) return `: ${allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
  return '';
}

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((byte, i) => bytes[i] !== byte)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return undefined;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The icon at its required size, as a problem when it is not. */
export function checkIcon(kind: keyof typeof ICONS, bytes: Uint8Array, file: string = ICONS[kind].file): Problem[] {
  const { size: want } = ICONS[kind];
  const size = pngSize(bytes);
  if (!size) return [{ file, path: '', message: 'is not a PNG image' }];
  if (size.width !== want || size.height !== want) {
    return [{ file, path: '', message: `is ${size.width}×${size.height}: Teams needs ${want}×${want}` }];
  }
  return [];
}
