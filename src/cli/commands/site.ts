// `waymark site --out DIR`: the static status site (index.html and one page
// per postmortem), self-contained, for CI artifacts and GitHub/GitLab Pages.
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { Command } from '../command';
import { UsageError } from '../args';
import { displayPath, historyCacheFile, loadPlan, repoDirOf, requireUsablePlan, resolvePlanPath, revisionsCacheFile } from '../planArg';
import type { PlanFile } from '../../core/planFile';
import { startEarlyScanLog } from '../../core/git/earlyLog';
import { classifyReportError, ioMessage, outputRefusal, ruleOf, todayOf, writeAll } from '../reportOutput';
import { DEFAULT_POSTMORTEMS, generateSite, type SiteResult } from '../../site/generate';
import { terminalSafe } from '../terminal';
import { waymarkVersion } from '../version';
import { printJson } from '../editCommand';

export const siteCommand: Command = {
  name: 'site',
  summary: 'write the static status site (index.html, Gantt, burndowns, postmortems) into a folder',
  options: { out: { type: 'string' }, force: { type: 'boolean' }, rule: { type: 'string' }, postmortems: { type: 'string' } },
  usage: `Usage: waymark site --out DIR [--force] [--postmortems N] [--rule 50/50|0/100|20/80] [--json]

Writes DIR/index.html: overall health and progress, every milestone with its
forecast, slip and health, a Gantt chart, burndowns per milestone and sprint,
risks, the workload per person and week, budget and earned value; and
DIR/postmortem-<milestone>.html for the latest finished milestones. Every page
is self-contained (no script, no request leaves it) and opens from file://,
as a CI artifact or on GitHub/GitLab Pages.

  --out DIR          the folder to write to (created if missing); pages
                     already there are replaced only when Waymark wrote them
  --force            replace pages that Waymark did not write
  --postmortems N    postmortem pages for the N latest finished milestones
                     (default ${DEFAULT_POSTMORTEMS}; 0 for none)
  --rule R           earned-value rule for started tasks (default 50/50)
  --json             print what was written as { "version": 1, "kind": "site",
                     "dir", "pages", "ganttBars", "skipped" }

Exit status: 0 written, 1 a plan that cannot be used, 2 usage or I/O error.
Nothing is written on error.`,
  async run(args, io) {
    const rule = ruleOf(args);
    const out = args.options.get('out');
    if (!out) throw new UsageError('--out DIR is required (the folder to write the site to)');
    const pmText = args.options.get('postmortems') ?? String(DEFAULT_POSTMORTEMS);
    if (!/^\d{1,3}$/.test(pmText)) throw new UsageError(`--postmortems takes a number, not '${pmText.slice(0, 40)}'`);
    // The history scan's git log runs while the plan is parsed (core/git/earlyLog.ts).
    const planFile = resolvePlanPath(args, io);
    const started = startEarlyScanLog({ repoDir: repoDirOf(args, io, planFile), planFile, cacheFile: historyCacheFile(planFile) });
    let plan: PlanFile;
    let result: SiteResult;
    try {
      plan = await loadPlan(args, io);
      if (!requireUsablePlan(plan, io, 'site')) return 1;
      try {
        result = await generateSite({
          repoDir: repoDirOf(args, io, plan.path), planFile: plan.path, planText: plan.text, plan: plan.plan!, current: { bytes: plan.bytes, parsed: plan },
          today: todayOf(args), rule, cacheFile: historyCacheFile(plan.path), revisionsCacheFile: revisionsCacheFile(plan.path), postmortems: Number(pmText),
          generator: `Waymark ${waymarkVersion()}`, started,
        });
      } catch (e) {
        const c = classifyReportError(e);
        if (!c) throw e;
        io.err(`waymark site: ${c.message}\n`);
        return c.code;
      }
    } finally {
      started?.cancel();
    }
    for (const w of result.history?.warnings ?? []) io.err(terminalSafe(`waymark site: warning: ${w}\n`));
    for (const s of result.skipped) io.err(terminalSafe(`waymark site: ${s}\n`));
    const dir = path.resolve(io.cwd, out);
    const targets = result.pages.map((p) => path.join(dir, p.path));
    const refusal = await outputRefusal(targets, plan.path, args.flags.has('force'));
    if (refusal) { io.err(`waymark site: ${refusal}\n`); return 2; }
    try {
      await mkdir(dir, { recursive: true });
      await writeAll(result.pages.map((p, i) => ({ path: targets[i], text: p.html })));
    } catch (e) {
      io.err(`waymark site: could not write ${out}: ${ioMessage(e)}\n`);
      return 2;
    }
    if (args.globals.json) {
      printJson(io, 'site', { dir: displayPath(dir, io), pages: targets.map((t) => displayPath(t, io)), ganttBars: result.scheduled, skipped: result.skipped });
      return 0;
    }
    io.out(terminalSafe(`Wrote ${displayPath(path.join(dir, 'index.html'), io)}${result.pages.length > 1 ? ` and ${result.pages.length - 1} postmortem page${result.pages.length === 2 ? '' : 's'}` : ''}\n`));
    return 0;
  },
};
