// The message protocol between the extension host and the Gantt webview.
// Shared by both sides, so it imports neither `vscode` nor the DOM. Every
// message that crosses the boundary is checked by a hand-written guard on the
// receiving side: a webview is untrusted input for the host (it renders plan
// text), and the host's messages are checked too so a bug shows up as a clear
// refusal instead of a half-drawn chart.
//
// Data is compact on purpose (10k tasks must stay small): rows are tuples,
// dates are day numbers (days since 1970-01-01 UTC), people and groups are
// referenced by index.

export const GANTT_PROTOCOL_VERSION = 1;

/** Highest day number we accept: 9999-12-31. */
export const MAX_DAY = 2932896;
/** Marker for "no date" in day-number fields. */
export const NO_DAY = -1;
export const MAX_ID_LENGTH = 200;
export const MAX_TEXT_LENGTH = 2000;
export const MAX_ROWS = 200_000;
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024;

/** Status codes: index into this list (mirrors TASK_STATUSES in core/model.ts). */
export const STATUS_CODES = ['todo', 'in-progress', 'review', 'blocked', 'done', 'dropped'] as const;
export const HEALTH_CODES = ['', 'on-track', 'at-risk', 'off-track'] as const;

export const TaskFlag = {
  critical: 1,
  overAllocated: 2,
  /** The task states a `start:` (not earlier than). */
  pinnedStart: 4,
  /** The schedule computed no float (e.g. unscheduled task). */
  noFloat: 8,
  hasEstimate: 16,
} as const;

export const GroupFlag = {
  backlog: 1,
  critical: 2,
} as const;

/**
 * One task. Field order is part of the protocol; see TASK_FIELDS for names.
 * Dates are day numbers, NO_DAY when absent; `finish` is inclusive.
 */
export type TaskRow = [
  id: string,
  title: string,
  group: number,
  assignee: number,
  status: number,
  start: number,
  finish: number,
  actualStart: number,
  actualFinish: number,
  progress: number,
  float: number,
  flags: number,
  deps: string[],
  commits: number,
  lastCommit: string,
  forecastStart: number,
  forecastFinish: number,
];
/**
 * `start`/`finish` are the planned dates (the as-soon-as-possible schedule
 * from the project start; what an edit moves); `forecastStart`/`forecastFinish`
 * the core's deterministic forecast (done work at its actual dates, remaining
 * work from today), the dates the chart draws unless the pure plan is asked for.
 */
export const T = {
  id: 0, title: 1, group: 2, assignee: 3, status: 4, start: 5, finish: 6, actualStart: 7, actualFinish: 8,
  progress: 9, float: 10, flags: 11, deps: 12, commits: 13, lastCommit: 14, forecastStart: 15, forecastFinish: 16,
} as const;
export const TASK_FIELDS = Object.keys(T);

/** A milestone (or the backlog): the rows below it until the next group. */
export type GroupRow = [
  id: string,
  title: string,
  due: number,
  forecast: number,
  progress: number,
  health: number,
  flags: number,
  deps: string[],
];
export const G = { id: 0, title: 1, due: 2, forecast: 3, progress: 4, health: 5, flags: 6, deps: 7 } as const;

/** A person: id and display name. */
export type PersonRow = [id: string, name: string];

export interface GanttCalendar {
  /** Working weekdays, 0 = Sunday. */
  readonly workdays: number[];
  /** Holiday day numbers, sorted. */
  readonly holidays: number[];
}

export interface GanttData {
  readonly name: string;
  readonly today: number;
  /** Project start (scheduling floor), NO_DAY when unknown. */
  readonly start: number;
  readonly calendar: GanttCalendar;
  readonly people: PersonRow[];
  /** Days off per person (same index as `people`), sorted day numbers; left out when nobody has any. */
  readonly daysOff?: number[][];
  readonly groups: GroupRow[];
  /**
   * The Monte Carlo forecast's band per group (docs/schedule.md): P50 and P95
   * finish days, flat (`[p50 of group 0, p95 of group 0, ...]`), NO_DAY when
   * a group has none; left out when no forecast was computed.
   */
  readonly bands?: number[];
  /** In display order: grouped by `group`, groups in order. */
  readonly tasks: TaskRow[];
  /** Why some data is missing (untrusted workspace, no history): shown in the chart. */
  readonly note: string;
}

/** A ghost bar of the baseline: planned dates as of a tag or commit. */
export type BaselineRow = [id: string, start: number, finish: number];

export type Zoom = 'day' | 'week' | 'month' | 'quarter';
export const ZOOMS: readonly Zoom[] = ['day', 'week', 'month', 'quarter'];

