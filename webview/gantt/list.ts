// The side list (id, title, assignee) as a pooled DOM: only the rows in view
// exist, each pooled element is re-bound when its row changes. It is the
// accessible face of the chart: a `tree` with `treeitem`s carrying a full
// aria label, and `aria-activedescendant` pointing at the active row.
// Plan text only ever reaches it through textContent.
import * as l10n from '@vscode/l10n';
import { G, GroupFlag, HEALTH_CODES, NO_DAY, STATUS_CODES, T, TaskFlag } from '../../src/protocol/gantt';
import { ROW_HEIGHT, formatDay, groupOf, isGroupRef } from './layout';
import type { Scene } from './chart';
import { datesText } from './describe';

interface PooledRow {
  el: HTMLDivElement;
  twisty: HTMLSpanElement;
  id: HTMLSpanElement;
  title: HTMLSpanElement;
  who: HTMLSpanElement;
  /** Row index bound to the element, -1 none; `key` detects a changed row behind the same index. */
  row: number;
  key: string;
}

export class SideList {
  private readonly pool: PooledRow[] = [];
  private readonly inner: HTMLDivElement;
  constructor(readonly body: HTMLDivElement) {
    this.inner = document.createElement('div');
    this.inner.className = 'list-inner';
    body.appendChild(this.inner);
  }

  private ensurePool(n: number): void {
    while (this.pool.length < n) {
      const el = document.createElement('div');
      el.className = 'row';
      el.setAttribute('role', 'treeitem');
      el.id = `row-${this.pool.length}`;
      const twisty = document.createElement('span');
      twisty.className = 'twisty';
      twisty.setAttribute('aria-hidden', 'true');
      const id = document.createElement('span');
      id.className = 'id';
      const title = document.createElement('span');
      title.className = 'title';
      const who = document.createElement('span');
      who.className = 'who';
      el.append(twisty, id, title, who);
      this.inner.appendChild(el);
      this.pool.push({ el, twisty, id, title, who, row: -1, key: '' });
    }
  }

  /** Element id showing `row`, for aria-activedescendant (the row must be in view). */
  elementIdFor(row: number): string | undefined {
    return this.pool.find((p) => p.row === row)?.el.id;
  }

  render(s: Scene, first: number, last: number, scrollY: number, height: number, collapsed: ReadonlySet<string>, stamp: number): void {
    const n = Math.ceil(height / ROW_HEIGHT) + 2;
    this.ensurePool(n);
    this.inner.style.transform = `translateY(${-scrollY}px)`;
    const setSize = s.rows.length;
    const lastShown = Math.min(last, s.rows.length - 1);
    for (let r = first; r <= lastShown; r++) {
      const slot = this.pool[r % n];
      const key = `${stamp}:${s.rows[r]}:${r === s.selectedRow ? 1 : 0}`;
      if (slot.row === r && slot.key === key) continue;
      slot.row = r;
      slot.key = key;
      slot.el.hidden = false;
      slot.el.style.transform = `translateY(${r * ROW_HEIGHT}px)`;
      bindRow(slot, s, r, setSize, collapsed);
    }
    this.pool.forEach((slot, i) => {
      if (slot.row !== -1 && (i >= n || slot.row < first || slot.row > lastShown)) { slot.el.hidden = true; slot.row = -1; }
    });
  }
}

function bindRow(slot: PooledRow, s: Scene, r: number, setSize: number, collapsed: ReadonlySet<string>): void {
  const ref = s.rows[r];
  const { el } = slot;
  el.setAttribute('aria-posinset', String(r + 1));
  el.setAttribute('aria-setsize', String(setSize));
  el.setAttribute('aria-selected', String(r === s.selectedRow));
  if (isGroupRef(ref)) {
    const g = s.data.groups[groupOf(ref)];
    const open = !collapsed.has(g[G.id]);
    el.className = `row group${r === s.selectedRow ? ' selected' : ''}`;
    el.setAttribute('aria-level', '1');
    el.setAttribute('aria-expanded', String(open));
    slot.twisty.textContent = open ? '▾' : '▸';
    slot.id.textContent = g[G.id];
    slot.title.textContent = g[G.title];
    slot.who.textContent = g[G.flags] & GroupFlag.backlog ? '' : `${g[G.progress]}%`;
    const health = HEALTH_CODES[g[G.health]];
    el.setAttribute('aria-label', [
      g[G.flags] & GroupFlag.backlog ? l10n.t('Backlog') : l10n.t('Milestone {0}: {1}', g[G.id], g[G.title]),
      g[G.due] !== NO_DAY ? l10n.t('due {0}', formatDay(g[G.due])) : '',
      g[G.forecast] !== NO_DAY ? l10n.t('forecast {0}', formatDay(g[G.forecast])) : '',
      health ? health : '',
      l10n.t('{0}% done', g[G.progress]),
    ].filter(Boolean).join(', '));
  } else {
    const t = s.data.tasks[ref];
    const critical = (t[T.flags] & TaskFlag.critical) !== 0;
    const over = (t[T.flags] & TaskFlag.overAllocated) !== 0;
    el.className = `row task${critical ? ' critical' : ''}${r === s.selectedRow ? ' selected' : ''}`;
    el.setAttribute('aria-level', '2');
    el.removeAttribute('aria-expanded');
    slot.twisty.textContent = '';
    slot.id.textContent = t[T.id];
    slot.title.textContent = t[T.title];
    const person = t[T.assignee] >= 0 ? s.data.people[t[T.assignee]][0] : '';
    slot.who.textContent = over ? `${person} ⚠` : person;
    slot.who.title = over ? l10n.t('{0} is over-allocated while this task runs', person) : '';
    el.setAttribute('aria-label', [
      `${t[T.id]}: ${t[T.title]}`,
      person ? (over ? l10n.t('assigned to {0} (over-allocated)', person) : l10n.t('assigned to {0}', person)) : l10n.t('unassigned'),
      STATUS_CODES[t[T.status]],
      datesText(t, s.planOnly),
      l10n.t('{0}% done', t[T.progress]),
      critical ? l10n.t('on the critical path') : '',
    ].filter(Boolean).join(', '));
  }
}
