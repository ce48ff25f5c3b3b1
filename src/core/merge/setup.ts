// `waymark init` and VS Code's merge setup: a starter project.yml when there is
// none, `project.yml merge=waymark` in .gitattributes, and the driver in the
// repository's git config. Idempotent; a dry run reports without writing.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { runGit } from '../git/run';
import { PLAN_FILE_NAME } from '../planFile';
import { starterPlan } from '../starterPlan';

export const DRIVER_NAME = 'Waymark: merge project.yml by meaning';
export const ATTRIBUTE_LINE = `${PLAN_FILE_NAME} merge=waymark`;
/** git's merge driver placeholders; %L is the conflict marker size (the `conflict-marker-size` attribute, default 7). */
export const DRIVER_ARGUMENTS = 'merge-driver %O %A %B %P --marker-size %L';

/** One thing the setup did (or, in a dry run, would do). */
export interface SetupStep { readonly what: string; readonly changed: boolean }

export interface SetupOptions {
  /** The shell command that runs the CLI, without arguments (see driverCommand). */
  readonly command: string;
  readonly dryRun?: boolean;
  /** Date for the starter plan's `start`. */
  readonly today: string;
}

/** Quotes a word for the POSIX shell git runs drivers with. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command git runs to merge: how this CLI was started decides it.
 * - installed globally (`waymark` on PATH resolves to this script): `waymark`;
 * - run through npx (the script sits in npm's `_npx` cache, which npm may clean): `npx --yes waymark`;
 * - anything else, e.g. the copy inside the VS Code extension: this script by
 *   absolute path, run by `runtime` (node, or VS Code's own executable with ELECTRON_RUN_AS_NODE=1).
 */
export function driverCommand(script: string, how: { onPath: boolean; runtime?: string; electron?: boolean }): string {
  if (how.onPath) return 'waymark';
  if (/[\\/]_npx[\\/]/.test(script)) return 'npx --yes waymark';
  const runner = how.electron ? `ELECTRON_RUN_AS_NODE=1 ${shellQuote(how.runtime ?? 'node')}` : shellQuote(how.runtime ?? 'node');
  return `${runner} ${shellQuote(script)}`;
}

/** The repository's top folder; throws GitError outside a repository. */
export async function repoRoot(dir: string): Promise<string> {
  return (await runGit(dir, ['rev-parse', '--show-toplevel'])).stdout.toString('utf8').trim();
}

async function readText(file: string): Promise<string | undefined> {
  try { return await fs.readFile(file, 'utf8'); } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

async function gitConfig(root: string, key: string): Promise<string | undefined> {
  const r = await runGit(root, ['config', '--local', '--get', key], { okCodes: [1] });
  return r.code === 0 ? r.stdout.toString('utf8').replace(/\r?\n$/, '') : undefined;
}

/** Sets up project.yml's merge driver in the repository holding `dir`. */
export async function setupMerge(dir: string, o: SetupOptions): Promise<{ root: string; steps: SetupStep[] }> {
  const root = await repoRoot(dir);
  const steps: SetupStep[] = [];
  const plan = path.join(root, PLAN_FILE_NAME);
  if ((await readText(plan)) === undefined) {
    if (!o.dryRun) await fs.writeFile(plan, starterPlan(path.basename(root), o.today), { flag: 'wx' });
    steps.push({ what: `create ${PLAN_FILE_NAME} (starter plan)`, changed: true });
  } else steps.push({ what: `${PLAN_FILE_NAME} exists`, changed: false });

  const attributes = path.join(root, '.gitattributes');
  const current = (await readText(attributes)) ?? '';
  const has = current.split(/\r?\n/).some((l) => /^\s*\/?project\.yml\s+(.*\s)?merge=waymark(\s|$)/.test(l));
  if (!has) {
    const eol = current.includes('\r\n') ? '\r\n' : '\n';
    const lead = current === '' || current.endsWith('\n') ? '' : eol;
    if (!o.dryRun) await fs.appendFile(attributes, `${lead}${ATTRIBUTE_LINE}${eol}`);
    steps.push({ what: `add '${ATTRIBUTE_LINE}' to .gitattributes`, changed: true });
  } else steps.push({ what: '.gitattributes routes project.yml to the waymark driver', changed: false });

  const wanted: [string, string][] = [['merge.waymark.name', DRIVER_NAME], ['merge.waymark.driver', `${o.command} ${DRIVER_ARGUMENTS}`]];
  for (const [key, value] of wanted) {
    const now = await gitConfig(root, key);
    if (now === value) { steps.push({ what: `git config ${key} is set`, changed: false }); continue; }
    if (!o.dryRun) await runGit(root, ['config', '--local', key, value]);
    steps.push({ what: `git config ${key} "${value}"${now !== undefined ? ` (was "${now}")` : ''}`, changed: true });
  }
  return { root, steps };
}