/** What the webview keeps through getState/setState (and reports to the host). */
export interface ViewState {
  zoom: Zoom;
  scrollX: number;
  scrollY: number;
  collapsed: string[];
  filterText: string;
  filterAssignee: string;
  filterStatus: string;
  criticalOnly: boolean;
  baseline: boolean;
  /** Draw the pure plan (planned dates) instead of the forecast; absent in states saved before it existed. */
  planOnly?: boolean;
}

export type EditOp =
  | { op: 'move'; task: string; start: number }
  | { op: 'estimate'; task: string; days: number }
  | { op: 'depend'; task: string; dependsOn: string };

// ---------------------------------------------------------------------------
// Host -> webview

export type HostMessage =
  | { type: 'init'; v: number; rev: number; data: GanttData; focus?: string }
  | { type: 'update'; rev: number; baseRev: number; upsert: TaskRow[]; remove: string[]; order?: string[]; groups: GroupRow[]; bands?: number[]; today: number; note: string }
  | { type: 'editResult'; reqId: number; ok: true }
  | { type: 'editResult'; reqId: number; ok: false; reason: string }
  | { type: 'focus'; id: string }
  | { type: 'baseline'; label: string; rows: BaselineRow[] }
  | { type: 'baseline'; label: null; rows: []; reason?: string }
  | { type: 'requestExport'; format: 'svg' | 'png' };

// ---------------------------------------------------------------------------
// Webview -> host

export type WebviewMessage =
  | { type: 'ready'; v: number }
  | ({ type: 'edit'; reqId: number } & EditOp)
  | { type: 'reveal'; task: string }
  | { type: 'export'; format: 'svg'; data: string }
  | { type: 'export'; format: 'png'; data: string }
  | { type: 'pickBaseline' }
  | { type: 'resync'; reason: string }
  | { type: 'state'; state: ViewState };

// ---------------------------------------------------------------------------
// Validation. Each guard returns an error string (why it was refused) or
// undefined when the value is well-formed.

type Check = string | undefined;
type Obj = Record<string, unknown>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function onlyKeys(o: Obj, allowed: readonly string[], where: string): Check {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) return `${where}: unknown field "${k}"`;
  return undefined;
}

function isInt(x: unknown, min: number, max: number): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
}

function isStr(x: unknown, max: number, allowEmpty = true): x is string {
  return typeof x === 'string' && x.length <= max && (allowEmpty || x.length > 0);
}

function isDay(x: unknown): x is number {
  return isInt(x, NO_DAY, MAX_DAY);
}

/** Plan ids: letters, digits, `_ . -`; the same shape the format allows. */
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
export function isPlanId(x: unknown): x is string {
  return typeof x === 'string' && x.length <= MAX_ID_LENGTH && ID_RE.test(x);
}

function strList(x: unknown, maxLen: number, each: (s: unknown) => boolean): x is string[] {
  return Array.isArray(x) && x.length <= maxLen && x.every(each);
}

function checkTaskRow(r: unknown, groups: number, people: number, where: string): Check {
  if (!Array.isArray(r) || r.length !== TASK_FIELDS.length) return `${where}: a task row has ${TASK_FIELDS.length} fields`;
  if (!isPlanId(r[T.id])) return `${where}: bad task id`;
  if (!isStr(r[T.title], MAX_TEXT_LENGTH)) return `${where} ${r[T.id]}: bad title`;
  if (!isInt(r[T.group], 0, groups - 1)) return `${where} ${r[T.id]}: group out of range`;
  if (!isInt(r[T.assignee], -1, people - 1)) return `${where} ${r[T.id]}: assignee out of range`;
  if (!isInt(r[T.status], 0, STATUS_CODES.length - 1)) return `${where} ${r[T.id]}: bad status`;
  for (const f of ['start', 'finish', 'actualStart', 'actualFinish', 'forecastStart', 'forecastFinish'] as const) {
    if (!isDay(r[T[f]])) return `${where} ${r[T.id]}: bad ${f}`;
  }
  for (const [a, b] of [[T.start, T.finish], [T.forecastStart, T.forecastFinish]] as const) {
    if ((r[a] === NO_DAY) !== (r[b] === NO_DAY) || (r[a] !== NO_DAY && r[b] < r[a])) return `${where} ${r[T.id]}: finish before start`;
  }
  if (!isInt(r[T.progress], 0, 100)) return `${where} ${r[T.id]}: progress must be 0..100`;
  if (!isInt(r[T.float], -MAX_DAY, MAX_DAY)) return `${where} ${r[T.id]}: bad float`;
  if (!isInt(r[T.flags], 0, 31)) return `${where} ${r[T.id]}: bad flags`;
  if (!strList(r[T.deps], 10_000, isPlanId)) return `${where} ${r[T.id]}: bad deps`;
  if (!isInt(r[T.commits], 0, 10_000_000)) return `${where} ${r[T.id]}: bad commit count`;
  if (!isStr(r[T.lastCommit], MAX_TEXT_LENGTH)) return `${where} ${r[T.id]}: bad last commit`;
  return undefined;
}

