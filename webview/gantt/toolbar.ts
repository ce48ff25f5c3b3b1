// The toolbar, built from @vscode-elements/elements so it looks native in every
// theme. Only the elements used are imported (each registers its custom tag).
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import { STATUS_CODES, ZOOMS, type PersonRow, type ViewState, type Zoom } from '../../src/protocol/gantt';

function zoomLabel(zoom: Zoom): string {
  switch (zoom) {
    case 'day': return l10n.t('Day');
    case 'week': return l10n.t('Week');
    case 'month': return l10n.t('Month');
    default: return l10n.t('Quarter');
  }
}

export interface ToolbarActions {
  zoom(z: Zoom): void;
  fit(): void;
  today(): void;
  filter(patch: Partial<Pick<ViewState, 'filterText' | 'filterAssignee' | 'filterStatus' | 'criticalOnly'>>): void;
  baseline(on: boolean): void;
  /** Show the pure plan (true) or the forecast with planned ghosts (false). */
  planOnly(on: boolean): void;
  exportAs(format: 'svg' | 'png'): void;
}

type ValueEl = HTMLElement & { value: string };
type CheckEl = HTMLElement & { checked: boolean };

function el<K extends string>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function select(label: string, options: [string, string][], value: string): ValueEl {
  const s = el('vscode-single-select', { 'aria-label': label, title: label }) as ValueEl;
  for (const [v, text] of options) {
    const o = el('vscode-option', { value: v }, text);
    if (v === value) o.setAttribute('selected', '');
    s.appendChild(o);
  }
  return s;
}


export class Toolbar {
  readonly root: HTMLElement;
  private readonly zoomSel: ValueEl;
  private readonly assigneeSel: ValueEl;
  private readonly statusSel: ValueEl;
  private readonly text: ValueEl;
  private readonly critical: CheckEl;
  private readonly baselineBox: CheckEl;
  private readonly planButton: HTMLElement;
  private peopleKey = '';

  constructor(state: ViewState, actions: ToolbarActions) {
    this.root = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': l10n.t('Gantt chart') });
    this.zoomSel = select(l10n.t('Zoom'), ZOOMS.map((z) => [z, zoomLabel(z)]), state.zoom);
    this.zoomSel.addEventListener('change', () => actions.zoom(this.zoomSel.value as Zoom));
    const fit = el('vscode-button', { secondary: '', title: l10n.t('Fit the whole plan') }, l10n.t('Fit'));
    fit.addEventListener('click', () => actions.fit());
    const today = el('vscode-button', { secondary: '', title: l10n.t('Scroll to today') }, l10n.t('Today'));
    today.addEventListener('click', () => actions.today());
    this.text = el('vscode-textfield', { placeholder: l10n.t('Filter by id or title'), 'aria-label': l10n.t('Filter by id or title') }) as ValueEl;
    this.text.value = state.filterText;
    this.text.addEventListener('input', () => actions.filter({ filterText: this.text.value }));
    this.assigneeSel = select(l10n.t('Assignee'), [['', l10n.t('All people')]], state.filterAssignee);
    this.assigneeSel.addEventListener('change', () => actions.filter({ filterAssignee: this.assigneeSel.value }));
    this.statusSel = select(l10n.t('Status'), [['', l10n.t('Any status')], ...STATUS_CODES.map((s): [string, string] => [s, s])], state.filterStatus);
    this.statusSel.addEventListener('change', () => actions.filter({ filterStatus: this.statusSel.value }));
    this.critical = el('vscode-checkbox', { label: l10n.t('Critical path only') }) as CheckEl;
    this.critical.checked = state.criticalOnly;
    this.critical.addEventListener('change', () => actions.filter({ criticalOnly: this.critical.checked }));
    this.baselineBox = el('vscode-checkbox', { label: l10n.t('Baseline') }) as CheckEl;
    this.baselineBox.checked = state.baseline;
    this.baselineBox.addEventListener('change', () => actions.baseline(this.baselineBox.checked));
    // A toggle button (aria-pressed): pressed draws the pure plan instead of the forecast.
    this.planButton = el('vscode-button', { title: l10n.t('Draw the pure plan (planned dates) instead of the forecast'), 'aria-label': l10n.t('Plan only') }, l10n.t('Plan'));
    this.setPlanOnly(state.planOnly === true);
    this.planButton.addEventListener('click', () => actions.planOnly(this.planButton.getAttribute('aria-pressed') !== 'true'));
    const svg = el('vscode-button', { secondary: '', title: l10n.t('Export the chart as SVG') }, 'SVG');
    svg.addEventListener('click', () => actions.exportAs('svg'));
    const png = el('vscode-button', { secondary: '', title: l10n.t('Export the chart as PNG') }, 'PNG');
    png.addEventListener('click', () => actions.exportAs('png'));
    // The two export buttons wrap together, never one alone on a line.
    const exports = el('span', { class: 'export' });
    exports.append(svg, png);
    this.root.append(this.zoomSel, fit, today, this.text, this.assigneeSel, this.statusSel, this.critical, this.baselineBox, this.planButton, exports);
  }

  setZoom(z: Zoom): void {
    if (this.zoomSel.value !== z) this.zoomSel.value = z;
  }
  setPlanOnly(on: boolean): void {
    this.planButton.setAttribute('aria-pressed', String(on));
    // Pressed looks like a primary button, so the state is visible without reading the attribute.
    this.planButton.toggleAttribute('secondary', !on);
  }
  setBaseline(on: boolean): void {
    if (this.baselineBox.checked !== on) this.baselineBox.checked = on;
  }
  setFilters(s: ViewState): void {
    if (this.text.value !== s.filterText) this.text.value = s.filterText;
    if (this.assigneeSel.value !== s.filterAssignee) this.assigneeSel.value = s.filterAssignee;
    if (this.statusSel.value !== s.filterStatus) this.statusSel.value = s.filterStatus;
    if (this.critical.checked !== s.criticalOnly) this.critical.checked = s.criticalOnly;
  }

  /** Rebuilds the assignee options when the plan's people change. */
  setPeople(people: readonly PersonRow[], selected: string): void {
    const key = people.map((p) => p[0]).join('\u0000');
    if (key === this.peopleKey) return;
    this.peopleKey = key;
    this.assigneeSel.replaceChildren();
    for (const [v, text] of [['', l10n.t('All people')] as [string, string], ...people.map((p): [string, string] => [p[0], p[1] || p[0]])]) {
      const o = el('vscode-option', { value: v }, text);
      if (v === selected) o.setAttribute('selected', '');
      this.assigneeSel.appendChild(o);
    }
  }
}
