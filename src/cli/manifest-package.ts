import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import {
  ICONS,
  MANIFEST_FILE,
  checkIcon,
  fillTemplate,
  placeholderValues,
  readTeamsPackageEnv,
  validateTeamsManifest,
} from '../teams/teams-manifest';
import { parseJsonFile } from '../validation/json-file';
import { formatProblem, type Problem } from '../validation/problem';
import { UsageError, parseCommandArgs, type Io } from './io';

const OPTIONS = { out: { type: 'string' }, manifest: { type: 'string' } } as const;

export const DEFAULT_OUT = path.join('dist', 'teams-app.zip');

/**
 * `giftbot manifest package [--out FILE] [--manifest DIR]`: fills the Teams manifest template
 * from TEAMS_APP_ID, MicrosoftAppId and PUBLIC_URL, validates it offline, and writes the app
 * package (manifest.json, color.png, outline.png) to FILE (default dist/teams-app.zip). Any
 * problem — a variable, the template, an icon — exits 1 and writes nothing.
 */
export async function manifestPackage(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, OPTIONS, false);
  if (values.out === '') throw new UsageError('--out needs a file name');
  if (values.manifest === '') throw new UsageError('--manifest needs a folder');
  const templateDir = path.resolve(io.cwd, values.manifest ?? 'manifest');
  const out = path.resolve(io.cwd, values.out ?? DEFAULT_OUT);
  const shown = (full: string) => {
    const relative = path.relative(io.cwd, full);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : full;
  };

  const env = readTeamsPackageEnv(io.env);
  if (!env.ok) {
    io.err(
      `Can't build the Teams app package: fix these environment variables, then run it again.\n` +
        `${env.problems.map((line) => `  ${line}`).join('\n')}\nNothing was written.\n`,
    );
    return 1;
  }

  const problems: Problem[] = [];
  const icons = new Map<keyof typeof ICONS, Buffer>();
  for (const kind of Object.keys(ICONS) as (keyof typeof ICONS)[]) {
    const file = path.join(templateDir, ICONS[kind].file);
    try {
      const bytes = readFileSync(file);
      problems.push(...checkIcon(kind, bytes, shown(file)));
      icons.set(kind, bytes);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      const hint = code === 'ENOENT' ? ': run `node manifest/make-icons.js`' : '';
      problems.push({ file: shown(file), path: '', message: `can't be read (${code})${hint}` });
    }
  }

  const templateFile = shown(path.join(templateDir, MANIFEST_FILE));
  const template = parseJsonFile(path.join(templateDir, MANIFEST_FILE), templateFile);
  let manifest: unknown;
  if (!template.ok) {
    problems.push(template.problem);
  } else {
    const filled = fillTemplate(template.value, placeholderValues(env.env), templateFile);
    manifest = filled.manifest;
    problems.push(...filled.problems);
    if (filled.problems.length === 0) problems.push(...(await validateTeamsManifest(manifest, templateFile)));
  }

  if (problems.length > 0 || manifest === undefined) {
    io.err(
      `${problems.map(formatProblem).join('\n')}\n` +
        `${problems.length} problem${problems.length === 1 ? '' : 's'} in the Teams app package: nothing was written.\n`,
    );
    return 1;
  }

  const zip = new JSZip();
  zip.file(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [kind, bytes] of icons) zip.file(ICONS[kind].file, bytes);
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });

  // Written beside the target and renamed into place, so a failed write leaves no half a zip.
  mkdirSync(path.dirname(out), { recursive: true });
  const partial = `${out}.${process.pid}.partial`;
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }

  const { TEAMS_APP_ID, MicrosoftAppId, PUBLIC_URL } = env.env;
  io.out(
    `Wrote ${shown(out)} (${bytes.length} bytes): ${[MANIFEST_FILE, ...Object.values(ICONS).map((icon) => icon.file)].join(', ')}\n` +
      `  Teams app ${TEAMS_APP_ID}, bot ${MicrosoftAppId}, valid domain ${new URL(PUBLIC_URL).hostname}\n` +
      `  Upload it in Teams (Apps › Manage your apps › Upload an app) or the Developer Portal.\n`,
  );
  return 0;
}