function checkGroupRow(r: unknown, where: string): Check {
  if (!Array.isArray(r) || r.length !== 8) return `${where}: a group row has 8 fields`;
  if (!isPlanId(r[G.id]) && r[G.id] !== '') return `${where}: bad group id`;
  if (!isStr(r[G.title], MAX_TEXT_LENGTH)) return `${where}: bad group title`;
  if (!isDay(r[G.due]) || !isDay(r[G.forecast])) return `${where} ${r[G.id]}: bad date`;
  if (!isInt(r[G.progress], 0, 100)) return `${where} ${r[G.id]}: progress must be 0..100`;
  if (!isInt(r[G.health], 0, HEALTH_CODES.length - 1)) return `${where} ${r[G.id]}: bad health`;
  if (!isInt(r[G.flags], 0, 3)) return `${where} ${r[G.id]}: bad flags`;
  if (!strList(r[G.deps], 10_000, isPlanId)) return `${where} ${r[G.id]}: bad deps`;
  return undefined;
}

function checkGroups(x: unknown): Check {
  if (!Array.isArray(x) || x.length > MAX_ROWS) return 'groups must be a list';
  for (const g of x) { const e = checkGroupRow(g, 'group'); if (e) return e; }
  return undefined;
}

/** `bands`, when present: two days (P50, P95) per group, in order. */
function checkBands(b: unknown, groups: unknown, where: string): Check {
  if (b === undefined) return undefined;
  if (!Array.isArray(b) || !Array.isArray(groups) || b.length !== 2 * groups.length || !b.every(isDay)) return `${where}: bands must be two days per group`;
  for (let g = 0; g < b.length; g += 2) if ((b[g] === NO_DAY) !== (b[g + 1] === NO_DAY) || b[g] > b[g + 1]) return `${where}: a band runs from P50 to a later P95`;
  return undefined;
}

function checkData(d: unknown): Check {
  if (!isObj(d)) return 'data must be an object';
  const e = onlyKeys(d, ['name', 'today', 'start', 'calendar', 'people', 'daysOff', 'groups', 'bands', 'tasks', 'note'], 'data');
  if (e) return e;
  if (!isStr(d.name, MAX_TEXT_LENGTH)) return 'data: bad name';
  if (!isDay(d.today) || d.today === NO_DAY) return 'data: bad today';
  if (!isDay(d.start)) return 'data: bad start';
  if (!isStr(d.note, MAX_TEXT_LENGTH)) return 'data: bad note';
  const c = d.calendar;
  if (!isObj(c) || onlyKeys(c, ['workdays', 'holidays'], 'calendar')) return 'data: bad calendar';
  if (!Array.isArray(c.workdays) || c.workdays.length > 7 || !c.workdays.every((w) => isInt(w, 0, 6))) return 'calendar: workdays must be 0..6';
  if (!Array.isArray(c.holidays) || c.holidays.length > 100_000 || !c.holidays.every((h) => isDay(h) && h !== NO_DAY)) return 'calendar: bad holidays';
  if (!Array.isArray(d.people) || d.people.length > 100_000) return 'data: people must be a list';
  for (const p of d.people) {
    if (!Array.isArray(p) || p.length !== 2 || !isPlanId(p[0]) || !isStr(p[1], MAX_TEXT_LENGTH)) return 'data: bad person row';
  }
  if (d.daysOff !== undefined) {
    if (!Array.isArray(d.daysOff) || d.daysOff.length !== d.people.length) return 'data: daysOff must have one list per person';
    for (const off of d.daysOff) if (!Array.isArray(off) || off.length > 100_000 || !off.every((x) => isDay(x) && x !== NO_DAY)) return 'data: bad daysOff';
  }
  const ge = checkGroups(d.groups) ?? checkBands(d.bands, d.groups, 'data');
  if (ge) return ge;
  if (!Array.isArray(d.tasks) || d.tasks.length > MAX_ROWS) return 'data: tasks must be a list';
  const groups = (d.groups as unknown[]).length;
  for (const t of d.tasks) { const te = checkTaskRow(t, groups, d.people.length, 'task'); if (te) return te; }
  return undefined;
}

