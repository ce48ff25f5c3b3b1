// `waymark status`: the plan checked against the git history, as a table or
// as JSON (docs/status-json.md). Without a usable repository the plan's
// declared statuses are shown with a note saying why, never a failure.
import { scanHistory, type HistoryScan } from '../../core/git/history';
import { GitError } from '../../core/git/run';
import { analyzePlan } from '../../core/analyze';
import { sprintRevisionsBeside } from '../../core/git/sprintRevisions';
import { buildStatus } from '../../core/report/status';
import { renderStatusTable } from '../../core/report/table';
import type { Command } from '../command';
import { displayPath, forecastCacheFile, formatDiagnostic, historyCacheFile, loadPlan, repoDirOf, requireUsablePlan, revisionsCacheFile } from '../planArg';
import { forecastOptionsOf, ruleOf, todayOf } from '../reportOutput';
import { terminalSafeData } from '../terminal';
import { waymarkVersion } from '../version';
import { STATUS_OPTIONS, writeAnswer } from '../statusAnswer';

export const statusCommand: Command = {
  name: 'status',
  summary: 'progress of every milestone and task, from project.yml and the git history',
  usage: `Usage: waymark status [--json] [--file project.yml] [--repo DIR] [--today YYYY-MM-DD] [--rule 50/50|0/100|20/80] [--runs N] [--seed N] [--no-cache]

Reads project.yml and the repository's history: commits that mention a task
start it, closing commits on the default branch finish it ("fixes PAY-12").
Prints a table, or with --json the object documented in docs/status-json.md.

  --rule R      earned-value rule for started tasks: 50/50 (default), 0/100, 20/80
  --runs N      Monte Carlo runs of the probabilistic forecast (default 1000)
  --seed N      its seed (default 20: two runs on the same plan agree)
  --no-cache    scan the whole history and compute the forecast again (the caches
                live in .git/waymark/)

Exit status: 0 shown, 1 the plan cannot be used, 2 usage or I/O error.`,
  options: STATUS_OPTIONS,
  async run(args, io) {
    const rule = ruleOf(args);
    const forecast = forecastOptionsOf(args);
    const file = await loadPlan(args, io);
    if (!requireUsablePlan(file, io, 'status')) return 1;
    const plan = file.plan!;
    const shown = displayPath(file.path, io);
    const errors = file.diagnostics.filter((d) => d.severity === 'error');
    for (const d of errors) io.err(`${formatDiagnostic(shown, d)}\n`);

    const repoDir = repoDirOf(args, io, file.path);
    let history: HistoryScan | undefined;
    let gitNote: string | undefined;
    // The git directory the scan found: the forecast is kept beside the history cache.
    let gitDir: string | undefined;
    const useCache = !args.flags.has('no-cache');
    const today = todayOf(args);
    const revisionsRead = sprintRevisionsBeside(repoDir, file.path, plan, today, undefined, useCache ? revisionsCacheFile(file.path) : undefined);
    try {
      const historyFile = historyCacheFile(file.path);
      history = await scanHistory(repoDir, plan, { cacheFile: useCache ? (dir) => historyFile((gitDir = dir)) : undefined });
    } catch (e) {
      if (!(e instanceof GitError)) throw e;
      gitNote = `${e.message}; showing declared statuses only`;
    }
    const planRevisions = history ? await revisionsRead : undefined;
    const forecastCache = gitDir ? { file: forecastCacheFile(gitDir, file.path), planVersion: file.version, waymarkVersion: waymarkVersion() } : undefined;
    const analysis = analyzePlan(plan, history, { today, rule, planRevisions, ...forecast, forecastCache });
    const status = buildStatus({ analysis, gitNote });
    const text = args.globals.json
      ? `${JSON.stringify(status, null, 2)}\n`
      : renderStatusTable(terminalSafeData(status), { color: io.isTTY && !process.env.NO_COLOR });
    io.out(text);
    // Kept for the same question asked again (statusAnswer.ts): only an answer said without diagnostics, from a
    // history read in full this time (no one-off failure to replay) with its sprint revisions, and only when
    // nothing it depends on moved while it was computed (else it would be kept under the old state's key).
    const slot = io.statusAnswer;
    const settled = history !== undefined && !history.transient && planRevisions !== undefined && errors.length === 0;
    if (slot && useCache && settled && (await slot.again()) === slot.key) writeAnswer(slot, text);
    return 0;
  },
};
