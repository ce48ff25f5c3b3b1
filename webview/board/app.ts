// The board webview: receives the plan (validated), lays out columns and
// swimlanes, draws only the cards in view (recycled DOM nodes), and turns
// drags and keys into `move` messages. A move shows at once; a refusal puts
// the card back and says why.
import * as l10n from '@vscode/l10n';
import {
  BOARD_PROTOCOL_VERSION, C, LANES, STATUSES, validateHostMessage, validateViewState,
  type BoardData, type BoardViewState, type CardRow, type HostMessage, type MoveOp, type WebviewMessage,
} from '../../src/protocol/board';
import { CARD_GAP, CARD_H, COLUMN_HEAD_H, cardPosition, cellAt, lanesIn, layoutBoard, type Layout } from './layout';
import { CardView } from './card';
import { Toolbar, type FilterPatch } from './toolbar';

export interface VsCodeApi {
  postMessage(m: WebviewMessage): void;
  getState(): unknown;
  setState(s: unknown): void;
}

const DEFAULT_STATE: BoardViewState = { file: '', lanes: 'none', text: '', assignee: '', milestone: '', sprint: '', tag: '', mine: false, showDropped: false, scrollY: 0 };
/** Rows drawn above and below the viewport, so a fast scroll shows no gap. */
const OVERSCAN = CARD_H * 2;

function div(cls: string, parent?: HTMLElement): HTMLElement {
  const e = document.createElement('div');
  e.className = cls;
  parent?.appendChild(e);
  return e;
}

export class BoardApp {
  data: BoardData | undefined;
  layout: Layout | undefined;
  state: BoardViewState;
  private readonly toolbar: Toolbar;
  private readonly note: HTMLElement;
  private readonly alert: HTMLElement;
  readonly scroller: HTMLElement;
  private readonly sizer: HTMLElement;
  private readonly head: HTMLElement;
  private readonly live: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly drop: HTMLElement;
  private readonly cards = new Map<number, CardView>();
  private readonly pool: CardView[] = [];
  private readonly laneEls = new Map<number, HTMLElement>();
  private readonly lanePool: HTMLElement[] = [];
  private focused: string | undefined;
  private reqId = 0;
  /** Moves sent and not answered: reqId -> the card's row before and after the move (kept across inits: the answer may come after the new plan). */
  private readonly inflight = new Map<number, { id: string; before: CardRow; next: CardRow; what: string }>();
  private drag: { view: CardView; x0: number; y0: number; dx: number; dy: number; on: boolean; pointer: number } | undefined;
  private frame = 0;
  private stateTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(root: HTMLElement, private readonly vscode: VsCodeApi) {
    const saved = vscode.getState();
    this.state = !validateViewState(saved) ? { ...(saved as BoardViewState) } : { ...DEFAULT_STATE };
    this.toolbar = new Toolbar(this.state, (p) => this.setFilters(p));
    this.note = div('note');
    this.alert = div('alert');
    this.alert.setAttribute('role', 'alert');
    this.alert.hidden = true;
    this.note.hidden = true;
    this.scroller = div('scroller');
    this.scroller.tabIndex = 0;
    this.scroller.setAttribute('role', 'listbox');
    this.scroller.setAttribute('aria-label', l10n.t('Board: arrow keys move between cards, Ctrl+Shift+arrows move the focused card, Enter opens it in project.yml, Space opens its menu'));
    // The column heads first: sticky, over the cards' first rows.
    this.head = div('columns', this.scroller);
    this.sizer = div('sizer', this.scroller);
    this.drop = div('drop', this.sizer);
    this.drop.hidden = true;
    this.empty = div('empty', this.scroller);
    this.empty.hidden = true;
    this.live = div('live');
    this.live.setAttribute('aria-live', 'polite');
    this.live.setAttribute('role', 'status');
    root.append(this.toolbar.root, this.note, this.alert, this.scroller, this.live);
    this.scroller.addEventListener('scroll', () => { this.schedule(); this.saveState(); }, { passive: true });
    this.scroller.addEventListener('keydown', (e) => this.onKey(e));
    this.scroller.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    this.scroller.addEventListener('dblclick', (e) => { const v = this.viewAt(e.target); if (v) this.post({ type: 'reveal', task: this.id(v.index) }); });
    new ResizeObserver(() => this.relayout()).observe(this.scroller);
  }