function checkViewState(s: unknown): Check {
  if (!isObj(s)) return 'state must be an object';
  const e = onlyKeys(s, ['zoom', 'scrollX', 'scrollY', 'collapsed', 'filterText', 'filterAssignee', 'filterStatus', 'criticalOnly', 'baseline', 'planOnly'], 'state');
  if (e) return e;
  if (!ZOOMS.includes(s.zoom as Zoom)) return 'state: bad zoom';
  if (!isInt(s.scrollX, 0, 1e9) || !isInt(s.scrollY, 0, 1e9)) return 'state: bad scroll';
  if (!strList(s.collapsed, MAX_ROWS, (g) => isPlanId(g) || g === '')) return 'state: bad collapsed';
  if (!isStr(s.filterText, MAX_TEXT_LENGTH) || !isStr(s.filterAssignee, MAX_ID_LENGTH) || !isStr(s.filterStatus, 20)) return 'state: bad filter';
  if (s.filterAssignee !== '' && !isPlanId(s.filterAssignee)) return 'state: bad assignee filter';
  if (s.filterStatus !== '' && !(STATUS_CODES as readonly string[]).includes(s.filterStatus as string)) return 'state: bad status filter';
  if (typeof s.criticalOnly !== 'boolean' || typeof s.baseline !== 'boolean' || (s.planOnly !== undefined && typeof s.planOnly !== 'boolean')) return 'state: flags must be booleans';
  return undefined;
}

/** A view state restored from getState (or a serializer) is checked like a message. */
export function validateViewState(s: unknown): Check {
  return checkViewState(s);
}

const PNG_RE = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

/** Checks a message the host received from the webview. */
export function validateWebviewMessage(m: unknown): Check {
  if (!isObj(m)) return 'message must be an object';
  switch (m.type) {
    case 'ready':
      return onlyKeys(m, ['type', 'v'], 'ready') ?? (m.v === GANTT_PROTOCOL_VERSION ? undefined : `ready: protocol ${String(m.v)} is not ${GANTT_PROTOCOL_VERSION}`);
    case 'edit': {
      if (!isInt(m.reqId, 0, Number.MAX_SAFE_INTEGER)) return 'edit: bad reqId';
      if (!isPlanId(m.task)) return 'edit: bad task id';
      switch (m.op) {
        case 'move':
          return onlyKeys(m, ['type', 'reqId', 'op', 'task', 'start'], 'edit') ?? (isDay(m.start) && m.start !== NO_DAY ? undefined : 'edit: bad start day');
        case 'estimate':
          return onlyKeys(m, ['type', 'reqId', 'op', 'task', 'days'], 'edit') ?? (isInt(m.days, 1, 10_000) ? undefined : 'edit: estimate must be 1..10000 days');
        case 'depend':
          if (!isPlanId(m.dependsOn)) return 'edit: bad dependency id';
          if (m.dependsOn === m.task) return 'edit: a task cannot depend on itself';
          return onlyKeys(m, ['type', 'reqId', 'op', 'task', 'dependsOn'], 'edit');
        default:
          return `edit: unknown op "${String(m.op)}"`;
      }
    }
    case 'reveal':
      return onlyKeys(m, ['type', 'task'], 'reveal') ?? (isPlanId(m.task) ? undefined : 'reveal: bad task id');
    case 'export': {
      const e = onlyKeys(m, ['type', 'format', 'data'], 'export');
      if (e) return e;
      if (!isStr(m.data, MAX_EXPORT_CHARS, false)) return 'export: bad data';
      if (m.format === 'svg') return /^<svg[\s>]/.test(m.data) ? undefined : 'export: data is not an SVG document';
      if (m.format === 'png') return PNG_RE.test(m.data) ? undefined : 'export: data is not a PNG data URL';
      return 'export: format must be svg or png';
    }
    case 'pickBaseline':
      return onlyKeys(m, ['type'], 'pickBaseline');
    case 'resync':
      return onlyKeys(m, ['type', 'reason'], 'resync') ?? (isStr(m.reason, MAX_TEXT_LENGTH) ? undefined : 'resync: bad reason');
    case 'state':
      return onlyKeys(m, ['type', 'state'], 'state') ?? checkViewState(m.state);
    default:
      return `unknown message type "${String(m.type)}"`;
  }
}

/**
 * Checks a message the webview received from the host. `counts` are the
 * current data's group and people counts, needed to range-check `update` rows.
 */
