// store.applyEdit, then wait until the store holds a snapshot newer than the
// one the edit was computed from. The store may drop the reload that applyEdit
// started in favour of a newer one (a file-watcher reload that began while the
// history was being rescanned), and then resolves before its snapshot changed;
// commands that chain edits, and users who look at the tree right after, need
// the new snapshot.
import type { PlanSnapshot, PlanStore } from '../planStore';
import type { EditResult } from '../../core/edit';
import { folderKeyOf } from '../tree/sources';

const SETTLE_MS = 5000;

export async function applyEditAndSettle(store: PlanStore, snapshot: PlanSnapshot, result: EditResult): Promise<boolean> {
  const ok = await store.applyEdit(snapshot, result);
  if (!ok || !result.ok || result.edits.length === 0) return ok;
  const key = folderKeyOf(snapshot);
  const before = snapshot.parsed.text;
  const isNewer = (s: PlanSnapshot | undefined) => s !== undefined && s.parsed.text !== before;
  if (isNewer(store.forFolderKey(key))) return true;
  await new Promise<void>((resolve) => {
    const finish = () => { clearTimeout(timer); sub.dispose(); resolve(); };
    const timer = setTimeout(finish, SETTLE_MS);
    const sub = store.onDidChange((s) => { if (folderKeyOf(s) === key && isNewer(s)) finish(); });
  });
  return true;
}
