// `waymark postmortem <milestone> [--out FILE] [--baseline REF]`: the release
// postmortem as Markdown, with its burndown chart as an SVG next to FILE.
import * as path from 'node:path';
import type { Command } from '../command';
import { displayPath, loadPlan, repoDirOf, requireUsablePlan } from '../planArg';
import { generatePostmortem } from '../../core/report/generate';
import { postmortemJson } from '../../core/report/json';
import { chartPathFor, classifyReportError, ioMessage, outOf, outputRefusal, todayOf, writeAll } from '../reportOutput';
import { terminalSafe } from '../terminal';

export const postmortemCommand: Command = {
  name: 'postmortem',
  summary: 'write the release postmortem of a milestone (Markdown + burndown SVG)',
  options: { out: { type: 'string' }, force: { type: 'boolean' }, baseline: { type: 'string' } },
  positionals: ['<milestone>'],
  usage: `Usage: waymark postmortem <milestone> [--out FILE [--force]] [--baseline REF] [--json]

Compares the plan as it stood when the milestone was first committed to
project.yml (or at --baseline REF: a tag, branch or commit) with the plan at
the milestone's release tag (else HEAD), and reports the slip, scope changes,
estimate accuracy, commits, risks, a burndown and a timeline, with blameless
"what went well / wrong / action items" sections seeded from those facts.

  --out FILE       write the Markdown to FILE and the chart to
                   <FILE without extension>-burndown.svg beside it
                   (default: print the Markdown, without the chart);
                   never the plan file, and existing files only when
                   Waymark wrote them
  --force          replace existing files that Waymark did not write
  --baseline REF   compare against project.yml at REF instead
  --json           the postmortem's data as JSON (to stdout, or to FILE
                   with --out; no chart)

Exit status: 0 written, 1 bad input (unknown milestone, missing release tag
or baseline, a plan that does not parse), 2 usage or I/O error. Nothing is
written on error.`,
  async run(args, io) {
    const out = outOf(args);
    const plan = await loadPlan(args, io);
    if (!requireUsablePlan(plan, io, 'postmortem')) return 1;
    const file = out === undefined ? undefined : path.resolve(io.cwd, out);
    const refusal = file === undefined ? undefined : await outputRefusal([file, chartPathFor(file)], plan.path, args.flags.has('force'));
    if (refusal) { io.err(`waymark postmortem: ${refusal}\n`); return 2; }
    const repoDir = repoDirOf(args, io, plan.path);
    let result;
    try {
      result = await generatePostmortem({
        repoDir,
        planFile: plan.path,
        planText: plan.text,
        plan: plan.plan,
        milestoneId: args.positionals[0],
        baseline: args.options.get('baseline'),
        today: todayOf(args),
      });
    } catch (e) {
      const c = classifyReportError(e);
      if (!c) throw e;
      io.err(`waymark postmortem: ${c.message}\n`);
      return c.code;
    }
    for (const s of result.data.history.skipped) {
      io.err(`waymark postmortem: skipped ${displayPath(plan.path, io)} at ${s.sha.slice(0, 7)} (${s.day}, "${s.subject}"): it does not parse: ${s.reason}\n`);
    }
    if (args.globals.json) {
      const json = `${JSON.stringify(postmortemJson(result.data), null, 2)}\n`;
      if (file === undefined) { io.out(json); return 0; }
      try {
        await writeAll([{ path: file, text: json }]);
      } catch (e) {
        io.err(`waymark postmortem: could not write ${out}: ${ioMessage(e)}\n`);
        return 2;
      }
      io.out(terminalSafe(`Wrote ${displayPath(file, io)}\n`));
      return 0;
    }
    if (file === undefined) {
      io.out(terminalSafe(result.markdown()));
      return 0;
    }
    const chart = chartPathFor(file);
    try {
      await writeAll([
        { path: file, text: result.markdown(encodeURI(path.basename(chart))) },
        { path: chart, text: result.svg },
      ]);
    } catch (e) {
      io.err(`waymark postmortem: could not write ${out}: ${ioMessage(e)}\n`);
      return 2;
    }
    io.out(terminalSafe(`Wrote ${displayPath(file, io)} and ${displayPath(chart, io)}\n`));
    return 0;
  },
};
