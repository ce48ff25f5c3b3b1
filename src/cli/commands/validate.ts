// `waymark validate`: check project.yml and list every problem as
// `path:line:col: severity: message`. Exit 0 valid, 1 invalid, 2 usage / I/O.
import { UsageError } from '../args';
import type { Command } from '../command';
import { CI_FORMATS, githubAnnotations, gitlabCodeQuality, type CiFormat } from '../ciFormats';
import { diagnosticJson, displayPath, formatDiagnostic, loadPlan, NotAPlanError } from '../planArg';
import { terminalSafe } from '../terminal';
import { printJson } from '../editCommand';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check project.yml and list its problems with line and column',
  options: { format: { type: 'string' } },
  usage: `Usage: waymark validate [--file project.yml] [--json] [--format text|github|gitlab]

Checks the plan file against format 1: YAML syntax, types, enum values, dates,
durations, percentages, duplicate ids, unknown references, dependency cycles
and unknown keys. Prints one 'path:line:col: error|warning: message' line per
problem. With --json prints { "version": 1, "kind": "validation", "file",
"valid", "errors", "warnings", "diagnostics" }.

  --format github   GitHub Actions annotations (::error file=,line=,col=::msg),
                    shown on the file's lines in the pull request
  --format gitlab   a GitLab Code Quality report (JSON) for
                    artifacts:reports:codequality

Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage or I/O error.`,
  async run(args, io) {
    const format = (args.options.get('format') ?? 'text') as CiFormat;
    if (!CI_FORMATS.includes(format)) throw new UsageError(`--format takes ${CI_FORMATS.join(', ')}, not '${format.slice(0, 40)}'`);
    let plan;
    try {
      plan = await loadPlan(args, io);
    } catch (e) {
      // Another tool's project.yml: the validation's answer, so --json says it as data.
      if (!(e instanceof NotAPlanError) || !args.globals.json) throw e;
      io.err(`waymark validate: ${e.message}\n`);
      printJson(io, 'validation', { valid: false, notAPlan: true, error: e.message }, 2);
      return 1;
    }
    const shown = displayPath(plan.path, io);
    const errors = plan.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = plan.diagnostics.filter((d) => d.severity === 'warning').length;
    const valid = errors === 0;
    if (format === 'github') io.out(githubAnnotations(shown, plan.diagnostics));
    if (format === 'gitlab') io.out(gitlabCodeQuality(shown, plan.diagnostics));
    if (format !== 'text') return valid ? 0 : 1;
    if (args.globals.json) {
      printJson(io, 'validation', { file: shown, valid, errors, warnings, diagnostics: plan.diagnostics.map(diagnosticJson) }, 2);
      return valid ? 0 : 1;
    }
    for (const d of plan.diagnostics) io.out(`${formatDiagnostic(shown, d)}\n`);
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    const summary = valid ? `${shown}: valid${warnings ? ` (${count(warnings, 'warning')})` : ''}` : `${shown}: ${count(errors, 'error')}${warnings ? `, ${count(warnings, 'warning')}` : ''}`;
    io.out(`${terminalSafe(summary)}\n`);
    return valid ? 0 : 1;
  },
};
