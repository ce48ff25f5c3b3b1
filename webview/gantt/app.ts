// The Gantt webview: owns the data and view state, talks to the host, builds
// the DOM and turns pointer/keyboard input into edit requests. Beside it:
// update.ts (incremental data), drag.ts (bar hits, drag dates and preview),
// describe.ts (status line and tooltip text), export.ts (SVG/PNG export),
// chart.ts and layout.ts (drawing and layout math).
import * as l10n from '@vscode/l10n';
import {
  G, GANTT_PROTOCOL_VERSION, NO_DAY, T, ZOOMS,
  validateHostMessage, validateViewState,
  type BaselineRow, type EditOp, type GanttData, type HostMessage, type TaskRow, type ViewState, type WebviewMessage, type Zoom,
} from '../../src/protocol/gantt';
import {
  HEADER_HEIGHT, PX_PER_DAY, ROW_HEIGHT, ChartCalendars, axisTicks, buildRows, dayToX, ensureRowVisible, forwardPass,
  barDays, formatDay, groupOf, groupRef, isGroupRef, planExtent, scrollYForRow, successors, visibleRange, xToDay,
  type Preview, type Visible,
} from './layout';
import { barRect, computeGroupSpans, drawBody, drawHeader, type Scene } from './chart';
import { chartLabel, describePreview, tooltipLines } from './describe';
import { renderExport } from './export';
import { applyUpdate } from './update';
import { dragDates, fixedByCommits, hitBar, type BarHit, type Drag } from './drag';
import { SideList } from './list';
import { CanvasPainter } from './paint';
import { readPalette, watchTheme, type Palette } from './theme';
import { Toolbar } from './toolbar';

export interface VsCodeApi {
  postMessage(msg: WebviewMessage): void;
  getState(): unknown;
  setState(s: unknown): void;
}

export const DEFAULT_STATE: ViewState = {
  zoom: 'week', scrollX: 0, scrollY: 0, collapsed: [], filterText: '', filterAssignee: '', filterStatus: '', criticalOnly: false, baseline: false,
};

