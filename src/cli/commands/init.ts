// `waymark init`: a starter project.yml when there is none, and project.yml's
// merge driver for this repository (.gitattributes + git config). Idempotent.
import { accessSync, constants, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { localToday } from '../../core/calendar';
import { driverCommand, setupMerge } from '../../core/merge/setup';
import { GitError } from '../../core/git/run';
import type { Command } from '../command';
import { printJson } from '../editCommand';

const USAGE = `Usage: waymark init [--dry-run] [--driver-command CMD] [--json]

In the git repository of the current folder:
  - writes a commented starter project.yml at its top when there is none;
  - adds 'project.yml merge=waymark' to .gitattributes;
  - sets merge.waymark.name and merge.waymark.driver in the repository's git
    config, so 'git merge' merges project.yml by meaning (docs/merge.md).
Running it again changes nothing. --dry-run prints what it would change.
--driver-command sets the command git runs (default: 'waymark' when installed
on PATH, 'npx --yes waymark' when run through npx, else node and this script's path).

Exit status: 0 done, 2 not a git repository or I/O error.`;

/** True when `waymark` on PATH is this very script. */
function onPath(script: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of process.platform === 'win32' ? ['waymark.cmd', 'waymark'] : ['waymark']) {
      try {
        const candidate = path.join(dir, name);
        accessSync(candidate, constants.X_OK);
        if (realpathSync(candidate) === script) return true;
      } catch { /* not here */ }
    }
  }
  return false;
}

export function defaultDriverCommand(): string {
  const script = realpathSync(process.argv[1] ?? '');
  return driverCommand(script, { onPath: onPath(script), runtime: process.execPath });
}

export const initCommand: Command = {
  name: 'init',
  summary: 'create project.yml if missing and set up its git merge driver',
  usage: USAGE,
  options: { 'dry-run': { type: 'boolean' }, 'driver-command': { type: 'string' } },
  async run(args, io) {
    const dryRun = args.flags.has('dry-run');
    const command = args.options.get('driver-command') ?? defaultDriverCommand();
    let result;
    try {
      result = await setupMerge(io.cwd, { command, dryRun, today: args.globals.today ?? localToday() });
    } catch (e) {
      if (e instanceof GitError) { io.err(`waymark init: ${e.message}\n`); return 2; }
      throw e;
    }
    if (args.globals.json) {
      printJson(io, 'init', { root: result.root, dryRun, steps: result.steps });
      return 0;
    }
    const verb = dryRun ? 'would' : 'did';
    for (const s of result.steps) io.out(s.changed ? `${dryRun ? 'would ' : ''}${s.what}\n` : `ok: ${s.what}\n`);
    if (!result.steps.some((s) => s.changed)) io.out('Nothing to change.\n');
    else if (dryRun) io.out(`(dry run: nothing written; ${verb} change ${result.steps.filter((s) => s.changed).length} things)\n`);
    return 0;
  },
};
