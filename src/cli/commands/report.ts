// `waymark report [--out FILE] [--since DATE|TAG]`: the stakeholder status
// report as Markdown (overall health, milestones, done since, next, risks,
// workload hot spots, budget and SPI).
import * as path from 'node:path';
import { generateStatusReport } from '../../core/report/generate';
import type { Command } from '../command';
import { displayPath, historyCacheFile, loadPlan, repoDirOf, requireUsablePlan } from '../planArg';
import { classifyReportError, ioMessage, outOf, ruleOf, todayOf, writeAll } from '../reportOutput';

export const reportCommand: Command = {
  name: 'report',
  summary: 'write the stakeholder status report (Markdown)',
  options: { out: { type: 'string' }, since: { type: 'string' }, rule: { type: 'string' } },
  usage: `Usage: waymark report [--out FILE] [--since DATE|TAG] [--rule 50/50|0/100|20/80]

For stakeholders: overall health, each milestone's progress, forecast and
health, what was done since the last report, what is next, the top risks by
exposure, workload hot spots, budget and SPI.

  --out FILE        write the Markdown to FILE (default: print it)
  --since DATE|TAG  "done since" starts here (default: 7 days before today)
  --rule R          earned-value rule for started tasks (default 50/50)

Exit status: 0 written, 1 bad input (a plan that does not parse, a tag that
does not exist), 2 usage or I/O error. Nothing is written on error.`,
  async run(args, io) {
    const rule = ruleOf(args);
    const out = outOf(args);
    const plan = await loadPlan(args, io);
    if (!requireUsablePlan(plan, io, 'report')) return 1;
    const repoDir = repoDirOf(args, io, plan.path);
    let result;
    try {
      result = await generateStatusReport({
        repoDir, planFile: plan.path, planText: plan.text, plan: plan.plan, today: todayOf(args), since: args.options.get('since'), rule,
        cacheFile: historyCacheFile(plan.path),
      });
    } catch (e) {
      const c = classifyReportError(e);
      if (!c) throw e;
      io.err(`waymark report: ${c.message}\n`);
      return c.code;
    }
    if (out === undefined) {
      io.out(result.markdown);
      return 0;
    }
    const file = path.resolve(io.cwd, out);
    try {
      await writeAll([{ path: file, text: result.markdown }]);
    } catch (e) {
      io.err(`waymark report: could not write ${out}: ${ioMessage(e)}\n`);
      return 2;
    }
    io.out(`Wrote ${displayPath(file, io)}\n`);
    return 0;
  },
};
