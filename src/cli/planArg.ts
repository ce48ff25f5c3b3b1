// Shared by every command that reads the plan: find project.yml (from --file,
// else the current folder or its parents), read it, and print diagnostics as
// `path:line:col: severity: message` lines that terminals make clickable.
import * as path from 'node:path';
import type { Diagnostic } from '../core/model';
import { PlanFileError, findPlanFile, readPlanFile, type PlanFile } from '../core/planFile';
import { foreignTopLevelKeys, notAPlanMessage } from '../core/planRecognition';
import { UsageError, type ParsedArgs } from './args';
import { cacheFileOf } from './cacheFiles';
import type { CliIO } from './command';
import { terminalSafe } from './terminal';

/** No project.yml, or it cannot be read: exit 2, like usage errors. */
export class PlanArgError extends UsageError {}

/** The file is another tool's project.yml (XcodeGen...): exit 1, like an invalid plan, with a clear message. */
export class NotAPlanError extends Error {}

/** The plan file path from `--file` (relative to cwd) or the nearest project.yml upward. */
export function resolvePlanPath(args: ParsedArgs, io: CliIO): string {
  if (args.globals.file !== undefined) {
    if (args.globals.file === '') throw new PlanArgError('--file needs a path');
    return path.resolve(io.cwd, args.globals.file);
  }
  const found = findPlanFile(io.cwd);
  if (!found) throw new PlanArgError(`no project.yml in ${io.cwd} or any parent folder (use --file to name one)`);
  return found;
}

/**
 * Reads and parses the plan file; I/O problems become PlanArgError (exit 2),
 * another tool's project.yml a NotAPlanError (exit 1).
 */
export async function loadPlan(args: ParsedArgs, io: CliIO): Promise<PlanFile> {
  const file = resolvePlanPath(args, io);
  let plan: PlanFile;
  try {
    plan = await readPlanFile(file);
  } catch (e) {
    if (e instanceof PlanFileError) throw new PlanArgError(e.message);
    throw e;
  }
  const foreign = foreignTopLevelKeys(plan);
  if (foreign) throw new NotAPlanError(notAPlanMessage(displayPath(file, io), foreign));
  return plan;
}

/** The path as users typed it or relative to cwd when inside it (shorter, still clickable). */
export function displayPath(file: string, io: CliIO): string {
  const rel = path.relative(io.cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** One diagnostic as a terminal line (plan text in the message made terminal-safe). */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  return terminalSafe(`${file}:${d.start.line}:${d.start.col}: ${d.severity}: ${d.message}`);
}

export function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  return {
    severity: d.severity, code: d.code, message: d.message,
    line: d.start.line, col: d.start.col, endLine: d.end.line, endCol: d.end.col,
    ...(d.fix ? { fix: { title: d.fix.title, edits: d.fix.edits } } : {}),
  };
}

/**
 * For commands that need a usable plan: prints the errors that stop them (to
 * stderr) and returns false when there is no plan or YAML does not parse.
 * Also with --json: on error stdout stays empty (scripts test the exit code).
 */
export function requireUsablePlan(plan: PlanFile, io: CliIO, command: string): boolean {
  if (plan.plan && plan.syntaxOk) return true;
  const shown = displayPath(plan.path, io);
  const errors = plan.diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors) io.err(`${formatDiagnostic(shown, d)}\n`);
  const message = `${shown} cannot be used until these errors are fixed (see 'waymark validate').`;
  io.err(`waymark ${command}: ${message}\n`);
  return false;
}

/** The repository folder: `--repo` (relative to cwd), else the folder of the (absolute) plan file. */
export function repoDirOf(args: ParsedArgs, io: CliIO, planPath: string): string {
  return args.globals.repo !== undefined ? path.resolve(io.cwd, args.globals.repo) : path.dirname(planPath);
}

/** The history cache of this plan file, inside the repository's git directory. */
export function historyCacheFile(planPath: string): (gitDir: string) => string {
  return (gitDir) => cacheFileOf(gitDir, 'history', planPath);
}

/** The kept list of the plan's revisions for the sprints' scope (core/git/planRevisionsCache.ts), beside its history cache. */
export function revisionsCacheFile(planPath: string): (gitDir: string) => string {
  return (gitDir) => cacheFileOf(gitDir, 'revisions', planPath);
}

/** The forecast cache of a plan (core/forecast/cache.ts), beside its history cache. */
export function forecastCacheFile(gitDir: string, planPath: string): string {
  return cacheFileOf(gitDir, 'forecast', planPath);
}
