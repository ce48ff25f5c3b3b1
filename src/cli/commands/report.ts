// `waymark report [--out FILE] [--since DATE|TAG]`: the stakeholder status
// report as Markdown (overall health, milestones, done since, next, risks,
// workload hot spots, budget and SPI).
import * as path from 'node:path';
import { generateStatusReport } from '../../core/report/generate';
import { statusReportJson } from '../../core/report/json';
import { mermaidGantt, withGanttSection } from '../../core/report/mermaid';
import type { Command } from '../command';
import { displayPath, historyCacheFile, loadPlan, repoDirOf, requireUsablePlan, revisionsCacheFile } from '../planArg';
import { chartPathFor, classifyReportError, ioMessage, outOf, outputRefusal, ruleOf, todayOf, writeAll } from '../reportOutput';
import { terminalSafe } from '../terminal';

export const reportCommand: Command = {
  name: 'report',
  summary: 'write the stakeholder status report (Markdown)',
  options: { out: { type: 'string' }, force: { type: 'boolean' }, since: { type: 'string' }, rule: { type: 'string' }, mermaid: { type: 'boolean' } },
  usage: `Usage: waymark report [--out FILE [--force]] [--since DATE|TAG] [--rule 50/50|0/100|20/80] [--mermaid] [--json]

For stakeholders: overall health, each milestone's progress, forecast and
health, the sprints with velocity and the current sprint's burndown (written
beside FILE as <FILE without extension>-sprint.svg), what was done since the
last report, what is next, the top risks by exposure, workload hot spots,
budget and SPI.

  --out FILE        write the Markdown to FILE (default: print it); never
                    the plan file, and an existing FILE only when Waymark
                    wrote it
  --force           replace an existing FILE that Waymark did not write
  --since DATE|TAG  "done since" starts here (default: 7 days before today)
  --rule R          earned-value rule for started tasks (default 50/50)
  --mermaid         add a Mermaid gantt chart (GitHub and GitLab draw it)
  --json            the report's data as JSON instead of Markdown

Exit status: 0 written, 1 bad input (a plan that does not parse, a tag that
does not exist), 2 usage or I/O error. Nothing is written on error.`,
  async run(args, io) {
    const rule = ruleOf(args);
    const out = outOf(args);
    const plan = await loadPlan(args, io);
    if (!requireUsablePlan(plan, io, 'report')) return 1;
    const file = out === undefined ? undefined : path.resolve(io.cwd, out);
    const chart = file === undefined ? undefined : chartPathFor(file, 'sprint');
    const targets = file === undefined ? [] : [file, ...(plan.plan!.sprints.length > 0 ? [chart!] : [])];
    const refusal = file === undefined ? undefined : await outputRefusal(targets, plan.path, args.flags.has('force'));
    if (refusal) { io.err(`waymark report: ${refusal}\n`); return 2; }
    const repoDir = repoDirOf(args, io, plan.path);
    let result;
    try {
      result = await generateStatusReport({
        repoDir, planFile: plan.path, planText: plan.text, plan: plan.plan, today: todayOf(args), since: args.options.get('since'), rule,
        cacheFile: historyCacheFile(plan.path), revisionsCacheFile: revisionsCacheFile(plan.path),
      });
    } catch (e) {
      const c = classifyReportError(e);
      if (!c) throw e;
      io.err(`waymark report: ${c.message}\n`);
      return c.code;
    }
    // With --out, the current sprint's burndown goes beside the report; printed, the report has no image.
    const withChart = file !== undefined && !args.globals.json && result.sprintChart !== undefined;
    const markdown = withChart ? result.markdownWithChart(encodeURI(path.basename(chart!))) : result.markdown;
    const text = args.globals.json
      ? `${JSON.stringify(statusReportJson(result.data), null, 2)}\n`
      : args.flags.has('mermaid') ? withGanttSection(markdown, mermaidGantt(result.analysis)) : markdown;
    if (file === undefined) {
      // JSON escapes control characters itself; Markdown goes through the terminal filter.
      io.out(args.globals.json ? text : terminalSafe(text));
      return 0;
    }
    try {
      await writeAll([{ path: file, text }, ...(withChart ? [{ path: chart!, text: result.sprintChart!.svg }] : [])]);
    } catch (e) {
      io.err(`waymark report: could not write ${out}: ${ioMessage(e)}\n`);
      return 2;
    }
    io.out(terminalSafe(`Wrote ${displayPath(file, io)}${withChart ? ` and ${displayPath(chart!, io)}` : ''}\n`));
    return 0;
  },
};
