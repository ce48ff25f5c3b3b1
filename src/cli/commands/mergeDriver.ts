// `waymark merge-driver BASE OURS THEIRS [PATH]`: git's merge driver contract
// (%O %A %B %P). Merges project.yml by meaning, writes the result into OURS,
// exits 0 when clean and 1 with conflicts. A version that does not parse is
// merged line by line by `git merge-file` instead, and stderr says why.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { mergePlans } from '../../core/merge/merge';
import { DEFAULT_LABELS } from '../../core/merge/render';
import { decodeBytes } from '../../core/parse';
import { replaceFile } from '../../core/planFile';
import { runGit } from '../../core/git/run';
import { UsageError } from '../args';
import type { Command, CliIO } from '../command';

const USAGE = `Usage: waymark merge-driver BASE OURS THEIRS [PATH] [--marker-size N]

The merge driver git runs for project.yml once 'waymark init' has set it up
(.gitattributes: 'project.yml merge=waymark'; git config merge.waymark.driver
'waymark merge-driver %O %A %B %P --marker-size %L', where %L is the length
of conflict markers git wants: the conflict-marker-size attribute, default 7).
Matches milestones, tasks, people, sprints and risks by id and merges field
by field; writes the result into OURS. When both sides added a task under the same id, THEIRS' task gets the
next free id and this prints the renumbering. See docs/merge.md.

Exit status: 0 merged cleanly, 1 conflicts left as markers in OURS, 2 usage or I/O error.`;

async function readVersion(file: string): Promise<{ text: string; bom: boolean; problem?: string }> {
  const bytes = await fs.readFile(file);
  const d = decodeBytes(bytes);
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text: d.text, bom, problem: d.badOffset !== undefined ? d.problem : undefined };
}

/** git's own line merge into OURS; resolves to the driver's exit code. */
async function lineMerge(io: CliIO, base: string, ours: string, theirs: string, markerSize: number): Promise<number> {
  const r = await runGit(io.cwd, ['merge-file', '--marker-size', String(markerSize), '-L', 'ours', '-L', 'base', '-L', 'theirs', ours, base, theirs], { okCodes: Array.from({ length: 127 }, (_, i) => i + 1) });
  return r.code === 0 ? 0 : r.code > 0 && r.code < 128 ? 1 : 2;
}

export const mergeDriverCommand: Command = {
  name: 'merge-driver',
  summary: 'git merge driver for project.yml (set up by \'waymark init\')',
  usage: USAGE,
  options: { 'marker-size': { type: 'string' } },
  positionals: ['BASE', 'OURS', 'THEIRS', '[PATH]'],
  async run(args, io) {
    const size = Number(args.options.get('marker-size') ?? DEFAULT_LABELS.size);
    if (!Number.isInteger(size) || size < 1 || size > 100) throw new UsageError('--marker-size takes a whole number from 1 to 100');
    const [base, ours, theirs] = args.positionals.slice(0, 3).map((f) => path.resolve(io.cwd, f));
    const shown = args.positionals[3] ?? 'project.yml';
    let versions;
    try { versions = await Promise.all([base, ours, theirs].map(readVersion)); } catch (e) {
      io.err(`waymark merge-driver: ${(e as Error).message}\n`);
      return 2;
    }
    const bad = versions.find((v) => v.problem);
    const outcome = bad ? { ok: false as const, reason: bad.problem! } : mergePlans(versions[0].text, versions[1].text, versions[2].text, { ...DEFAULT_LABELS, size });
    if (!outcome.ok) {
      io.err(`waymark merge-driver: ${shown}: ${outcome.reason}; merging it line by line with git merge-file instead.\n`);
      return lineMerge(io, base, ours, theirs, size);
    }
    await replaceFile(ours, Buffer.from((versions[1].bom ? '\ufeff' : '') + outcome.text, 'utf8'));
    for (const r of outcome.renumbered) io.err(`waymark merge-driver: ${shown}: both sides added task ${r.from}; theirs is now ${r.to} (its references on that side follow).\n`);
    for (const c of outcome.conflicts) io.err(`waymark merge-driver: ${shown}: conflict: ${c}\n`);
    return outcome.conflicts.length > 0 ? 1 : 0;
  },
};