function h(tag: string, cls: string, attrs: Record<string, string> = {}): HTMLElement {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

export class GanttApp {
  private data: GanttData | null = null;
  private rev = -1;
  private state: ViewState;
  private scene: Scene | null = null;
  private cals = new ChartCalendars({ calendar: { workdays: [1, 2, 3, 4, 5], holidays: [] }, people: [] });
  private baseline: Map<string, [number, number]> | null = null;
  private baselineLabel = '';
  private drag: Drag | null = null;
  private nextReqId = 1;
  private readonly pending = new Map<number, { preview: Preview; timer: number }>();
  private stamp = 0;
  private saveTimer = 0;
  private frame = 0;
  private palette: Palette | null = null;

  readonly toolbar: Toolbar;
  private readonly listBody: HTMLDivElement;
  private readonly list: SideList;
  private readonly headCanvas: HTMLCanvasElement;
  private readonly bodyCanvas: HTMLCanvasElement;
  readonly scroller: HTMLDivElement;
  private readonly sizer: HTMLDivElement;
  private readonly tooltip: HTMLDivElement;
  private readonly status: HTMLDivElement;
  private readonly alert: HTMLDivElement;
  private readonly empty: HTMLDivElement;
  private readonly note: HTMLDivElement;

  constructor(root: HTMLElement, private readonly vscode: VsCodeApi) {
    const saved = vscode.getState();
    this.state = saved && !validateViewState(saved) ? { ...(saved as ViewState) } : { ...DEFAULT_STATE };
    this.toolbar = new Toolbar(this.state, {
      zoom: (z) => this.setZoom(z),
      fit: () => this.fit(),
      today: () => this.scrollToDay(this.data?.today ?? 0),
      filter: (patch) => { Object.assign(this.state, patch); this.rebuild(); this.save(); },
      baseline: (on) => this.toggleBaseline(on),
      planOnly: (on) => this.setPlanOnly(on),
      exportAs: (f) => this.exportChart(f),
    });
    this.note = h('div', 'note', { role: 'note' }) as HTMLDivElement;
    this.alert = h('div', 'alert', { role: 'alert' }) as HTMLDivElement;
    this.status = h('div', 'status', { role: 'status', 'aria-live': 'polite' }) as HTMLDivElement;
    const main = h('div', 'main');
    const listPane = h('div', 'list');
    const listHead = h('div', 'list-head', { 'aria-hidden': 'true' });
    for (const [cls, text] of [['id', l10n.t('Id')], ['title', l10n.t('Title')], ['who', l10n.t('Assignee')]]) {
      const s = h('span', cls);
      s.textContent = text;
      listHead.appendChild(s);
    }
    this.listBody = h('div', 'list-body', { role: 'tree', 'aria-label': l10n.t('Tasks by milestone'), tabindex: '0' }) as HTMLDivElement;
    listPane.append(listHead, this.listBody);
    this.list = new SideList(this.listBody);
    const chart = h('div', 'chart');
    this.headCanvas = h('canvas', 'head', { 'aria-hidden': 'true' }) as HTMLCanvasElement;
    this.bodyCanvas = h('canvas', 'body', { role: 'img', 'aria-label': chartLabel(this.state.planOnly === true) }) as HTMLCanvasElement;
    this.scroller = h('div', 'scroller') as HTMLDivElement;
    this.sizer = h('div', 'sizer') as HTMLDivElement;
    this.scroller.appendChild(this.sizer);
    this.empty = h('div', 'empty') as HTMLDivElement;
    chart.append(this.headCanvas, this.bodyCanvas, this.scroller, this.empty);
    main.append(listPane, chart);
    this.tooltip = h('div', 'tooltip', { role: 'tooltip' }) as HTMLDivElement;
    this.tooltip.hidden = true;
    root.append(this.toolbar.root, this.note, this.alert, main, this.status, this.tooltip);
    this.note.hidden = true;
    this.alert.hidden = true;

    this.scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    this.listBody.addEventListener('wheel', (e) => { this.scroller.scrollTop += e.deltaY; e.preventDefault(); }, { passive: false });
    this.listBody.addEventListener('keydown', (e) => this.onKey(e));
    this.listBody.addEventListener('click', (e) => this.onListClick(e));
    this.scroller.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    this.scroller.addEventListener('pointermove', (e) => this.onPointerMove(e));
    this.scroller.addEventListener('pointerup', (e) => this.onPointerUp(e));
    this.scroller.addEventListener('pointerleave', () => { this.tooltip.hidden = true; this.setHover(-1); });
    this.scroller.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => this.renderNow()).observe(chart);
    watchTheme(() => {
      this.palette = readPalette();
      if (this.scene) { this.scene.pal = this.palette; this.bp?.reset(); this.hp?.reset(); this.renderNow(); }
    });
  }

  start(): void {
    // Warm up before the data arrives (the host is computing the schedule
    // meanwhile): theme colours, canvas contexts and an empty frame.
    this.palette = readPalette();
    const w = this.scroller.clientWidth;
    const hgt = this.scroller.clientHeight;
    const dpr = window.devicePixelRatio || 1;
    sizeCanvas(this.bodyCanvas, w, hgt, dpr);
    sizeCanvas(this.headCanvas, w, HEADER_HEIGHT, dpr);
    const body = this.bodyPainter(this.bodyCanvas.getContext('2d') as CanvasRenderingContext2D);
    body.rect(0, 0, w, hgt, this.palette.background);
    body.measure('0', this.palette.font);
    this.headPainter(this.headCanvas.getContext('2d') as CanvasRenderingContext2D).rect(0, 0, w, HEADER_HEIGHT, this.palette.headerBackground);
    this.post({ type: 'ready', v: GANTT_PROTOCOL_VERSION });
  }

  private post(m: WebviewMessage): void {
    this.vscode.postMessage(m);
  }

  // -------------------------------------------------------------------------
  // Messages from the host

  onMessage(raw: unknown): void {
    const counts = this.data ? { groups: this.data.groups.length, people: this.data.people.length } : undefined;
    const err = validateHostMessage(raw, counts);
    if (err) {
      // An update we cannot apply (e.g. the group list changed): ask for everything again.
      if ((raw as { type?: unknown })?.type === 'update') this.post({ type: 'resync', reason: err });
      this.showAlert(l10n.t('Ignored a message from the extension: {0}', err));
      return;
    }
    const m = raw as HostMessage;
    switch (m.type) {
      case 'init':
        this.rev = m.rev;
        this.setData(m.data);
        if (m.focus) this.focusId(m.focus);
        break;
      case 'update':
        if (!this.data || m.baseRev !== this.rev) { this.post({ type: 'resync', reason: `update ${m.baseRev} does not follow ${this.rev}` }); return; }
        this.rev = m.rev;
        this.setData(applyUpdate(this.data, m));
        break;
      case 'editResult': {
        const p = this.pending.get(m.reqId);
        if (!p) return;
        if (!m.ok) {
          // Refused: the bar snaps back and the reason stays visible.
          window.clearTimeout(p.timer);
          this.pending.delete(m.reqId);
          this.showAlert(m.reason);
          this.status.textContent = '';
          this.renderSoon();
        }
        // Applied: keep showing the new dates until the plan update arrives.
        break;
      }
      case 'focus':
        this.focusId(m.id);
        break;
      case 'baseline':
        if (m.label === null) {
          this.baseline = null;
          this.baselineLabel = '';
          this.state.baseline = false;
          this.toolbar.setBaseline(false);
          if (m.reason) this.showAlert(m.reason);
        } else {
          this.baseline = new Map(m.rows.map((r: BaselineRow) => [r[0], [r[1], r[2]]]));
          this.baselineLabel = m.label;
          this.state.baseline = true;
          this.toolbar.setBaseline(true);
          this.status.textContent = l10n.t('Baseline: {0} ({1} tasks)', m.label, m.rows.length);
        }
        this.save();
        this.rebuild();
        break;
      case 'requestExport':
        this.exportChart(m.format);
        break;
    }
  }

  private setData(data: GanttData): void {
    this.data = data;
    // A plan update answers every edit in flight.
    for (const p of this.pending.values()) window.clearTimeout(p.timer);
    this.pending.clear();
    this.cals = new ChartCalendars(data);
    this.toolbar.setPeople(data.people, this.state.filterAssignee);
    this.note.hidden = data.note === '';
    this.note.textContent = data.note;
    const first = this.scene === null;
    this.scene = {
      data, rows: [], rowOfTask: new Int32Array(0), groupSpans: computeGroupSpans(data, this.state.planOnly === true), planOnly: this.state.planOnly === true, extent: { origin: 0, days: 1 },
      pxPerDay: PX_PER_DAY[this.state.zoom], zoom: this.state.zoom, cal: this.cals.plan, pal: this.scene?.pal ?? this.palette ?? readPalette(),
      succ: successors(data), baseline: null, preview: null, selectedRow: this.scene?.selectedRow ?? -1, hoverRow: -1, link: null,
    };
    this.rebuild(false);
    if (first) {
      if (this.state.scrollX === 0 && this.state.scrollY === 0) this.scrollToDay(data.today, false);
      else { this.scroller.scrollLeft = this.state.scrollX; this.scroller.scrollTop = this.state.scrollY; }
    }
    this.renderNow();
  }

  /** Recomputes rows and extents after data, filter, collapse or zoom changes. */
  private rebuild(render = true): void {
    const s = this.scene;
    const data = this.data;
    if (!s || !data) return;
    const collapsed = new Set(this.state.collapsed);
    const selectedRef = s.selectedRow >= 0 ? s.rows[s.selectedRow] : undefined;
    s.rows = buildRows(data, collapsed, {
      text: this.state.filterText, assignee: this.state.filterAssignee, status: this.state.filterStatus, criticalOnly: this.state.criticalOnly,
    });
    s.rowOfTask = new Int32Array(data.tasks.length).fill(-1);
    s.rows.forEach((r, i) => { if (!isGroupRef(r)) s.rowOfTask[r] = i; });
    s.selectedRow = selectedRef === undefined ? -1 : s.rows.indexOf(selectedRef);
    const extra: number[] = [];
    if (this.baseline && this.state.baseline) for (const [a, b] of this.baseline.values()) { extra.push(a, b); }
    s.extent = planExtent(data, extra);
    s.pxPerDay = PX_PER_DAY[this.state.zoom];
    s.zoom = this.state.zoom;
    s.baseline = this.state.baseline ? this.baseline : null;
    this.sizer.style.width = `${Math.ceil(s.extent.days * s.pxPerDay)}px`;
    this.sizer.style.height = `${s.rows.length * ROW_HEIGHT}px`;
    this.empty.hidden = s.rows.length > 0;
    this.empty.textContent = data.tasks.length === 0 ? l10n.t('This plan has no tasks yet.') : l10n.t('No task matches the filter.');
    this.stamp++;
    if (render) this.renderNow();
  }

  // -------------------------------------------------------------------------
  // Rendering

  private renderSoon(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this.renderNow(); });
  }

  private visible(): Visible | null {
    const s = this.scene;
    if (!s) return null;
    return visibleRange(
      { scrollX: this.scroller.scrollLeft, scrollY: this.scroller.scrollTop, width: this.scroller.clientWidth, height: this.scroller.clientHeight },
      s.rows.length, s.extent, s.pxPerDay,
    );
  }

  /** Draws the visible window now (first render, scroll frames). */
  renderNow(): void {
    const s = this.scene;
    const vis = this.visible();
    if (!s || !vis) return;
    const w = this.scroller.clientWidth;
    const hgt = this.scroller.clientHeight;
    const dpr = window.devicePixelRatio || 1;
    if (sizeCanvas(this.bodyCanvas, w, hgt, dpr)) this.bp?.reset();
    if (sizeCanvas(this.headCanvas, w, HEADER_HEIGHT, dpr)) this.hp?.reset();
    const ticks = axisTicks(s.zoom, vis.firstDay, vis.lastDay);
    s.preview = this.currentPreview();
    const ox = this.scroller.scrollLeft;
    const oy = this.scroller.scrollTop;
    const body = this.bodyCanvas.getContext('2d') as CanvasRenderingContext2D;
    body.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawBody(this.bodyPainter(body), s, vis, ox, oy, w, hgt, ticks);
    const head = this.headCanvas.getContext('2d') as CanvasRenderingContext2D;
    head.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawHeader(this.headPainter(head), s, vis, ox, w, ticks);
    this.list.render(s, vis.firstRow, vis.lastRow, oy, hgt, new Set(this.state.collapsed), this.stamp);
    const active = s.selectedRow >= 0 ? this.list.elementIdFor(s.selectedRow) : undefined;
    if (active) this.listBody.setAttribute('aria-activedescendant', active); else this.listBody.removeAttribute('aria-activedescendant');
  }

  private bp: CanvasPainter | null = null;
  private hp: CanvasPainter | null = null;
  private bodyPainter(ctx: CanvasRenderingContext2D): CanvasPainter {
    if (this.bp?.ctx !== ctx) this.bp = new CanvasPainter(ctx);
    return this.bp;
  }
  private headPainter(ctx: CanvasRenderingContext2D): CanvasPainter {
    if (this.hp?.ctx !== ctx) this.hp = new CanvasPainter(ctx);
    return this.hp;
  }

  private currentPreview(): Preview | null {
    if (this.drag && this.drag.kind !== 'link' && this.drag.preview) return this.drag.preview;
    let last: Preview | null = null;
    for (const p of this.pending.values()) last = p.preview;
    return last;
  }

  private onScroll(): void {
    this.tooltip.hidden = true;
    this.renderNow();
    this.state.scrollX = Math.round(this.scroller.scrollLeft);
    this.state.scrollY = Math.round(this.scroller.scrollTop);
    this.save();
  }

  private save(): void {
    if (this.saveTimer) return;
    this.saveTimer = window.setTimeout(() => {
      this.saveTimer = 0;
      this.vscode.setState({ ...this.state });
      this.post({ type: 'state', state: { ...this.state, collapsed: [...this.state.collapsed] } });
    }, 300);
  }

  // -------------------------------------------------------------------------
  // Navigation

  setZoom(z: Zoom): void {
    const s = this.scene;
    if (!ZOOMS.includes(z)) return;
    if (!s) { this.state.zoom = z; return; }
    // Keep the day in the middle of the view where it is.
    const w = this.scroller.clientWidth;
    const center = xToDay(this.scroller.scrollLeft + w / 2, s.extent, s.pxPerDay);
    this.state.zoom = z;
    this.toolbar.setZoom(z);
    this.rebuild(false);
    this.scroller.scrollLeft = Math.max(0, dayToX(center, s.extent, s.pxPerDay) - w / 2);
    this.renderNow();
    this.save();
  }

  /** The widest zoom at which the whole plan fits, scrolled to its start. */
  fit(): void {
    const s = this.scene;
    if (!s) return;
    const w = this.scroller.clientWidth;
    const z = ZOOMS.find((zz) => s.extent.days * PX_PER_DAY[zz] <= w) ?? 'quarter';
    this.setZoom(z);
    this.scroller.scrollLeft = 0;
    this.scroller.scrollTop = 0;
  }

  scrollToDay(day: number, render = true): void {
    const s = this.scene;
    if (!s) return;
    this.scroller.scrollLeft = Math.max(0, dayToX(day, s.extent, s.pxPerDay) - this.scroller.clientWidth / 3);
    if (render) this.renderNow();
  }

  /** Scrolls to a milestone or task (expanding and unfiltering as needed) and selects it. */
  focusId(id: string): void {
    const s = this.scene;
    const data = this.data;
    if (!s || !data) return;
    const g = data.groups.findIndex((gr) => gr[G.id] === id);
    const ti = s.succ.taskIndex.get(id);
    let ref: number;
    if (g >= 0) ref = groupRef(g);
    else if (ti !== undefined) {
      ref = ti;
      const gid = data.groups[data.tasks[ti][T.group]][G.id];
      this.state.collapsed = this.state.collapsed.filter((c) => c !== gid);
      if (!s.rows.includes(ti)) Object.assign(this.state, { filterText: '', filterAssignee: '', filterStatus: '', criticalOnly: false });
      this.toolbar.setFilters(this.state);
    } else return;
    this.rebuild(false);
    const row = s.rows.indexOf(ref);
    if (row < 0) return;
    s.selectedRow = row;
    this.scroller.scrollTop = scrollYForRow(row, this.scroller.clientHeight, s.rows.length);
    const day = g >= 0 ? (s.groupSpans[g * 2] !== NO_DAY ? s.groupSpans[g * 2] : data.groups[g][G.due]) : barDays(data.tasks[ref], s.planOnly)[0];
    if (day !== NO_DAY) this.scrollToDay(day, false);
    this.renderNow();
    this.save();
  }

  private select(row: number, reveal: boolean): void {
    const s = this.scene;
    if (!s || row < 0 || row >= s.rows.length) return;
    s.selectedRow = row;
    this.scroller.scrollTop = ensureRowVisible(row, this.scroller.scrollTop, this.scroller.clientHeight);
    const ref = s.rows[row];
    if (!isGroupRef(ref)) {
      const t = s.data.tasks[ref];
      // Bring the bar into view horizontally when it is off screen.
      const bar = barRect(s, ref, row);
      if (bar) {
        const l = this.scroller.scrollLeft;
        if (bar.x2 < l || bar.x1 > l + this.scroller.clientWidth) this.scroller.scrollLeft = Math.max(0, bar.x1 - this.scroller.clientWidth / 3);
      }
      if (reveal) this.post({ type: 'reveal', task: t[T.id] });
    }
    this.renderNow();
  }

  private toggleGroup(row: number): void {
    const s = this.scene;
    if (!s || !isGroupRef(s.rows[row])) return;
    const id = s.data.groups[groupOf(s.rows[row])][G.id];
    const set = new Set(this.state.collapsed);
    if (set.has(id)) set.delete(id); else set.add(id);
    this.state.collapsed = [...set];
    this.rebuild();
    this.save();
  }

  private onListClick(e: MouseEvent): void {
    const s = this.scene;
    if (!s) return;
    const rect = this.listBody.getBoundingClientRect();
    const row = Math.floor((e.clientY - rect.top + this.scroller.scrollTop) / ROW_HEIGHT);
    if (row < 0 || row >= s.rows.length) return;
    if (isGroupRef(s.rows[row])) { this.select(row, false); this.toggleGroup(row); }
    else this.select(row, true);
    this.listBody.focus();
  }

  private onKey(e: KeyboardEvent): void {
    const s = this.scene;
    if (!s) return;
    const row = s.selectedRow;
    const ref = row >= 0 ? s.rows[row] : undefined;
    const page = Math.max(1, Math.floor(this.scroller.clientHeight / ROW_HEIGHT) - 1);
    let handled = true;
    if (this.drag && e.key === 'Escape') { this.cancelDrag(); }
    else if (e.altKey && ref !== undefined && !isGroupRef(ref) && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      // Keyboard editing: Alt+arrows move the start, Shift+Alt+arrows change the estimate.
      this.keyboardEdit(ref, e.key === 'ArrowRight' ? 1 : -1, e.shiftKey);
    } else switch (e.key) {
      case 'ArrowDown': this.select(Math.min(s.rows.length - 1, row + 1), false); break;
      case 'ArrowUp': this.select(Math.max(0, row - 1), false); break;
      case 'PageDown': this.select(Math.min(s.rows.length - 1, row + page), false); break;
      case 'PageUp': this.select(Math.max(0, row - page), false); break;
      case 'Home': this.select(0, false); break;
      case 'End': this.select(s.rows.length - 1, false); break;
      case 'ArrowLeft':
        if (ref !== undefined && isGroupRef(ref) && !this.state.collapsed.includes(s.data.groups[groupOf(ref)][G.id])) this.toggleGroup(row);
        else if (ref !== undefined && !isGroupRef(ref)) this.select(s.rows.lastIndexOf(groupRef(s.data.tasks[ref][T.group]), row), false);
        else this.scroller.scrollLeft -= 7 * s.pxPerDay;
        break;
      case 'ArrowRight':
        if (ref !== undefined && isGroupRef(ref) && this.state.collapsed.includes(s.data.groups[groupOf(ref)][G.id])) this.toggleGroup(row);
        else this.scroller.scrollLeft += 7 * s.pxPerDay;
        break;
      case 'Enter':
      case ' ':
        if (ref !== undefined && isGroupRef(ref)) this.toggleGroup(row);
        else if (ref !== undefined) this.post({ type: 'reveal', task: s.data.tasks[ref][T.id] });
        break;
      case '+': case '=': this.setZoom(ZOOMS[Math.max(0, ZOOMS.indexOf(this.state.zoom) - 1)]); break;
      case '-': case '_': this.setZoom(ZOOMS[Math.min(ZOOMS.length - 1, ZOOMS.indexOf(this.state.zoom) + 1)]); break;
      case 't': this.scrollToDay(s.data.today); break;
      case 'f': this.fit(); break;
      default: handled = false;
    }
    if (handled) e.preventDefault();
  }

  private keyboardEdit(task: number, dir: number, estimate: boolean): void {
    const s = this.scene;
    if (!s) return;
    const t = s.data.tasks[task];
    // The bar as drawn (forecast or plan) is what moves.
    const [from, to] = barDays(t, s.planOnly);
    if (from === NO_DAY) return;
    if (this.refuseFixed(t, estimate ? 'resize' : 'move')) return;
    const cal = this.cals.forPerson(t[T.assignee]);
    const days = cal.count(from, to);
    if (estimate) {
      const nd = Math.max(1, days + dir);
      const finish = cal.finishAfter(from, nd);
      this.sendEdit({ op: 'estimate', task: t[T.id], days: nd }, forwardPass(s.data, s.succ, this.cals, task, from, finish, s.planOnly));
    } else {
      let start = from + dir;
      while (!cal.isWorkday(start)) start += dir;
      const finish = cal.finishAfter(start, days);
      this.sendEdit({ op: 'move', task: t[T.id], start }, forwardPass(s.data, s.succ, this.cals, task, start, finish, s.planOnly));
    }
  }

  // -------------------------------------------------------------------------
  // Pointer: hover, click, drag to move / resize / link

  private chartPoint(e: MouseEvent): { x: number; y: number; row: number } {
    const r = this.scroller.getBoundingClientRect();
    const x = e.clientX - r.left + this.scroller.scrollLeft;
    const y = e.clientY - r.top + this.scroller.scrollTop;
    return { x, y, row: Math.floor(y / ROW_HEIGHT) };
  }

  private hit(x: number, row: number): BarHit | null {
    return this.scene ? hitBar(this.scene, x, row) : null;
  }

  private setHover(row: number): void {
    if (this.scene && this.scene.hoverRow !== row) { this.scene.hoverRow = row; this.renderSoon(); }
  }

  private onPointerDown(e: PointerEvent): void {
    const s = this.scene;
    if (!s || e.button !== 0) return;
    const p = this.chartPoint(e);
    this.listBody.focus({ preventScroll: true });
    const hit = this.hit(p.x, p.row);
    if (!hit) { if (p.row < s.rows.length) this.select(p.row, false); return; }
    this.scroller.setPointerCapture(e.pointerId);
    const [start, finish] = barDays(s.data.tasks[hit.task], s.planOnly);
    this.drag = hit.part === 'link'
      ? { kind: 'link', task: hit.task, x0: p.x, moved: false }
      : { kind: hit.part, task: hit.task, x0: p.x, moved: false, start, finish, preview: null };
    this.tooltip.hidden = true;
    e.preventDefault();
  }

  private onPointerMove(e: PointerEvent): void {
    const s = this.scene;
    if (!s) return;
    const p = this.chartPoint(e);
    const d = this.drag;
    if (!d) {
      const hit = this.hit(p.x, p.row);
      this.scroller.style.cursor = hit ? (hit.part === 'move' ? 'grab' : hit.part === 'resize' ? 'ew-resize' : 'crosshair') : '';
      this.setHover(p.row < s.rows.length ? p.row : -1);
      this.showTooltip(e, p.row);
      return;
    }
    if (!d.moved && Math.abs(p.x - d.x0) < 3) return;
    const t = s.data.tasks[d.task];
    if (!d.moved && d.kind !== 'link' && this.refuseFixed(t, d.kind)) { this.drag = null; return; }
    d.moved = true;
    if (d.kind === 'link') {
      const target = this.hit(p.x, p.row);
      s.link = { from: d.task, x: p.x, y: p.y, target: target && target.task !== d.task ? target.task : -1 };
      this.status.textContent = s.link.target >= 0
        ? l10n.t('{0} will depend on {1}', s.data.tasks[s.link.target][T.id], t[T.id])
        : l10n.t('Drop on the task that must wait for {0}', t[T.id]);
      this.renderNow();
      return;
    }
    const { preview, cal } = dragDates(s, this.cals, d, p.x);
    this.status.textContent = describePreview(s, d.task, preview, cal);
    this.renderNow();
  }

  private onPointerUp(e: PointerEvent): void {
    const s = this.scene;
    const d = this.drag;
    if (!s || !d) return;
    this.drag = null;
    if (this.scroller.hasPointerCapture(e.pointerId)) this.scroller.releasePointerCapture(e.pointerId);
    const t = s.data.tasks[d.task];
    if (!d.moved) {
      // A click: select and reveal the task in the tree and in project.yml.
      this.select(s.rowOfTask[d.task], true);
      return;
    }
    if (d.kind === 'link') {
      const target = s.link?.target ?? -1;
      s.link = null;
      this.status.textContent = '';
      if (target >= 0) {
        const tt = s.data.tasks[target];
        if (tt[T.deps].includes(t[T.id])) this.showAlert(l10n.t('{0} already depends on {1}.', tt[T.id], t[T.id]));
        else this.sendEdit({ op: 'depend', task: tt[T.id], dependsOn: t[T.id] }, null);
      }
      this.renderNow();
      return;
    }
    const [start, finish] = barDays(t, s.planOnly);
    if (d.start === start && d.finish === finish) { this.cancelDrag(); return; }
    const preview = d.preview ?? forwardPass(s.data, s.succ, this.cals, d.task, d.start, d.finish, s.planOnly);
    if (d.kind === 'move') this.sendEdit({ op: 'move', task: t[T.id], start: d.start }, preview);
    else this.sendEdit({ op: 'estimate', task: t[T.id], days: this.cals.forPerson(t[T.assignee]).count(d.start, d.finish) }, preview);
  }

  /** Says why a bar whose drawn dates come from the commits does not move that way (drag.ts, fixedByCommits); true when refused. */
  private refuseFixed(t: TaskRow, part: 'move' | 'resize'): boolean {
    const why = this.scene ? fixedByCommits(t, this.scene.planOnly, part) : null;
    if (why === 'done') this.showAlert(l10n.t('{0} is done: the chart draws it at the dates of its commits. Press Plan to change its planned dates.', t[T.id]));
    else if (why === 'started') this.showAlert(l10n.t('{0} started on {1}, its first commit: the chart draws it from there. Drag its end to change the estimate, or press Plan to move its planned start.', t[T.id], formatDay(t[T.actualStart])));
    return why !== null;
  }

  private cancelDrag(): void {
    this.drag = null;
    if (this.scene) this.scene.link = null;
    this.status.textContent = '';
    this.renderNow();
  }

  private sendEdit(op: EditOp, preview: Preview | null): void {
    const reqId = this.nextReqId++;
    if (preview) {
      // Until the host answers (or 5 s pass), show the edited dates.
      const timer = window.setTimeout(() => { this.pending.delete(reqId); this.renderSoon(); }, 5000);
      this.pending.set(reqId, { preview, timer });
    }
    this.post({ type: 'edit', reqId, ...op } as WebviewMessage);
    this.renderNow();
  }

  // -------------------------------------------------------------------------
  // Tooltip (text only)

  private showTooltip(e: MouseEvent, row: number): void {
    const s = this.scene;
    if (!s || row < 0 || row >= s.rows.length) { this.tooltip.hidden = true; return; }
    const lines = tooltipLines(s, s.rows[row], this.cals);
    this.tooltip.replaceChildren();
    lines.forEach((l, i) => {
      const div = document.createElement('div');
      if (i === 0) div.className = 'tt-title';
      div.textContent = l;
      this.tooltip.appendChild(div);
    });
    this.tooltip.hidden = false;
    const x = Math.min(e.clientX + 14, window.innerWidth - this.tooltip.offsetWidth - 4);
    const y = e.clientY + 18 + this.tooltip.offsetHeight > window.innerHeight ? e.clientY - this.tooltip.offsetHeight - 8 : e.clientY + 18;
    this.tooltip.style.left = `${Math.max(0, x)}px`;
    this.tooltip.style.top = `${Math.max(0, y)}px`;
  }

  private alertTimer = 0;
  private showAlert(text: string): void {
    this.alert.textContent = text;
    this.alert.hidden = false;
    window.clearTimeout(this.alertTimer);
    this.alertTimer = window.setTimeout(() => { this.alert.hidden = true; }, 8000);
  }

  // -------------------------------------------------------------------------
  // Baseline and export

  private toggleBaseline(on: boolean): void {
    this.state.baseline = on;
    if (on && !this.baseline) this.post({ type: 'pickBaseline' });
    this.save();
    this.rebuild();
    if (on && this.baselineLabel) this.status.textContent = l10n.t('Baseline: {0}', this.baselineLabel);
  }

  /** Forecast bars with planned ghosts, or the pure plan; kept in the view state across reloads. */
  setPlanOnly(on: boolean): void {
    this.state.planOnly = on;
    this.toolbar.setPlanOnly(on);
    this.bodyCanvas.setAttribute('aria-label', chartLabel(on));
    const s = this.scene;
    if (s) { s.planOnly = on; s.groupSpans = computeGroupSpans(s.data, on); }
    this.status.textContent = on ? l10n.t('Showing the pure plan: bars at the planned dates.') : l10n.t('Showing the forecast: bars at the forecast dates, planned dates as thin grey bars.');
    this.save();
    this.rebuild();
  }

  /** Draws the whole chart (all rows, all days, with the task list) and posts it to the host to save. */
  exportChart(format: 'svg' | 'png'): void {
    const s = this.scene;
    if (!s) return;
    this.post({ type: 'export', format, data: renderExport(s, format) });
    this.status.textContent = l10n.t('Exported {0} ({1} rows).', format.toUpperCase(), s.rows.length);
  }
}

/** Resizes a canvas's backing store to its CSS size; true when it changed (the context state is then reset). */
function sizeCanvas(c: HTMLCanvasElement, w: number, h: number, dpr: number): boolean {
  const pw = Math.max(1, Math.round(w * dpr));
  const ph = Math.max(1, Math.round(h * dpr));
  if (c.width === pw && c.height === ph) return false;
  c.width = pw;
  c.height = ph;
  c.style.width = `${w}px`;
  c.style.height = `${h}px`;
  return true;
}
