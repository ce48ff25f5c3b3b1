// The board's toolbar from @vscode-elements/elements (native look in every
// theme): swimlanes, filters, "mine", show dropped. Option lists are rebuilt
// only when the plan's people, milestones, sprints or tags change.
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import { LANES, type BoardData, type BoardViewState, type Lanes, type NamedRow } from '../../src/protocol/board';

export type FilterPatch = Partial<Omit<BoardViewState, 'file' | 'scrollY'>>;

type ValueEl = HTMLElement & { value: string };
type CheckEl = HTMLElement & { checked: boolean };

function el(tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function fillOptions(s: ValueEl, options: [string, string][], value: string): void {
  s.replaceChildren();
  for (const [v, text] of options) {
    const o = el('vscode-option', { value: v }, text);
    if (v === value) o.setAttribute('selected', '');
    s.appendChild(o);
  }
  s.value = value;
}

const LANE_LABELS: Record<Lanes, string> = { none: l10n.t('No swimlanes'), milestone: l10n.t('Lanes: milestone'), assignee: l10n.t('Lanes: assignee'), sprint: l10n.t('Lanes: sprint') };

export class Toolbar {
  readonly root: HTMLElement;
  private readonly lanes: ValueEl;
  private readonly text: ValueEl;
  private readonly assignee: ValueEl;
  private readonly milestone: ValueEl;
  private readonly sprint: ValueEl;
  private readonly tag: ValueEl;
  private readonly mine: CheckEl;
  private readonly dropped: CheckEl;
  private keys = '';

  constructor(state: BoardViewState, onChange: (patch: FilterPatch) => void) {
    this.root = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': l10n.t('Board') });
    const select = (label: string): ValueEl => el('vscode-single-select', { 'aria-label': label, title: label }) as ValueEl;
    this.lanes = select(l10n.t('Swimlanes'));
    fillOptions(this.lanes, LANES.map((l) => [l, LANE_LABELS[l]]), state.lanes);
    this.lanes.addEventListener('change', () => onChange({ lanes: this.lanes.value as Lanes }));
    this.text = el('vscode-textfield', { placeholder: l10n.t('Filter by id or title'), 'aria-label': l10n.t('Filter by id or title') }) as ValueEl;
    this.text.value = state.text;
    this.text.addEventListener('input', () => onChange({ text: this.text.value }));
    this.assignee = select(l10n.t('Assignee'));
    this.milestone = select(l10n.t('Milestone'));
    this.sprint = select(l10n.t('Sprint'));
    this.tag = select(l10n.t('Tag'));
    this.assignee.addEventListener('change', () => onChange({ assignee: this.assignee.value }));
    this.milestone.addEventListener('change', () => onChange({ milestone: this.milestone.value }));
    this.sprint.addEventListener('change', () => onChange({ sprint: this.sprint.value }));
    this.tag.addEventListener('change', () => onChange({ tag: this.tag.value }));
    this.mine = el('vscode-checkbox', { label: l10n.t('Mine'), title: l10n.t('Only the tasks of the person whose email is your git user.email') }) as CheckEl;
    this.mine.checked = state.mine;
    this.mine.addEventListener('change', () => onChange({ mine: this.mine.checked }));
    this.dropped = el('vscode-checkbox', { label: l10n.t('Show dropped') }) as CheckEl;
    this.dropped.checked = state.showDropped;
    this.dropped.addEventListener('change', () => onChange({ showDropped: this.dropped.checked }));
    this.root.append(this.lanes, this.text, this.assignee, this.milestone, this.sprint, this.tag, this.mine, this.dropped);
  }

  /** Rebuilds the option lists when the plan's names change; keeps the selection. */
  setData(data: BoardData, state: BoardViewState): void {
    const tags = [...new Set(data.cards.flatMap((c) => c[14]))].sort();
    const key = JSON.stringify([data.people, data.milestones, data.sprints, tags]);
    if (key !== this.keys) {
      this.keys = key;
      const opts = (rows: NamedRow[], all: string): [string, string][] => [['', all], ...rows.map(([id, name]): [string, string] => [id, name ? `${id} · ${name}` : id])];
      fillOptions(this.assignee, opts(data.people, l10n.t('All people')), state.assignee);
      fillOptions(this.milestone, opts(data.milestones, l10n.t('All milestones')), state.milestone);
      fillOptions(this.sprint, opts(data.sprints, l10n.t('All sprints')), state.sprint);
      fillOptions(this.tag, [['', l10n.t('All tags')], ...tags.map((t): [string, string] => [t, t])], state.tag);
    }
    this.mine.toggleAttribute('disabled', data.me === '');
    this.mine.title = data.me ? l10n.t('Only {0}\'s tasks (your git user.email)', data.me) : l10n.t('Your git user.email matches no person in project.yml');
  }

  setState(s: BoardViewState): void {
    if (this.lanes.value !== s.lanes) this.lanes.value = s.lanes;
    if (this.milestone.value !== s.milestone) this.milestone.value = s.milestone;
  }
}
