// The message protocol between the extension host and the board webview.
// Shared by both sides, so it imports neither `vscode` nor the DOM. Every
// message is checked by a hand-written guard on the receiving side (the
// webview renders plan text, so the host treats what it sends as untrusted).
//
// Cards are compact tuples (10k cards must stay small); people, milestones,
// sprints and statuses are referenced by index.

import { MAX_DAY, MAX_ID_LENGTH, MAX_TEXT_LENGTH, NO_DAY, STATUS_CODES, isPlanId } from './gantt';

export { MAX_ID_LENGTH, MAX_TEXT_LENGTH, NO_DAY, isPlanId };
export const BOARD_PROTOCOL_VERSION = 1;
export const MAX_CARDS = 200_000;

/** Status codes (the Gantt's): index into this list. Also the column order. */
export const STATUSES = STATUS_CODES;
export type BoardStatus = (typeof STATUSES)[number];
/** Priority codes: 0 = none, then PRIORITY_CODES[i - 1]. */
export const PRIORITY_CODES = ['low', 'medium', 'high', 'critical'] as const;

export const CardFlag = {
  critical: 1,
  /** The schedule computed no float for the task (e.g. dropped). */
  noFloat: 2,
} as const;

/** How a card's due date looks against today and the forecast. */
export const DueWarn = { none: 0, forecastLate: 1, overdue: 2 } as const;

export type CardRow = [
  id: string,
  title: string,
  milestone: number, // index into milestones, -1 = backlog
  assignee: number, // index into people, -1 = unassigned
  status: number, // declared status code
  effective: number, // status the commits imply (== status when they agree)
  estimate: string, // as written ("3d"), '' when none
  priority: number,
  float: number,
  flags: number,
  due: number, // day number, NO_DAY when none
  dueWarn: number,
  commits: number,
  sprints: number[], // indexes into sprints
  tags: string[],
];
export const C = {
  id: 0, title: 1, milestone: 2, assignee: 3, status: 4, effective: 5, estimate: 6, priority: 7, float: 8, flags: 9,
  due: 10, dueWarn: 11, commits: 12, sprints: 13, tags: 14,
} as const;
const CARD_FIELDS = Object.keys(C).length;

/** [id, display name]: people, milestones (title) and sprints (goal or dates). */
export type NamedRow = [id: string, name: string];

export interface BoardData {
  /** project.yml's URI (the webview keeps it in its state so a restored board finds its plan). */
  readonly file: string;
  /** The workspace folder's name (the panel's title). */
  readonly folder: string;
  readonly name: string;
  readonly today: number;
  readonly people: NamedRow[];
  readonly milestones: NamedRow[];
  readonly sprints: NamedRow[];
  /** The person whose email is the user's git user.email, '' when unknown. */
  readonly me: string;
  /** In file order (the order within a column). */
  readonly cards: CardRow[];
  /** Why some data is missing, or why editing is off (shown above the board). */
  readonly note: string;
  /** False when project.yml does not parse: the board shows the last plan and refuses drags. */
  readonly editable: boolean;
}

export type Lanes = 'none' | 'milestone' | 'assignee' | 'sprint';
export const LANES: readonly Lanes[] = ['none', 'milestone', 'assignee', 'sprint'];

/** What the webview keeps through getState/setState (the serializer restores it). */
export interface BoardViewState {
  /** project.yml's URI: which plan this board shows (restored after a reload). */
  file: string;
  lanes: Lanes;
  text: string;
  assignee: string;
  milestone: string;
  sprint: string;
  tag: string;
  mine: boolean;
  showDropped: boolean;
  scrollY: number;
}

/**
 * A card move: the fields to change, at least one. `milestone: ''` moves to
 * the backlog; `assignee: ''` unassigns.
 */
export interface MoveOp {
  task: string;
  status?: BoardStatus;
  milestone?: string;
  assignee?: string;
}

// ---------------------------------------------------------------------------
// Host -> webview

export type HostMessage =
  | { type: 'init'; v: number; rev: number; data: BoardData; focus?: string; milestone?: string }
  | { type: 'editResult'; reqId: number; ok: true }
  | { type: 'editResult'; reqId: number; ok: false; reason: string }
  | { type: 'focus'; id: string };

// ---------------------------------------------------------------------------
// Webview -> host

export type WebviewMessage =
  | { type: 'ready'; v: number }
  | ({ type: 'move'; reqId: number } & MoveOp)
  | { type: 'reveal'; task: string }
  | { type: 'menu'; task: string }
  | { type: 'state'; state: BoardViewState };

