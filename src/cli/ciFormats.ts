// `waymark validate --format github|gitlab`: diagnostics in the forms CI
// systems show on the file's lines. GitHub Actions reads workflow commands
// (`::error file=...,line=...,col=...::message`) from the log; GitLab reads a
// Code Quality report (a JSON array) named in `artifacts:reports:codequality`.
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../core/model';

export const CI_FORMATS = ['text', 'github', 'gitlab'] as const;
export type CiFormat = (typeof CI_FORMATS)[number];

/** Workflow-command data: `%`, CR and LF would end or corrupt the command. */
const ghData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A property value additionally cannot hold `:` or `,`. */
const ghProperty = (s: string): string => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const GH_LEVEL: Record<Diagnostic['severity'], string> = { error: 'error', warning: 'warning', info: 'notice' };

/** One `::error file=...::message` line per diagnostic. */
export function githubAnnotations(file: string, diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => {
    const props = [
      `file=${ghProperty(file)}`, `line=${d.start.line}`, `col=${d.start.col}`, `endLine=${d.end.line}`, `endColumn=${d.end.col}`,
      `title=${ghProperty(`waymark ${d.code}`)}`,
    ].join(',');
    return `::${GH_LEVEL[d.severity]} ${props}::${ghData(d.message)}\n`;
  }).join('');
}

const GL_SEVERITY: Record<Diagnostic['severity'], string> = { error: 'major', warning: 'minor', info: 'info' };

/** A GitLab Code Quality report: an array of issues with a stable fingerprint each. */
export function gitlabCodeQuality(file: string, diagnostics: readonly Diagnostic[]): string {
  const issues = diagnostics.map((d) => ({
    description: d.message,
    check_name: d.code,
    fingerprint: createHash('sha256').update(`${file}\0${d.code}\0${d.start.line}:${d.start.col}\0${d.message}`).digest('hex'),
    severity: GL_SEVERITY[d.severity],
    location: { path: file, lines: { begin: d.start.line, end: d.end.line } },
  }));
  return `${JSON.stringify(issues, null, 2)}\n`;
}
