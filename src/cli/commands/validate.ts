// `waymark validate`: check project.yml and list every problem as
// `path:line:col: severity: message`. Exit 0 valid, 1 invalid, 2 usage / I/O.
import type { Command } from '../command';
import { diagnosticJson, displayPath, formatDiagnostic, loadPlan } from '../planArg';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check project.yml and list its problems with line and column',
  usage: `Usage: waymark validate [--file project.yml] [--json]

Checks the plan file against format 1: YAML syntax, types, enum values, dates,
durations, percentages, duplicate ids, unknown references, dependency cycles
and unknown keys. Prints one 'path:line:col: error|warning: message' line per
problem. With --json prints { file, valid, errors, warnings, diagnostics }.

Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage or I/O error.`,
  async run(args, io) {
    const plan = await loadPlan(args, io);
    const shown = displayPath(plan.path, io);
    const errors = plan.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = plan.diagnostics.filter((d) => d.severity === 'warning').length;
    const valid = errors === 0;
    if (args.globals.json) {
      io.out(`${JSON.stringify({ file: shown, valid, errors, warnings, diagnostics: plan.diagnostics.map(diagnosticJson) }, null, 2)}\n`);
      return valid ? 0 : 1;
    }
    for (const d of plan.diagnostics) io.out(`${formatDiagnostic(shown, d)}\n`);
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    if (valid) io.out(`${shown}: valid${warnings ? ` (${count(warnings, 'warning')})` : ''}\n`);
    else io.out(`${shown}: ${count(errors, 'error')}${warnings ? `, ${count(warnings, 'warning')}` : ''}\n`);
    return valid ? 0 : 1;
  },
};