// ---------------------------------------------------------------------------
// Validation: each guard returns why a value was refused, or undefined.

type Check = string | undefined;
type Obj = Record<string, unknown>;

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isInt = (x: unknown, min: number, max: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
const isStr = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;
const isIdOrEmpty = (x: unknown): boolean => x === '' || isPlanId(x);

function onlyKeys(o: Obj, allowed: readonly string[], where: string): Check {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) return `${where}: unknown field "${k}"`;
  return undefined;
}

function checkNamed(x: unknown, where: string): Check {
  if (!Array.isArray(x) || x.length > MAX_CARDS) return `data: ${where} must be a list`;
  for (const r of x) if (!Array.isArray(r) || r.length !== 2 || !isPlanId(r[0]) || !isStr(r[1], MAX_TEXT_LENGTH)) return `data: bad ${where} row`;
  return undefined;
}

function checkCard(r: unknown, d: { people: unknown[]; milestones: unknown[]; sprints: unknown[] }): Check {
  if (!Array.isArray(r) || r.length !== CARD_FIELDS) return `a card has ${CARD_FIELDS} fields`;
  const id = r[C.id];
  if (!isPlanId(id)) return 'card: bad id';
  if (!isStr(r[C.title], MAX_TEXT_LENGTH)) return `card ${id}: bad title`;
  if (!isInt(r[C.milestone], -1, d.milestones.length - 1)) return `card ${id}: milestone out of range`;
  if (!isInt(r[C.assignee], -1, d.people.length - 1)) return `card ${id}: assignee out of range`;
  if (!isInt(r[C.status], 0, STATUSES.length - 1) || !isInt(r[C.effective], 0, STATUSES.length - 1)) return `card ${id}: bad status`;
  if (!isStr(r[C.estimate], 40)) return `card ${id}: bad estimate`;
  if (!isInt(r[C.priority], 0, PRIORITY_CODES.length)) return `card ${id}: bad priority`;
  if (!isInt(r[C.float], -MAX_DAY, MAX_DAY)) return `card ${id}: bad float`;
  if (!isInt(r[C.flags], 0, 3)) return `card ${id}: bad flags`;
  if (!isInt(r[C.due], NO_DAY, MAX_DAY)) return `card ${id}: bad due`;
  if (!isInt(r[C.dueWarn], 0, 2)) return `card ${id}: bad due warning`;
  if (!isInt(r[C.commits], 0, 10_000_000)) return `card ${id}: bad commit count`;
  const sprints = r[C.sprints];
  if (!Array.isArray(sprints) || !sprints.every((s) => isInt(s, 0, d.sprints.length - 1))) return `card ${id}: bad sprints`;
  const tags = r[C.tags];
  if (!Array.isArray(tags) || tags.length > 1000 || !tags.every((t) => isStr(t, MAX_ID_LENGTH))) return `card ${id}: bad tags`;
  return undefined;
}

function checkData(d: unknown): Check {
  if (!isObj(d)) return 'data must be an object';
  const e = onlyKeys(d, ['file', 'folder', 'name', 'today', 'people', 'milestones', 'sprints', 'me', 'cards', 'note', 'editable'], 'data');
  if (e) return e;
  if (!isStr(d.file, 10_000) || !isStr(d.folder, MAX_TEXT_LENGTH) || !isStr(d.name, MAX_TEXT_LENGTH) || !isStr(d.note, MAX_TEXT_LENGTH)) return 'data: bad text';
  if (!isInt(d.today, 0, MAX_DAY)) return 'data: bad today';
  if (!isIdOrEmpty(d.me)) return 'data: bad me';
  if (typeof d.editable !== 'boolean') return 'data: editable must be a boolean';
  const ne = checkNamed(d.people, 'people') ?? checkNamed(d.milestones, 'milestones') ?? checkNamed(d.sprints, 'sprints');
  if (ne) return ne;
  if (!Array.isArray(d.cards) || d.cards.length > MAX_CARDS) return 'data: cards must be a list';
  const counts = { people: d.people as unknown[], milestones: d.milestones as unknown[], sprints: d.sprints as unknown[] };
  for (const c of d.cards) { const ce = checkCard(c, counts); if (ce) return ce; }
  return undefined;
}

