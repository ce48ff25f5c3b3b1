// The webview's copy of the plan data, kept in step with the host's
// incremental updates.
import { T, type GanttData, type HostMessage, type TaskRow } from '../../src/protocol/gantt';

/** Applies an incremental update: changed rows, removed rows, new order, groups, today. */
export function applyUpdate(data: GanttData, m: Extract<HostMessage, { type: 'update' }>): GanttData {
  const byId = new Map<string, TaskRow>(data.tasks.map((t) => [t[T.id], t]));
  for (const id of m.remove) byId.delete(id);
  const order = m.order ?? data.tasks.map((t) => t[T.id]).filter((id) => byId.has(id));
  const known = new Set(order);
  for (const row of m.upsert) {
    byId.set(row[T.id], row);
    if (!known.has(row[T.id])) { order.push(row[T.id]); known.add(row[T.id]); }
  }
  const tasks = order.map((id) => byId.get(id)).filter((t): t is TaskRow => t !== undefined);
  const { bands: _old, ...rest } = data;
  return { ...rest, tasks, groups: m.groups, ...(m.bands ? { bands: m.bands } : {}), today: m.today, note: m.note };
}
