// The unified diff an agent tool reports after a write. The core's edits are
// minimal and local, so one hunk around the lines between the common leading
// and trailing lines is enough; inside it a small LCS keeps untouched lines
// as context (one hunk stays a valid diff when edits are far apart).

const CONTEXT = 3;

function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length && lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
}

function range(start: number, count: number): string {
  // Unified diff: a hunk with no lines names the line before it.
  return count === 0 ? `${start},0` : count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

/** `--- a/name` / `+++ b/name` and one hunk; empty when nothing changed. */
export function unifiedDiff(name: string, before: string, after: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const from = Math.max(0, head - CONTEXT);
  const aEnd = Math.min(a.length, a.length - tail + CONTEXT);
  const bEnd = Math.min(b.length, b.length - tail + CONTEXT);
  const line = (prefix: string, l: string) => `${prefix}${l.replace(/\r?\n$/, '')}\n${l.endsWith('\n') ? '' : '\\ No newline at end of file\n'}`;
  let out = `--- a/${name}\n+++ b/${name}\n@@ -${range(from, aEnd - from)} +${range(from, bEnd - from)} @@\n`;
  for (let i = from; i < head; i++) out += line(' ', a[i]);
  for (const [prefix, l] of middle(a.slice(head, a.length - tail), b.slice(head, b.length - tail))) out += line(prefix, l);
  for (let i = a.length - tail; i < aEnd; i++) out += line(' ', a[i]);
  return out;
}

const LCS_LIMIT = 250_000;

/** The changed middle as ' ', '-' and '+' lines: an LCS when small, else all removed then all added. */
function middle(a: readonly string[], b: readonly string[]): [string, string][] {
  if (a.length * b.length > LCS_LIMIT) return [...a.map((l): [string, string] => ['-', l]), ...b.map((l): [string, string] => ['+', l])];
  // len[i][j]: LCS length of a[i..] and b[j..].
  const len = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) {
    len[i][j] = a[i] === b[j] ? len[i + 1][j + 1] + 1 : Math.max(len[i + 1][j], len[i][j + 1]);
  }
  const out: [string, string][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) { out.push([' ', a[i]]); i++; j++; }
    else if (i < a.length && (j === b.length || len[i + 1][j] >= len[i][j + 1])) out.push(['-', a[i++]]);
    else out.push(['+', b[j++]]);
  }
  return out;
}