function checkViewState(s: unknown): Check {
  if (!isObj(s)) return 'state must be an object';
  const e = onlyKeys(s, ['file', 'lanes', 'text', 'assignee', 'milestone', 'sprint', 'tag', 'mine', 'showDropped', 'scrollY'], 'state');
  if (e) return e;
  if (!isStr(s.file, 10_000)) return 'state: bad file';
  if (!LANES.includes(s.lanes as Lanes)) return 'state: bad lanes';
  if (!isStr(s.text, MAX_TEXT_LENGTH) || !isStr(s.tag, MAX_ID_LENGTH)) return 'state: bad filter';
  if (!isIdOrEmpty(s.assignee) || !isIdOrEmpty(s.milestone) || !isIdOrEmpty(s.sprint)) return 'state: bad filter id';
  if (typeof s.mine !== 'boolean' || typeof s.showDropped !== 'boolean') return 'state: flags must be booleans';
  if (!isInt(s.scrollY, 0, 1e9)) return 'state: bad scroll';
  return undefined;
}

/** A view state restored from getState or by the serializer is checked like a message. */
export function validateViewState(s: unknown): Check {
  return checkViewState(s);
}

/** Checks a message the host received from the webview. */
export function validateWebviewMessage(m: unknown): Check {
  if (!isObj(m)) return 'message must be an object';
  switch (m.type) {
    case 'ready':
      return onlyKeys(m, ['type', 'v'], 'ready') ?? (m.v === BOARD_PROTOCOL_VERSION ? undefined : `ready: protocol ${String(m.v)} is not ${BOARD_PROTOCOL_VERSION}`);
    case 'move': {
      const e = onlyKeys(m, ['type', 'reqId', 'task', 'status', 'milestone', 'assignee'], 'move');
      if (e) return e;
      if (!isInt(m.reqId, 0, Number.MAX_SAFE_INTEGER)) return 'move: bad reqId';
      if (!isPlanId(m.task)) return 'move: bad task id';
      if (m.status === undefined && m.milestone === undefined && m.assignee === undefined) return 'move: nothing to change';
      if (m.status !== undefined && !(STATUSES as readonly unknown[]).includes(m.status)) return 'move: bad status';
      if (m.milestone !== undefined && !isIdOrEmpty(m.milestone)) return 'move: bad milestone id';
      if (m.assignee !== undefined && !isIdOrEmpty(m.assignee)) return 'move: bad assignee id';
      return undefined;
    }
    case 'reveal':
    case 'menu':
      return onlyKeys(m, ['type', 'task'], m.type) ?? (isPlanId(m.task) ? undefined : `${m.type}: bad task id`);
    case 'state':
      return onlyKeys(m, ['type', 'state'], 'state') ?? checkViewState(m.state);
    default:
      return `unknown message type "${String(m.type)}"`;
  }
}

/** Checks a message the webview received from the host. */
export function validateHostMessage(m: unknown): Check {
  if (!isObj(m)) return 'message must be an object';
  switch (m.type) {
    case 'init': {
      const e = onlyKeys(m, ['type', 'v', 'rev', 'data', 'focus', 'milestone'], 'init');
      if (e) return e;
      if (m.v !== BOARD_PROTOCOL_VERSION) return `init: protocol ${String(m.v)} is not ${BOARD_PROTOCOL_VERSION}`;
      if (!isInt(m.rev, 0, Number.MAX_SAFE_INTEGER)) return 'init: bad rev';
      if (m.focus !== undefined && !isPlanId(m.focus)) return 'init: bad focus id';
      if (m.milestone !== undefined && !isPlanId(m.milestone)) return 'init: bad milestone id';
      return checkData(m.data);
    }
    case 'editResult': {
      if (!isInt(m.reqId, 0, Number.MAX_SAFE_INTEGER)) return 'editResult: bad reqId';
      if (m.ok === true) return onlyKeys(m, ['type', 'reqId', 'ok'], 'editResult');
      if (m.ok === false) return onlyKeys(m, ['type', 'reqId', 'ok', 'reason'], 'editResult') ?? (isStr(m.reason, MAX_TEXT_LENGTH) && m.reason !== '' ? undefined : 'editResult: a refusal needs a reason');
      return 'editResult: ok must be a boolean';
    }
    case 'focus':
      return onlyKeys(m, ['type', 'id'], 'focus') ?? (isPlanId(m.id) ? undefined : 'focus: bad id');
    default:
      return `unknown message type "${String(m.type)}"`;
  }
}
