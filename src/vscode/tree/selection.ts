// The task nodes selected in a visible Waymark view, for commands invoked
// without an argument (palette, keybinding): their quick pick offers the
// selection first, so Enter acts on it.
import type { ViewNode } from './model';

type Source = () => readonly ViewNode[];
const sources: Source[] = [];

export function addSelectionSource(source: Source): { dispose(): void } {
  sources.push(source);
  return { dispose: () => { const i = sources.indexOf(source); if (i >= 0) sources.splice(i, 1); } };
}

/** Selected nodes of the first visible view that has any. */
export function selectedNodes(): ViewNode[] {
  for (const s of sources) {
    const nodes = s();
    if (nodes.length) return [...nodes];
  }
  return [];
}

/** Selected task nodes of the first visible view that has any. */
export function selectedTaskNodes(): ViewNode[] {
  for (const s of sources) {
    const tasks = s().filter((n) => n.kind === 'task' && n.taskId);
    if (tasks.length) return tasks;
  }
  return [];
}
