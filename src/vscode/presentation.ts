// How plan facts are shown across the extension host (Plan and My Tasks
// views, quick picks, hovers, the status bar): status and health icons,
// percentages, plan text made literal in Markdown. Pure (no `vscode`).
import type { Health, TaskStatus } from '../core/model';

/** A codicon id and an optional theme colour id. */
export interface IconSpec {
  readonly id: string;
  readonly color?: string;
}

// Plan text in Markdown and percentages: the core's one escaper and one percent (core/text.ts).
export { escapeMarkdown, percent } from '../core/text';

const STATUS_ICONS: Record<TaskStatus, IconSpec> = {
  'todo': { id: 'circle-large-outline' },
  'in-progress': { id: 'play-circle', color: 'charts.blue' },
  'review': { id: 'eye', color: 'charts.purple' },
  'blocked': { id: 'error', color: 'charts.red' },
  'done': { id: 'pass-filled', color: 'charts.green' },
  'dropped': { id: 'circle-slash', color: 'disabledForeground' },
};

const HEALTH_ICONS: Record<Health, IconSpec> = {
  'on-track': { id: 'pass', color: 'charts.green' },
  'at-risk': { id: 'warning', color: 'charts.yellow' },
  'off-track': { id: 'error', color: 'charts.red' },
};

export function statusIcon(status: TaskStatus): IconSpec {
  return STATUS_ICONS[status];
}

export function healthIcon(health: Health | undefined): IconSpec {
  return health ? HEALTH_ICONS[health] : { id: 'milestone' };
}