  start(): void {
    this.post({ type: 'ready', v: BOARD_PROTOCOL_VERSION });
  }

  private post(m: WebviewMessage): void {
    this.vscode.postMessage(m);
  }

  private id(index: number): string {
    return this.data ? this.data.cards[index][C.id] : '';
  }

  onMessage(raw: unknown): void {
    const err = validateHostMessage(raw);
    if (err) { this.showAlert(l10n.t('The board ignored a message from Waymark: {0}', err)); return; }
    const m = raw as HostMessage;
    switch (m.type) {
      case 'init': this.init(m.data, m.focus, m.milestone); break;
      case 'editResult': this.settle(m); break;
      case 'focus': this.focusCard(m.id); break;
    }
  }

  private init(data: BoardData, focus?: string, milestone?: string): void {
    const first = !this.data;
    this.data = data;
    if (this.state.file !== data.file) this.state.file = data.file;
    if (milestone) { this.state.milestone = milestone; this.toolbar.setState(this.state); }
    this.toolbar.setData(data, this.state);
    this.note.textContent = data.note;
    this.note.hidden = data.note === '';
    document.title = data.folder ? l10n.t('Board: {0}', data.folder) : l10n.t('Board');
    this.relayout();
    if (first) this.scroller.scrollTop = this.state.scrollY;
    if (focus) this.focusCard(focus);
    this.saveState();
  }

  private setFilters(p: FilterPatch): void {
    Object.assign(this.state, p);
    if (p.lanes && !LANES.includes(p.lanes)) this.state.lanes = 'none';
    this.relayout();
    this.saveState();
  }

  /** For the bench and e2e checks: set swimlanes like the toolbar does. */
  setLanes(lanes: BoardViewState['lanes']): void {
    this.toolbar.setState({ ...this.state, lanes });
    this.setFilters({ lanes });
  }

  private saveState(): void {
    clearTimeout(this.stateTimer);
    this.stateTimer = setTimeout(() => {
      this.state.scrollY = Math.max(0, Math.round(this.scroller.scrollTop));
      this.vscode.setState(this.state);
    }, 200);
  }