export function validateHostMessage(m: unknown, counts?: { groups: number; people: number }): Check {
  if (!isObj(m)) return 'message must be an object';
  switch (m.type) {
    case 'init': {
      const e = onlyKeys(m, ['type', 'v', 'rev', 'data', 'focus'], 'init');
      if (e) return e;
      if (m.v !== GANTT_PROTOCOL_VERSION) return `init: protocol ${String(m.v)} is not ${GANTT_PROTOCOL_VERSION}`;
      if (!isInt(m.rev, 0, Number.MAX_SAFE_INTEGER)) return 'init: bad rev';
      if (m.focus !== undefined && !isPlanId(m.focus)) return 'init: bad focus id';
      return checkData(m.data);
    }
    case 'update': {
      const e = onlyKeys(m, ['type', 'rev', 'baseRev', 'upsert', 'remove', 'order', 'groups', 'bands', 'today', 'note'], 'update');
      if (e) return e;
      if (!isInt(m.rev, 0, Number.MAX_SAFE_INTEGER) || !isInt(m.baseRev, 0, Number.MAX_SAFE_INTEGER) || m.rev <= m.baseRev) return 'update: bad rev';
      if (!isDay(m.today) || m.today === NO_DAY) return 'update: bad today';
      if (!isStr(m.note, MAX_TEXT_LENGTH)) return 'update: bad note';
      const ge = checkGroups(m.groups) ?? checkBands(m.bands, m.groups, 'update');
      if (ge) return ge;
      if (counts && (m.groups as unknown[]).length !== counts.groups) return 'update: the group list changed; a full init is needed';
      if (!Array.isArray(m.upsert) || m.upsert.length > MAX_ROWS) return 'update: upsert must be a list';
      const groups = (m.groups as unknown[]).length;
      for (const t of m.upsert) { const te = checkTaskRow(t, groups, counts?.people ?? Number.MAX_SAFE_INTEGER, 'update'); if (te) return te; }
      if (!strList(m.remove, MAX_ROWS, isPlanId)) return 'update: bad remove list';
      if (m.order !== undefined && !strList(m.order, MAX_ROWS, isPlanId)) return 'update: bad order';
      return undefined;
    }
    case 'editResult': {
      if (!isInt(m.reqId, 0, Number.MAX_SAFE_INTEGER)) return 'editResult: bad reqId';
      if (m.ok === true) return onlyKeys(m, ['type', 'reqId', 'ok'], 'editResult');
      if (m.ok === false) return onlyKeys(m, ['type', 'reqId', 'ok', 'reason'], 'editResult') ?? (isStr(m.reason, MAX_TEXT_LENGTH, false) ? undefined : 'editResult: a refusal needs a reason');
      return 'editResult: ok must be a boolean';
    }
    case 'focus':
      return onlyKeys(m, ['type', 'id'], 'focus') ?? (isPlanId(m.id) ? undefined : 'focus: bad id');
    case 'baseline': {
      const e = onlyKeys(m, ['type', 'label', 'rows', 'reason'], 'baseline');
      if (e) return e;
      if (m.reason !== undefined && !isStr(m.reason, MAX_TEXT_LENGTH)) return 'baseline: bad reason';
      if (m.label === null) return Array.isArray(m.rows) && m.rows.length === 0 ? undefined : 'baseline: no label, no rows';
      if (!isStr(m.label, MAX_TEXT_LENGTH, false)) return 'baseline: bad label';
      if (!Array.isArray(m.rows) || m.rows.length > MAX_ROWS) return 'baseline: rows must be a list';
      for (const r of m.rows) {
        if (!Array.isArray(r) || r.length !== 3 || !isPlanId(r[0]) || !isDay(r[1]) || !isDay(r[2]) || r[1] === NO_DAY || r[2] < r[1]) return 'baseline: bad row';
      }
      return undefined;
    }
    case 'requestExport':
      return onlyKeys(m, ['type', 'format'], 'requestExport') ?? (m.format === 'svg' || m.format === 'png' ? undefined : 'requestExport: format must be svg or png');
    default:
      return `unknown message type "${String(m.type)}"`;
  }
}

// ---------------------------------------------------------------------------
// Day numbers

const MS_PER_DAY = 86_400_000;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` -> days since 1970-01-01 (UTC); NO_DAY for undefined or malformed. */
export function isoToDay(iso: string | undefined): number {
  if (!iso) return NO_DAY;
  const m = ISO_RE.exec(iso);
  if (!m) return NO_DAY;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = Math.round(ms / MS_PER_DAY);
  return day >= 0 && day <= MAX_DAY ? day : NO_DAY;
}

/** Days since 1970-01-01 -> `YYYY-MM-DD`. */
export function dayToIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}
