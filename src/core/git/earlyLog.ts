// The cold history scan's `git log`, started before the plan is parsed.
//
// On a large history that log is the longest step of `waymark site`, and the
// scan only asks for it once the plan is parsed (the plan names the default
// branch and the rules the history cache is keyed by). Which log a cold scan
// of a checked-out branch asks for is known before the parse, though: the
// whole history from HEAD, with project.yml's changes (history.ts scanDefault).
// That log is started here, into its spool (spool.ts), beside the parse; the
// scan takes it over when it asks for exactly the same command (StartedLog.key)
// and the caller cancels it otherwise (another default branch in the plan, a
// history cache found valid, git before 2.31). With no postmortem wanting the
// changes the scan still takes it over and skips their lines: the walk lists
// every commit either way. Guessing wrong costs a git killed after ~100 ms,
// never a wrong answer.
import { existsSync } from 'node:fs';
import { changesPathFits, startLog, type StartedLog } from './logStream';
import { pathInside } from './planHistory';
import { FULL_SHA_PATTERN, runGitSync } from './run';

export interface EarlyLogRequest {
  /** The folder the scan runs git in. */
  readonly repoDir: string;
  /** Absolute path of project.yml. */
  readonly planFile: string;
  /** The history cache the scan will read: when it exists the scan reads only what is new, so nothing starts. */
  readonly cacheFile: (gitDir: string) => string;
  /** git executable, for tests. */
  readonly gitPath?: string;
}

/**
 * Starts the log a cold scan of `planFile`'s history will ask for, or returns
 * undefined when none is likely (no repository, an unborn or shallow one, a
 * history cache, a path git's log records cannot carry). One synchronous
 * `git rev-parse` (a few ms) decides. The caller hands the log to the scan
 * (ScanOptions.started) and cancels it when done: a no-op once taken over.
 */
export function startEarlyScanLog(req: EarlyLogRequest): StartedLog | undefined {
  const facts = runGitSync(req.repoDir, ['rev-parse', '--show-toplevel', '--absolute-git-dir', '--is-shallow-repository', '--revs-only', 'HEAD'], { gitPath: req.gitPath });
  if (facts === undefined) return undefined;
  const [top, gitDir, shallow, head] = facts.split('\n');
  if (shallow !== 'false' || head === undefined || !FULL_SHA_PATTERN.test(head)) return undefined;
  if (existsSync(req.cacheFile(gitDir))) return undefined;
  const path = pathInside(top, req.planFile);
  if (path === undefined || !changesPathFits(path)) return undefined;
  try {
    return startLog(req.repoDir, [head], { changesPath: path, gitPath: req.gitPath, spool: true });
  } catch {
    return undefined;
  }
}
