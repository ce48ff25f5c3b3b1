// Workday arithmetic on ISO dates, with no time zones: a date is a UTC day
// number (days since 1970-01-01), so nothing here ever depends on the host's
// clock or zone. Shared by schedule, workload, budget, sprint and reports.
//
// A WorkCalendar maps days to "workday ordinals" (how many workdays come
// before a day) in O(log exceptions): a weekly pattern count minus the
// holidays/days off that fall on pattern workdays. Adding N workdays is then
// ordinal arithmetic, so long tasks cost no more than short ones and hot
// loops create no Date objects.
import type { Calendar, IsoDate, Person, Plan } from './model';

/** Mon-Fri as JS day numbers, used when a calendar names no workday at all. */
const DEFAULT_WORKDAYS: readonly number[] = [1, 2, 3, 4, 5];

// ---- Day numbers -----------------------------------------------------------

/** Days since 1970-01-01 for an ISO `YYYY-MM-DD` (civil-from-days, proleptic Gregorian). */
export function toDayNumber(iso: IsoDate): number {
  let y = digits(iso, 0, 4);
  const m = digits(iso, 5, 2);
  const d = digits(iso, 8, 2);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The decimal number of `count` ASCII digits at `from`; -1 when one is not a digit. */
function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Date.parse of git's strict ISO dates (%aI, `2026-01-05T10:00:00+01:00`),
 * read digit by digit: at 100k commits, Date.parse's general parser was the
 * largest cost of computeProgress. Anything else, or a field out of the
 * plain range (where Date.parse has its own rules), goes to Date.parse.
 */
export function instantOf(iso: string): number {
  if (iso.length !== 25 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45 || iso.charCodeAt(10) !== 84 || iso.charCodeAt(13) !== 58 ||
    iso.charCodeAt(16) !== 58 || iso.charCodeAt(22) !== 58) return Date.parse(iso);
  const sign = iso.charCodeAt(19) === 43 ? 1 : iso.charCodeAt(19) === 45 ? -1 : 0;
  const y = digits(iso, 0, 4), mo = digits(iso, 5, 2), d = digits(iso, 8, 2), h = digits(iso, 11, 2), mi = digits(iso, 14, 2), se = digits(iso, 17, 2);
  const oh = digits(iso, 20, 2), om = digits(iso, 23, 2);
  // A digit missing gives -1: out of range too.
  if (sign === 0 || y < 100 || mo < 1 || mo > 12 || d < 1 || d > 28 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59 ||
    oh < 0 || oh > 23 || om < 0 || om > 59) return Date.parse(iso);
  return Date.UTC(y, mo - 1, d, h, mi, se) - sign * (oh * 60 + om) * 60_000;
}

/** Days from 1970 that the ISO cache covers (400 years: every date a plan will name). */
const CACHED_DAYS = 146_097;
let isoCache: (IsoDate | undefined)[] | undefined;

/** ISO `YYYY-MM-DD` for a day number. Memoised: schedules print the same few thousand days many times. */
export function fromDayNumber(day: number): IsoDate {
  if (day >= 0 && day < CACHED_DAYS) {
    // A dense array (filled once) keeps lookups a plain index, unlike a Map or a holey array.
    const cache = (isoCache ??= new Array<IsoDate | undefined>(CACHED_DAYS).fill(undefined));
    return (cache[day] ??= formatDay(day));
  }
  return formatDay(day);
}

function formatDay(day: number): IsoDate {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Today as the user's calendar says, `YYYY-MM-DD`. */
export function localToday(now = new Date()): IsoDate {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** JS weekday of a day number: 0 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Day number of the Monday that starts the ISO week containing `day`. */
export function isoWeekStart(day: number): number {
  return day - ((weekdayOf(day) + 6) % 7);
}

/** ISO 8601 week key, `2026-W03` (the week-year can differ from the date's year at year ends). */
export function isoWeekKey(day: number): string {
  const thursday = isoWeekStart(day) + 3;
  const year = Number(fromDayNumber(thursday).slice(0, 4));
  const week = Math.floor((thursday - toDayNumber(`${String(year).padStart(4, '0')}-01-01`)) / 7) + 1;
  return `${year}-W${week < 10 ? '0' : ''}${week}`;
}

// ---- Work calendars --------------------------------------------------------

/** Slow-path calls after which a calendar builds its lookup table, and the longest span it covers. */
const LOOKUP_AFTER = 64;
const LOOKUP_MAX_DAYS = 200_000;

export class WorkCalendar {
  /** Pattern workdays per week (1..7). */
  private readonly perWeek: number;
  /** prefix[r]: pattern workdays among the first r days of a week that starts on day 0 (a Thursday). */
  private readonly prefix: Int32Array;
  /** nth[j]: offset in such a week of its j-th pattern workday. */
  private readonly nth: Int32Array;
  private readonly mask: Uint8Array;
  /** Sorted unique day numbers that fall on pattern workdays but are not worked. */
  private readonly exceptions: Int32Array;
  private readonly exceptionSet: ReadonlySet<number>;
  /**
   * Answers of `ordinal` and `dayOfOrdinal` between the first and the last
   * exception, where they would binary-search: built after LOOKUP_AFTER such
   * calls (a calendar asked a few times never pays for it), at most
   * LOOKUP_MAX_DAYS long. The Monte Carlo forecast asks millions of times.
   */
  private lookup?: { exBefore: Int32Array; k0: number; dayAt: Int32Array } | null;
  private slowCalls = 0;

  /**
   * @param workdays JS weekday numbers (0 = Sunday) that are worked.
   * @param daysOff days not worked (holidays, time off) as ISO dates or day numbers, any order, may repeat.
   */
  constructor(workdays: readonly number[], daysOff: readonly IsoDate[] | readonly number[] = []) {
    const mask = new Uint8Array(7);
    for (const w of workdays) if (Number.isInteger(w) && w >= 0 && w < 7) mask[w] = 1;
    if (!mask.some((x) => x === 1)) for (const w of DEFAULT_WORKDAYS) mask[w] = 1;
    this.mask = mask;
    this.prefix = new Int32Array(8);
    const nth: number[] = [];
    for (let r = 0; r < 7; r++) {
      const isWork = mask[weekdayOf(r)] === 1;
      this.prefix[r + 1] = this.prefix[r] + (isWork ? 1 : 0);
      if (isWork) nth.push(r);
    }
    this.perWeek = nth.length;
    this.nth = Int32Array.from(nth);
    const ex = new Set<number>();
    for (const off of daysOff) {
      const d = typeof off === 'number' ? off : toDayNumber(off);
      if (mask[weekdayOf(d)] === 1) ex.add(d);
    }
    this.exceptions = Int32Array.from([...ex].sort((a, b) => a - b));
    this.exceptionSet = ex;
  }

  /** The plan's calendar (weekly pattern and holidays). */
  static forPlan(plan: Plan): WorkCalendar {
    return fromCalendar(plan.project.calendar, []);
  }

  /** The plan's calendar plus a person's days off. */
  static forPerson(plan: Plan, person: Person): WorkCalendar {
    return fromCalendar(plan.project.calendar, person.off);
  }

  isWorkday(day: number): boolean {
    return this.mask[weekdayOf(day)] === 1 && !this.exceptionSet.has(day);
  }

  /** Workdays strictly before `day`, counted from day 0 (negative before 1970). */
  ordinal(day: number): number {
    const weeks = Math.floor(day / 7);
    const pattern = weeks * this.perWeek + this.prefix[day - weeks * 7];
    const ex = this.exceptions;
    // Fast paths: most days lie before the first or after the last exception.
    if (ex.length === 0 || day <= ex[0]) return pattern;
    if (day > ex[ex.length - 1]) return pattern - ex.length;
    const table = this.lookup ?? this.tableAfterUse();
    return pattern - (table ? table.exBefore[day - ex[0]] : lowerBound(ex, day));
  }

  /** The workday whose ordinal is `k` (inverse of `ordinal` on workdays). */
  dayOfOrdinal(k: number): number {
    // Each exception before the answer pushes it one pattern workday later;
    // iterate until the count of exceptions up to the candidate is stable.
    const ex = this.exceptions;
    if (ex.length === 0) return this.patternDay(k);
    const beyond = this.patternDay(k + ex.length);
    if (beyond > ex[ex.length - 1]) return beyond;
    const table = this.lookup ?? this.tableAfterUse();
    if (table) {
      // Before the window no exception counts yet; inside it, the table.
      if (k < table.k0) return this.patternDay(k);
      return table.dayAt[k - table.k0];
    }
    let skipped = 0;
    for (;;) {
      const day = this.patternDay(k + skipped);
      const upTo = upperBound(this.exceptions, day);
      if (upTo === skipped) return day;
      skipped = upTo;
    }
  }

  /** The lookup table once the calendar has been asked often enough (null: too long a span). */
  private tableAfterUse(): { exBefore: Int32Array; k0: number; dayAt: Int32Array } | undefined {
    if (this.lookup === null || ++this.slowCalls < LOOKUP_AFTER) return undefined;
    const ex = this.exceptions;
    const first = ex[0];
    const span = ex[ex.length - 1] - first + 1;
    if (span > LOOKUP_MAX_DAYS) { this.lookup = null; return undefined; }
    // exBefore[d - first]: exceptions strictly before day d; dayAt[k - k0]:
    // the workday of ordinal k, for the workdays from `first` to the last exception.
    const exBefore = new Int32Array(span);
    const dayAt = new Int32Array(span);
    const k0 = this.ordinal(first);
    let before = 0;
    let n = 0;
    for (let d = first, e = 0; d < first + span; d++) {
      exBefore[d - first] = before;
      if (e < ex.length && ex[e] === d) { before++; e++; } else if (this.mask[weekdayOf(d)] === 1) dayAt[n++] = d;
    }
    this.lookup = { exBefore, k0, dayAt: dayAt.subarray(0, n) };
    return this.lookup;
  }

  private patternDay(j: number): number {
    const weeks = Math.floor(j / this.perWeek);
    return weeks * 7 + this.nth[j - weeks * this.perWeek];
  }

  /** First workday on or after `day`. */
  onOrAfter(day: number): number {
    return this.dayOfOrdinal(this.ordinal(day));
  }

  /** Last workday on or before `day`. */
  onOrBefore(day: number): number {
    return this.dayOfOrdinal(this.ordinal(day + 1) - 1);
  }

  /** First workday strictly after `day`. */
  nextWorkday(day: number): number {
    return this.onOrAfter(day + 1);
  }

  /** Last workday strictly before `day`. */
  previousWorkday(day: number): number {
    return this.onOrBefore(day - 1);
  }

  /**
   * The workday `n` workdays after `day` (negative `n` goes back). `day`
   * itself need not be a workday: it is first moved to the next workday
   * (for n >= 0) or the previous one (for n < 0).
   */
  addWorkdays(day: number, n: number): number {
    const base = n >= 0 ? this.onOrAfter(day) : this.onOrBefore(day);
    return this.dayOfOrdinal(this.ordinal(base) + n);
  }

  /** Workdays in the half-open range [from, to) (negative when to < from). */
  workdaysBetween(from: number, to: number): number {
    return this.ordinal(to) - this.ordinal(from);
  }

  /** Workdays in the closed range [first, last] (0 when last < first). */
  countWorkdays(first: number, last: number): number {
    return last < first ? 0 : this.ordinal(last + 1) - this.ordinal(first);
  }

  /**
   * The last day of a run of `duration` workdays that starts on the first
   * workday on or after `start` (duration >= 1).
   */
  finishOf(start: number, duration: number): number {
    // ordinal(start) is already the ordinal of the first workday on or after it.
    return this.dayOfOrdinal(this.ordinal(start) + duration - 1);
  }

  /** The first day of a run of `duration` workdays that ends on the last workday on or before `finish`. */
  startOf(finish: number, duration: number): number {
    return this.dayOfOrdinal(this.ordinal(finish + 1) - duration);
  }
}

function fromCalendar(cal: Calendar, off: readonly IsoDate[]): WorkCalendar {
  return new WorkCalendar(cal.workdays, off.length ? [...cal.holidays, ...off] : cal.holidays);
}

/** Index of the first element >= x. */
function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element > x. */
function upperBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One calendar per person (plan holidays + their days off), and the plan's
 * own for unassigned tasks; built once per plan.
 */
export class PlanCalendars {
  readonly plan: WorkCalendar;
  private readonly byPerson = new Map<string, WorkCalendar>();

  private static readonly cache = new WeakMap<Plan, PlanCalendars>();

  /** The calendars of `plan`, built once per (immutable) plan: the Monte Carlo forecast schedules it a thousand times. */
  static of(plan: Plan): PlanCalendars {
    let c = PlanCalendars.cache.get(plan);
    if (!c) { c = new PlanCalendars(plan); PlanCalendars.cache.set(plan, c); }
    return c;
  }

  constructor(plan: Plan) {
    this.plan = WorkCalendar.forPlan(plan);
    for (const p of plan.people) {
      this.byPerson.set(p.id, p.off.length ? WorkCalendar.forPerson(plan, p) : this.plan);
    }
  }

  /** The calendar a task assigned to `personId` runs on (the plan's when unassigned or unknown). */
  forAssignee(personId: string | undefined): WorkCalendar {
    return (personId !== undefined && this.byPerson.get(personId)) || this.plan;
  }
}