  relayout(): void {
    if (!this.data) return;
    this.layout = layoutBoard(this.data, this.state, this.scroller.clientWidth || 1000);
    const l = this.layout;
    this.sizer.style.height = `${l.height}px`;
    this.sizer.style.width = `${l.width}px`;
    this.head.style.width = `${l.width}px`;
    this.head.replaceChildren(...l.columns.map((status, i) => {
      const h = div('column-head');
      h.style.width = `${l.columnWidth}px`;
      const name = document.createElement('span');
      name.textContent = STATUSES[status];
      const count = document.createElement('span');
      count.className = 'wip';
      count.textContent = String(l.counts[i]);
      count.title = l.counts[i] === 1 ? l10n.t('1 card in {0}', STATUSES[status]) : l10n.t('{0} cards in {1}', l.counts[i], STATUSES[status]);
      h.append(name, count);
      h.dataset.status = STATUSES[status];
      return h;
    }));
    this.empty.hidden = l.shown > 0;
    this.empty.textContent = this.data.cards.length === 0 ? l10n.t('No tasks in this plan.') : l10n.t('No card matches the filters.');
    // Every card's content may have changed: refill on the next render.
    for (const v of this.cards.values()) v.index = -1;
    for (const v of this.cards.values()) this.release(v);
    this.cards.clear();
    this.render();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this.render(); });
  }

  private release(v: CardView): void {
    v.el.hidden = true;
    v.el.classList.remove('focused', 'pending');
    this.pool.push(v);
  }

  /** Draws the cards and lane headers in view; everything else is recycled. */
  render(): void {
    const l = this.layout;
    const data = this.data;
    if (!l || !data) return;
    const top = this.scroller.scrollTop - OVERSCAN;
    const bottom = this.scroller.scrollTop + this.scroller.clientHeight + OVERSCAN;
    const want = new Map<number, { x: number; y: number }>();
    const lanes = lanesIn(l, top, bottom);
    for (const li of lanes) {
      const lane = l.lanes[li];
      const first = Math.max(0, Math.floor((top - lane.top - lane.head) / (CARD_H + CARD_GAP)));
      const last = Math.ceil((bottom - lane.top - lane.head) / (CARD_H + CARD_GAP));
      lane.cells.forEach((cell, ci) => {
        for (let r = first; r < Math.min(cell.length, last); r++) want.set(cell[r], cardPosition(l, li, ci, r));
      });
    }
    const dragging = this.drag?.on ? this.drag.view : undefined;
    for (const [index, v] of this.cards) {
      if (!want.has(index) && v !== dragging) { this.release(v); this.cards.delete(index); }
    }
    for (const [index, pos] of want) {
      let v = this.cards.get(index);
      if (!v) {
        v = this.pool.pop() ?? this.createCard();
        this.cards.set(index, v);
      }
      v.fill(data, index);
      v.el.hidden = false;
      v.el.style.width = `${l.columnWidth - 2 * CARD_GAP}px`;
      if (v !== dragging) v.el.style.transform = `translate(${pos.x}px, ${pos.y}px)`;
      const id = data.cards[index][C.id];
      v.el.classList.toggle('focused', id === this.focused);
      v.el.classList.toggle('pending', [...this.inflight.values()].some((f) => f.next === data.cards[index]));
    }
    this.renderLanes(lanes);
    // The focused card, when it is drawn, is the list's active descendant (the list keeps DOM focus).
    if (this.focused && [...this.cards.values()].some((v) => v.el.dataset.id === this.focused)) this.scroller.setAttribute('aria-activedescendant', `card-${this.focused}`);
    else this.scroller.removeAttribute('aria-activedescendant');
  }

  private renderLanes(visible: number[]): void {
    const l = this.layout!;
    const want = new Set(l.lanes[0]?.head ? visible : []);
    for (const [i, e] of this.laneEls) if (!want.has(i)) { e.hidden = true; this.lanePool.push(e); this.laneEls.delete(i); }
    for (const i of want) {
      const lane = l.lanes[i];
      let e = this.laneEls.get(i);
      if (!e) { e = this.lanePool.pop() ?? div('lane-head', this.sizer); this.laneEls.set(i, e); }
      e.hidden = false;
      e.style.transform = `translate(0, ${lane.top}px)`;
      e.style.width = `${l.width}px`;
      e.textContent = `${lane.label}  (${lane.count})`;
    }
  }

  private createCard(): CardView {
    const v = new CardView();
    v.accept.addEventListener('click', (e) => {
      e.stopPropagation();
      const c = this.data?.cards[v.index];
      if (c) this.move(v.index, { status: STATUSES[c[C.effective]] });
    });
    v.accept.addEventListener('pointerdown', (e) => e.stopPropagation());
    this.sizer.appendChild(v.el);
    return v;
  }

  private viewAt(target: EventTarget | null): CardView | undefined {
    const el = (target as HTMLElement | null)?.closest?.('.card');
    if (!el) return undefined;
    for (const v of this.cards.values()) if (v.el === el) return v;
    return undefined;
  }

  // ------------------------------------------------------------ moves

  /** Applies a move locally at once and asks the host to write it. */
  move(index: number, change: Omit<MoveOp, 'task'>): void {
    const data = this.data;
    if (!data) return;
    const c = data.cards[index];
    if (!data.editable) { this.refuse(c[C.id], l10n.t('project.yml has syntax errors; fix them before moving cards.')); return; }
    const before = [...c] as CardRow;
    const next = [...c] as CardRow;
    const what: string[] = [];
    if (change.status !== undefined) { next[C.status] = STATUSES.indexOf(change.status); what.push(change.status); }
    if (change.milestone !== undefined) { next[C.milestone] = data.milestones.findIndex((m) => m[0] === change.milestone); what.push(change.milestone ? l10n.t('milestone {0}', change.milestone) : l10n.t('the backlog')); }
    if (change.assignee !== undefined) { next[C.assignee] = data.people.findIndex((p) => p[0] === change.assignee); what.push(change.assignee ? l10n.t('assignee {0}', change.assignee) : l10n.t('unassigned')); }
    if (change.status !== undefined && next[C.effective] === before[C.effective] && before[C.effective] === before[C.status]) next[C.effective] = next[C.status];
    data.cards[index] = next;
    const reqId = ++this.reqId;
    const text = l10n.t('{0} to {1}', c[C.id], what.join(', '));
    this.inflight.set(reqId, { id: c[C.id], before, next, what: text });
    this.hideAlert();
    this.announce(l10n.t('Moving {0}…', text));
    this.relayout();
    this.post({ type: 'move', reqId, task: c[C.id], ...change });
  }

  private settle(m: Extract<HostMessage, { type: 'editResult' }>): void {
    const f = this.inflight.get(m.reqId);
    if (!f) return;
    this.inflight.delete(m.reqId);
    if (m.ok) { this.announce(l10n.t('Moved {0}.', f.what)); this.render(); return; }
    // Put the card back, unless a newer plan from the host already replaced the row.
    const index = this.data ? this.data.cards.findIndex((c) => c[C.id] === f.id) : -1;
    if (this.data && index >= 0 && this.data.cards[index] === f.next) this.data.cards[index] = f.before;
    this.relayout();
    this.refuse(f.id, m.reason);
  }

  private refuse(id: string, reason: string): void {
    this.showAlert(l10n.t('{0} was not moved: {1}', id, reason));
    this.announce(l10n.t('{0} was not moved: {1}', id, reason));
  }

  private showAlert(text: string): void {
    this.alert.textContent = text;
    this.alert.hidden = false;
  }

  private hideAlert(): void {
    this.alert.hidden = true;
  }

  private announce(text: string): void {
    this.live.textContent = text;
  }

  /** The move that puts a card into (lane, column) of the current layout; undefined when that changes nothing or cannot be written. */
  private changeFor(index: number, lane: number, column: number): Omit<MoveOp, 'task'> | string | undefined {
    const l = this.layout!;
    const at = l.where.get(index);
    if (!at) return undefined;
    const change: Omit<MoveOp, 'task'> = {};
    if (column !== at[1]) change.status = STATUSES[l.columns[column]];
    if (lane !== at[0]) {
      const key = l.lanes[lane].key;
      if (this.state.lanes === 'milestone') change.milestone = key;
      else if (this.state.lanes === 'assignee') change.assignee = key;
      else if (this.state.lanes === 'sprint') return l10n.t('sprints list their tasks in project.yml; the board does not change sprint membership.');
    }
    return Object.keys(change).length > 0 ? change : undefined;
  }

  // ------------------------------------------------------------ mouse

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    const v = this.viewAt(e.target);
    if (!v) return;
    this.setFocus(this.id(v.index));
    this.scroller.focus({ preventScroll: true });
    this.drag = { view: v, x0: e.clientX, y0: e.clientY, dx: 0, dy: 0, on: false, pointer: e.pointerId };
    const move = (ev: PointerEvent) => this.onDrag(ev);
    const up = (ev: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      this.onDrop(ev);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
  }

  private contentPoint(e: PointerEvent): { x: number; y: number } {
    const r = this.scroller.getBoundingClientRect();
    return { x: e.clientX - r.left + this.scroller.scrollLeft, y: e.clientY - r.top + this.scroller.scrollTop };
  }

  private onDrag(e: PointerEvent): void {
    const d = this.drag;
    if (!d || !this.layout) return;
    d.dx = e.clientX - d.x0;
    d.dy = e.clientY - d.y0;
    if (!d.on && Math.hypot(d.dx, d.dy) < 5) return;
    if (!d.on) { d.on = true; d.view.el.classList.add('dragging'); }
    const at = this.layout.where.get(d.view.index);
    if (!at) return;
    const home = cardPosition(this.layout, at[0], at[1], at[2]);
    d.view.el.style.transform = `translate(${home.x + d.dx}px, ${home.y + d.dy}px)`;
    const p = this.contentPoint(e);
    const cell = cellAt(this.layout, p.x, p.y);
    if (cell) {
      const lane = this.layout.lanes[cell.lane];
      this.drop.hidden = false;
      this.drop.style.transform = `translate(${cell.column * this.layout.columnWidth}px, ${lane.top + lane.head}px)`;
      this.drop.style.width = `${this.layout.columnWidth}px`;
      this.drop.style.height = `${lane.height - lane.head}px`;
    } else this.drop.hidden = true;
  }

  private onDrop(e: PointerEvent): void {
    const d = this.drag;
    this.drag = undefined;
    this.drop.hidden = true;
    if (!d?.on || !this.layout) return;
    d.view.el.classList.remove('dragging');
    const p = this.contentPoint(e);
    const cell = cellAt(this.layout, p.x, p.y);
    const change = cell ? this.changeFor(d.view.index, cell.lane, cell.column) : undefined;
    if (typeof change === 'string') { this.relayout(); this.refuse(this.id(d.view.index), change); return; }
    if (change) this.move(d.view.index, change);
    else this.relayout(); // back where it was
  }

  // ------------------------------------------------------------ keyboard

  private setFocus(id: string | undefined): void {
    this.focused = id;
    this.render();
  }

  /** Scrolls a card into view and focuses it (host `focus`, e2e checks). */
  focusCard(id: string): void {
    const l = this.layout;
    const index = this.data?.cards.findIndex((c) => c[C.id] === id) ?? -1;
    const at = index >= 0 ? l?.where.get(index) : undefined;
    if (!l || !at) return;
    const pos = cardPosition(l, at[0], at[1], at[2]);
    const top = this.scroller.scrollTop + COLUMN_HEAD_H;
    if (pos.y < top) this.scroller.scrollTop = pos.y - COLUMN_HEAD_H - CARD_GAP;
    else if (pos.y + CARD_H > this.scroller.scrollTop + this.scroller.clientHeight) this.scroller.scrollTop = pos.y + CARD_H - this.scroller.clientHeight + CARD_GAP;
    if (pos.x < this.scroller.scrollLeft || pos.x + l.columnWidth > this.scroller.scrollLeft + this.scroller.clientWidth) this.scroller.scrollLeft = pos.x - CARD_GAP;
    this.setFocus(id);
  }

  private onKey(e: KeyboardEvent): void {
    const l = this.layout;
    const data = this.data;
    if (!l || !data) return;
    const index = this.focused ? data.cards.findIndex((c) => c[C.id] === this.focused) : -1;
    const at = index >= 0 ? l.where.get(index) : undefined;
    const arrows: Record<string, [number, number]> = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    const dir = arrows[e.key];
    if (!at) {
      if (dir || e.key === 'Home') { e.preventDefault(); this.focusFirst(); }
      return;
    }
    if (dir && e.ctrlKey && e.shiftKey && !e.altKey) {
      e.preventDefault();
      this.keyMove(index, at, dir);
      return;
    }
    if (dir && !e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey) {
      e.preventDefault();
      const next = this.neighbour(at, dir);
      if (next !== undefined) this.focusCard(this.id(next));
      return;
    }
    if (e.key === 'Enter') { e.preventDefault(); this.post({ type: 'reveal', task: this.id(index) }); }
    else if (e.key === ' ') { e.preventDefault(); this.post({ type: 'menu', task: this.id(index) }); }
  }

  private focusFirst(): void {
    const l = this.layout!;
    for (const lane of l.lanes) for (const cell of lane.cells) if (cell.length > 0) { this.focusCard(this.id(cell[0])); return; }
  }

  /** The card an arrow key goes to from (lane, column, row). */
  private neighbour(at: [number, number, number], [dLane, dCol]: [number, number]): number | undefined {
    const l = this.layout!;
    const [lane, col, row] = at;
    if (dCol !== 0) {
      for (let c = col + dCol; c >= 0 && c < l.columns.length; c += dCol) {
        const cell = l.lanes[lane].cells[c];
        if (cell.length > 0) return cell[Math.min(row, cell.length - 1)];
      }
      return undefined;
    }
    const cell = l.lanes[lane].cells[col];
    if (row + dLane >= 0 && row + dLane < cell.length) return cell[row + dLane];
    // Past the end of the cell: the nearest card in the same column of the next lane that has one.
    for (let ln = lane + dLane; ln >= 0 && ln < l.lanes.length; ln += dLane) {
      const other = l.lanes[ln].cells[col];
      if (other.length > 0) return dLane > 0 ? other[0] : other[other.length - 1];
    }
    return undefined;
  }

  /** Ctrl+Shift+arrows: the focused card one column left/right, or one lane up/down. */
  private keyMove(index: number, at: [number, number, number], [dLane, dCol]: [number, number]): void {
    const l = this.layout!;
    const lane = at[0] + dLane;
    const column = at[1] + dCol;
    if (lane < 0 || lane >= l.lanes.length || column < 0 || column >= l.columns.length) return;
    if (dLane !== 0 && this.state.lanes === 'none') { this.announce(l10n.t('No swimlanes: choose lanes by milestone or assignee to move a card between them.')); return; }
    const change = this.changeFor(index, lane, column);
    if (typeof change === 'string') { this.refuse(this.id(index), change); return; }
    if (!change) return;
    const id = this.id(index);
    this.move(index, change);
    this.focusCard(id);
  }
}
