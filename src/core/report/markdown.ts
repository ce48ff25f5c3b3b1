// Markdown helpers for reports: tables, days, slips. Plan text and commit
// subjects are data: reports escape them with core/text.ts escapeMarkdown so
// that no title or subject can become a link, an image, HTML, emphasis or a
// table column in the rendered report.
import type { Health } from '../model';

/** A table row from already-formatted cells. */
export function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** A header row plus the alignment row (`r` right-aligns a column). */
export function tableHead(cells: readonly string[], align: string = ''): string {
  const sep = cells.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return `${row(cells)}\n${row(sep)}`;
}

/** `1.5d`, `3d`, `0.5d`: work in days with at most one decimal. */
export function days(n: number): string {
  const r = Math.round(n * 10) / 10;
  return `${Object.is(r, -0) ? 0 : r}d`;
}

/** Signed workdays: `+3 workdays`, `-1 workday`, `on time`. */
export function slipText(workdays: number): string {
  if (workdays === 0) return 'on time';
  const n = Math.abs(workdays);
  return `${workdays > 0 ? '+' : '-'}${n} workday${n === 1 ? '' : 's'}`;
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** How reports name a health. */
export const HEALTH_LABEL: Record<Health, string> = { 'on-track': 'On track', 'at-risk': 'At risk', 'off-track': 'Off track' };
