// Shared by `waymark postmortem` and `waymark report`: today's date, error
// classification into exit codes, and writing the outputs all-or-nothing.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { localToday } from '../core/calendar';
import { GitError } from '../core/git/run';
import { PlanHistoryError } from '../core/git/planHistory';
import { EV_RULES, type EarnedValueRule } from '../core/model';
import { GENERATED_MARK } from '../core/report/svg';
import { FORECAST_DEFAULTS } from '../core/forecast/monteCarlo';
import { UsageError, type ParsedArgs } from './args';

/** `--today`, else the local calendar date (as `waymark status` does). */
export function todayOf(args: ParsedArgs): string {
  return args.globals.today ?? localToday();
}

/**
 * Exit code and message for a failure while generating: 1 for bad input the
 * user can fix (unknown milestone, missing tag or baseline, a bad ref), 2 for
 * I/O (not a repository, git missing). Undefined: not ours, rethrow.
 */
export function classifyReportError(e: unknown): { code: 1 | 2; message: string } | undefined {
  if (e instanceof PlanHistoryError) return { code: 1, message: e.message };
  if (e instanceof GitError) return { code: e.kind === 'bad-argument' ? 1 : 2, message: e.message };
  return undefined;
}

/**
 * Writes every file or none: each goes to a temporary sibling first and is
 * renamed into place only when all were written.
 */
export async function writeAll(files: readonly { path: string; text: string }[]): Promise<void> {
  const temps: string[] = [];
  try {
    for (const f of files) {
      const tmp = path.join(path.dirname(f.path), `.${path.basename(f.path)}.${process.pid}.tmp`);
      temps.push(tmp);
      await fs.writeFile(tmp, f.text, { flag: 'wx' });
    }
    for (let i = 0; i < files.length; i++) await fs.rename(temps[i], files[i].path);
  } catch (e) {
    await Promise.all(temps.map((t) => fs.rm(t, { force: true })));
    throw e;
  }
}

/** `report.md` -> `report-burndown.svg` in the same folder. */
export function chartPathFor(out: string, suffix = 'burndown'): string {
  const ext = path.extname(out);
  return path.join(path.dirname(out), `${path.basename(out, ext)}-${suffix}.svg`);
}

export function ioMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return `${err.path ?? 'file'}: no such folder`;
  if (err?.code === 'EACCES' || err?.code === 'EPERM') return `${err.path ?? 'file'}: permission denied`;
  if (err?.code === 'EISDIR') return `${err.path ?? 'file'}: is a directory`;
  return e instanceof Error ? e.message : String(e);
}

/** `--rule`, default 50/50; anything else is a UsageError. */
export function ruleOf(args: ParsedArgs): EarnedValueRule {
  const rule = (args.options.get('rule') ?? '50/50') as EarnedValueRule;
  if (!EV_RULES.includes(rule)) throw new UsageError(`--rule takes ${EV_RULES.join(', ')}, not '${rule}'`);
  return rule;
}

/**
 * Why `--out` must not write these files, or undefined when it may: never over
 * the plan file (whatever the path or link that leads to it), never over
 * something that is not a regular file, and not over an existing file the
 * command did not write (it lacks GENERATED_MARK) unless `force`.
 */
export async function outputRefusal(targets: readonly string[], planPath: string, force: boolean): Promise<string | undefined> {
  const plan = await fs.stat(planPath).catch(() => undefined);
  for (const target of targets) {
    const st = await fs.stat(target).catch(() => undefined);
    if (!st) continue;
    if (plan && st.dev === plan.dev && st.ino === plan.ino) return `${target} is the plan file; write the report to another file`;
    if (!st.isFile()) return `${target} exists and is not a regular file`;
    if (force) continue;
    const head = await readHead(target);
    if (!head.includes(GENERATED_MARK)) return `${target} exists and was not written by Waymark; use --force to replace it`;
  }
  return undefined;
}

async function readHead(file: string): Promise<string> {
  const h = await fs.open(file, 'r');
  try {
    const buf = new Uint8Array(64 * 1024);
    const { bytesRead } = await h.read(buf, 0, buf.length, 0);
    return new TextDecoder().decode(buf.subarray(0, bytesRead));
  } finally {
    await h.close();
  }
}

/** `--out`, when given; an empty one is a UsageError. */
export function outOf(args: ParsedArgs): string | undefined {
  const out = args.options.get('out');
  if (out === '') throw new UsageError('--out needs a file name');
  return out;
}

/** `--runs` (1..100000) and `--seed` (a whole number 0..2^32-1) of the Monte Carlo forecast; a UsageError otherwise. */
export function forecastOptionsOf(args: ParsedArgs): { forecastRuns?: number; forecastSeed?: number } {
  const whole = (name: string, max: number): number | undefined => {
    const v = args.options.get(name);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || Number(v) > max || (name === 'runs' && Number(v) < 1)) {
      throw new UsageError(`--${name} takes a whole number${name === 'runs' ? ` from 1 to ${max}` : ` from 0 to ${max}`}, not '${v}'`);
    }
    return Number(v);
  };
  const runs = whole('runs', FORECAST_DEFAULTS.maxRuns);
  const seed = whole('seed', 0xffffffff);
  return { ...(runs !== undefined ? { forecastRuns: runs } : {}), ...(seed !== undefined ? { forecastSeed: seed } : {}) };
}
