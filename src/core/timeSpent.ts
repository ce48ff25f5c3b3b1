// Time spent, from commit messages: a `Time: 1h30m` or `Spent: 2h` trailer
// line, or Jira's smart-commit `#time 1w 2d 4h 30m`. The git scan keeps the
// matching lines of linked commits (timeLines); the hours are read here with
// the plan's calendar (d = hoursPerDay hours, w = 5 days). Rules: docs/format.md.

/** `Time:` / `Spent:` at the start of a line (any case), then the value to the end of the line. */
const TRAILER = /^[ \t]*(time|spent)[ \t]*:[ \t]*(.*)$/gim;
/** `#time` as a word, then the rest of the line: Jira takes the leading durations and leaves a comment after them. */
const SMART = /(?:^|[\s(])#time\b[ \t]*([^\n]*)/gi;
/** One part: a number and a unit, e.g. `1h`, `30m`, `1.5d`, `2w`. */
const PART = /^(\d+(?:\.\d+)?|\.\d+)\s*(w|d|h|m)/i;

/** The lines of a message that state time spent (kept by the history scan; empty for most commits). */
export function timeLines(message: string): string[] {
  if (!/time|spent/i.test(message)) return [];
  const out: string[] = [];
  for (const m of message.matchAll(TRAILER)) out.push(`${m[1]}: ${m[2].trim()}`);
  for (const m of message.matchAll(SMART)) out.push(`#time ${m[1].trim()}`);
  // Control characters never reach the cache (it separates fields with them) nor a warning.
  // eslint-disable-next-line no-control-regex
  return out.map((l) => l.replace(/[\x00-\x1f\x7f]/g, '?').slice(0, 200));
}

export interface TimeReading {
  /** Hours stated by the well-formed lines. */
  readonly hours: number;
  /** Lines that state time in a form we cannot read, as written. */
  readonly malformed: readonly string[];
}

/**
 * Hours of the lines timeLines kept. A trailer's whole value must be a
 * duration (`1h30m`, `1h 30m`, `90m`, `1.5h`, `2d`, or a bare number of
 * hours); `#time` takes the durations it starts with (the rest is Jira's
 * comment). Zero or negative amounts and anything else are malformed.
 */
export function readTime(lines: readonly string[], hoursPerDay: number): TimeReading {
  let hours = 0;
  const malformed: string[] = [];
  for (const line of lines) {
    const smart = line.startsWith('#time');
    const value = line.slice(smart ? 5 : line.indexOf(':') + 1).trim();
    const h = smart ? leadingDuration(value, hoursPerDay) : wholeDuration(value, hoursPerDay);
    if (h === undefined || !(h > 0)) malformed.push(line);
    else hours += h;
  }
  return { hours, malformed };
}

function unitHours(unit: string, hoursPerDay: number): number {
  switch (unit.toLowerCase()) {
    case 'w': return hoursPerDay * 5;
    case 'd': return hoursPerDay;
    case 'h': return 1;
    default: return 1 / 60;
  }
}

/** The durations `text` starts with: their hours and what follows them. */
function durationPrefix(text: string, hoursPerDay: number): { hours: number; parts: number; rest: string } {
  let rest = text;
  let hours = 0;
  let parts = 0;
  for (;;) {
    const m = PART.exec(rest);
    // A unit glued to more letters (`2hours`, `5mins`) is a word, not a duration.
    if (!m || /[a-z]/i.test(rest[m[0].length] ?? '')) break;
    hours += Number(m[1]) * unitHours(m[2], hoursPerDay);
    parts++;
    rest = rest.slice(m[0].length).trimStart();
  }
  return { hours, parts, rest };
}

function leadingDuration(text: string, hoursPerDay: number): number | undefined {
  const d = durationPrefix(text, hoursPerDay);
  return d.parts > 0 ? d.hours : undefined;
}

function wholeDuration(text: string, hoursPerDay: number): number | undefined {
  if (/^(\d+(?:\.\d+)?|\.\d+)$/.test(text)) return Number(text);
  const d = durationPrefix(text, hoursPerDay);
  return d.parts > 0 && d.rest === '' ? d.hours : undefined;
}
