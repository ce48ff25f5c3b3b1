// One card's DOM, built once and refilled when the virtualized view recycles
// it for another task. Plan text goes in through textContent only.
import * as l10n from '@vscode/l10n';
import { C, CardFlag, DueWarn, NO_DAY, PRIORITY_CODES, STATUSES, type BoardData, type CardRow } from '../../src/protocol/board';

const dayIso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);

function span(cls: string, parent: HTMLElement): HTMLElement {
  const e = document.createElement('span');
  e.className = cls;
  parent.appendChild(e);
  return e;
}

function show(e: HTMLElement, text: string, title = ''): void {
  e.textContent = text;
  e.hidden = text === '';
  e.title = title;
}

export class CardView {
  readonly el: HTMLElement;
  index = -1;
  private readonly id: HTMLElement;
  private readonly prio: HTMLElement;
  private readonly sched: HTMLElement;
  private readonly due: HTMLElement;
  private readonly title: HTMLElement;
  private readonly who: HTMLElement;
  private readonly est: HTMLElement;
  private readonly commits: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly says: HTMLElement;
  readonly accept: HTMLButtonElement;

  constructor() {
    this.el = document.createElement('div');
    this.el.className = 'card';
    this.el.setAttribute('role', 'option');
    const top = span('card-top', this.el);
    this.id = span('card-id', top);
    this.prio = span('chip prio', top);
    this.sched = span('chip sched', top);
    this.due = span('chip due', top);
    this.title = span('card-title', this.el);
    const foot = span('card-foot', this.el);
    this.who = span('who', foot);
    this.est = span('est', foot);
    this.commits = span('commits', foot);
    // The commits disagree with the declared status: say what they say, and offer to write it.
    this.badge = span('card-badge', this.el);
    this.says = span('says', this.badge);
    this.accept = document.createElement('button');
    this.accept.className = 'accept';
    this.accept.tabIndex = -1;
    this.accept.textContent = l10n.t('Accept');
    this.badge.appendChild(this.accept);
  }

  fill(data: BoardData, index: number): void {
    if (this.index === index) return;
    this.index = index;
    const c = data.cards[index];
    this.el.dataset.id = c[C.id];
    this.el.id = `card-${c[C.id]}`;
    this.id.textContent = c[C.id];
    this.title.textContent = c[C.title];
    this.title.title = c[C.title];
    const prio = c[C.priority] > 0 ? PRIORITY_CODES[c[C.priority] - 1] : '';
    show(this.prio, prio ? l10n.t('prio {0}', prio) : '', prio ? l10n.t('Priority: {0}', prio) : '');
    this.prio.dataset.level = prio;
    const critical = (c[C.flags] & CardFlag.critical) !== 0;
    const float = (c[C.flags] & CardFlag.noFloat) !== 0 ? '' : l10n.t('float {0}d', c[C.float]);
    show(this.sched, critical ? l10n.t('critical') : float, critical ? l10n.t('On the critical path') : l10n.t('Workdays this task can slip without delaying what depends on it'));
    this.sched.classList.toggle('critical', critical);
    show(this.due, dueText(c), c[C.due] !== NO_DAY ? l10n.t('Due {0}', dayIso(c[C.due])) : '');
    const who = c[C.assignee] >= 0 ? data.people[c[C.assignee]] : undefined;
    show(this.who, who ? who[1] || who[0] : l10n.t('unassigned'), who ? who[0] : '');
    this.who.classList.toggle('none', !who);
    show(this.est, c[C.estimate], l10n.t('Estimate'));
    show(this.commits, c[C.commits] === 0 ? '' : c[C.commits] === 1 ? l10n.t('1 commit') : l10n.t('{0} commits', c[C.commits]), l10n.t('Commits that reference this task'));
    const disagree = c[C.effective] !== c[C.status];
    this.badge.hidden = !disagree;
    if (disagree) {
      this.says.textContent = l10n.t('commits say {0}', STATUSES[c[C.effective]]);
      this.accept.title = l10n.t('Set the status to {0}, as the commits say', STATUSES[c[C.effective]]);
    }
    this.el.classList.toggle('is-critical', critical);
    this.el.setAttribute('aria-label', ariaLabel(data, c));
  }
}

function dueText(c: CardRow): string {
  if (c[C.dueWarn] === DueWarn.overdue) return l10n.t('overdue {0}', dayIso(c[C.due]).slice(5));
  if (c[C.dueWarn] === DueWarn.forecastLate) return l10n.t('late for {0}', dayIso(c[C.due]).slice(5));
  return '';
}

export function ariaLabel(data: BoardData, c: CardRow): string {
  const parts = [`${c[C.id]}: ${c[C.title]}`, STATUSES[c[C.status]]];
  parts.push(c[C.assignee] >= 0 ? l10n.t('assigned to {0}', data.people[c[C.assignee]][0]) : l10n.t('unassigned'));
  if (c[C.estimate]) parts.push(l10n.t('estimate {0}', c[C.estimate]));
  if (c[C.priority] > 0) parts.push(l10n.t('priority {0}', PRIORITY_CODES[c[C.priority] - 1]));
  if ((c[C.flags] & CardFlag.critical) !== 0) parts.push(l10n.t('critical path'));
  const due = dueText(c);
  if (due) parts.push(due);
  if (c[C.commits] > 0) parts.push(l10n.t('{0} linked commits', c[C.commits]));
  if (c[C.effective] !== c[C.status]) parts.push(l10n.t('commits say {0}', STATUSES[c[C.effective]]));
  return parts.join(', ');
}
