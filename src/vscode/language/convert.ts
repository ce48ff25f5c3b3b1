// Core diagnostics (1-based line/column, pure data) -> VS Code diagnostics.
import * as vscode from 'vscode';
import type { Diagnostic, Position } from '../../core/model';
import type { ParsedPlan } from '../../core/parse';
import type { IdIndex } from './idIndex';

export const DIAGNOSTIC_SOURCE = 'waymark';

const SEVERITY: Record<Diagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function toPosition(p: Position): vscode.Position {
  return new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.col - 1));
}

/**
 * The range of a core diagnostic. Its positions are UTF-16 columns of the parsed text, which
 * is the document's text (VS Code hides a BOM just as the parser strips it). An empty span
 * (a missing key, the end of the file) is widened to the rest of its line so the squiggle shows.
 */
export function diagnosticRange(d: Diagnostic, lineText?: (line: number) => string | undefined): vscode.Range {
  const start = toPosition(d.start);
  let end = toPosition(d.end);
  if (end.isBefore(start)) end = start;
  if (end.isEqual(start) && lineText) {
    const text = lineText(start.line) ?? '';
    const len = text.replace(/\r$/, '').length;
    if (len > start.character) end = new vscode.Position(start.line, len);
    else if (start.character > 0) return new vscode.Range(start.translate(0, -1), start);
  }
  return new vscode.Range(start, end);
}

/** Converts one core diagnostic; `index` (built only when needed) adds the other definitions of a duplicated id. */
export function toVsDiagnostic(
  d: Diagnostic, uri: vscode.Uri, parsed: ParsedPlan, lineText: (line: number) => string | undefined, index?: () => IdIndex,
): vscode.Diagnostic {
  const range = diagnosticRange(d, lineText);
  const out = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity] ?? vscode.DiagnosticSeverity.Error);
  out.source = DIAGNOSTIC_SOURCE;
  out.code = d.code;
  if (d.code === 'unknown-key') out.tags = [vscode.DiagnosticTag.Unnecessary];
  if (d.code === 'duplicate-id' && index) {
    const id = parsed.text.slice(d.span.start, d.span.end).replace(/^["']|["']$/g, '');
    const others = index().all(id).filter((o) => o.role === 'definition' && (o.start < d.span.start || o.start >= d.span.end));
    if (others.length) {
      out.relatedInformation = others.map((o) => new vscode.DiagnosticRelatedInformation(
        new vscode.Location(uri, new vscode.Range(toPosition(parsed.positionAt(o.start)), toPosition(parsed.positionAt(o.end)))),
        `'${id}' is also defined here`,
      ));
    }
  }
  return out;
}
