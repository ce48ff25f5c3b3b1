// Every place an id is written in project.yml: its definition (`id:` of a
// person, milestone, task, sprint or risk) and its references (`depends`,
// `assignee`, risk `owner`, risk and sprint `tasks`). Built from the `yaml`
// Document's source ranges, so go-to-definition and find-references point at
// the exact characters, and it works on a file with errors (the yaml parser
// still returns the parts it understood). Pure (no `vscode`).
import type { Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { Y } from '../../core/yamlLib';

export type IdKind = 'person' | 'milestone' | 'task' | 'sprint' | 'risk';

export interface IdOccurrence {
  readonly id: string;
  /** Definition: the kind of item the id names. Reference: the kind the field expects. */
  readonly kind: IdKind | 'task-or-milestone';
  readonly role: 'definition' | 'reference';
  /** The key the id is written under: `id`, `depends`, `assignee`, `owner`, `tasks`. */
  readonly field: string;
  /** Offsets of the id's characters (quotes excluded), [start, end). */
  readonly start: number;
  readonly end: number;
  /** Id of the item whose mapping holds this occurrence (the task for its `depends`). */
  readonly ownerId?: string;
}

export class IdIndex {
  readonly occurrences: readonly IdOccurrence[];
  private readonly defs = new Map<string, IdOccurrence>();

  constructor(occurrences: IdOccurrence[]) {
    this.occurrences = occurrences.sort((a, b) => a.start - b.start);
    for (const o of this.occurrences) {
      // The first definition wins; duplicates are the validator's business.
      if (o.role === 'definition' && !this.defs.has(o.id)) this.defs.set(o.id, o);
    }
  }

  /** The occurrence under `offset` (its end counts, so a cursor right after an id finds it). */
  at(offset: number): IdOccurrence | undefined {
    let lo = 0;
    let hi = this.occurrences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const o = this.occurrences[mid];
      if (offset < o.start) hi = mid - 1;
      else if (offset > o.end) lo = mid + 1;
      else return o;
    }
    return undefined;
  }

  definition(id: string): IdOccurrence | undefined {
    return this.defs.get(id);
  }

  /** Every occurrence of `id`, definitions included, in file order. */
  all(id: string): IdOccurrence[] {
    return this.occurrences.filter((o) => o.id === id);
  }

  /** Ids defined, by kind, in file order. */
  defined(kind: IdKind): IdOccurrence[] {
    return this.occurrences.filter((o) => o.role === 'definition' && o.kind === kind);
  }
}

type Collector = (o: Omit<IdOccurrence, 'ownerId'> & { ownerId?: string }) => void;

function scalarRange(text: string, node: YamlNode): { id: string; start: number; end: number } | undefined {
  if (!Y().isScalar(node) || !node.range) return undefined;
  const v = node.value;
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  let [start, end] = node.range;
  const q = text[start];
  if ((q === '"' || q === "'") && end - start >= 2 && text[end - 1] === q) {
    start++;
    end--;
  }
  return { id: String(v), start, end };
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => Y().isScalar(p.key) && p.key.value === key) as Pair | undefined;
}

function idOf(text: string, map: YAMLMap): { id: string; start: number; end: number } | undefined {
  const p = pairOf(map, 'id');
  return p?.value ? scalarRange(text, p.value as YamlNode) : undefined;
}

function refsIn(text: string, map: YAMLMap, field: string, kind: IdOccurrence['kind'], ownerId: string | undefined, add: Collector): void {
  const p = pairOf(map, field);
  const v = p?.value as YamlNode | undefined;
  if (!v) return;
  const items = Y().isSeq(v) ? (v.items as YamlNode[]) : [v];
  for (const item of items) {
    const r = scalarRange(text, item);
    if (r && r.id !== '') add({ ...r, kind, role: 'reference', field, ownerId });
  }
}

function eachItem(value: unknown, fn: (m: YAMLMap) => void): void {
  if (!Y().isSeq(value)) return;
  for (const item of value.items) if (Y().isMap(item)) fn(item);
}

function defineTask(text: string, m: YAMLMap, add: Collector): void {
  const id = idOf(text, m);
  if (id) add({ ...id, kind: 'task', role: 'definition', field: 'id' });
  refsIn(text, m, 'depends', 'task-or-milestone', id?.id, add);
  refsIn(text, m, 'assignee', 'person', id?.id, add);
}

/**
 * Builds the index of `text`, from `doc` when the caller already parsed it (the core's
 * ParsedPlan keeps its Document). Never throws: unreadable parts simply contribute nothing.
 */
export function buildIdIndex(text: string, doc?: Document): IdIndex {
  const out: IdOccurrence[] = [];
  const add: Collector = (o) => out.push(o);
  try {
    doc ??= Y().parseDocument(text, { uniqueKeys: false, prettyErrors: false });
    const root = doc.contents;
    if (!Y().isMap(root)) return new IdIndex(out);
    for (const pair of root.items) {
      if (!Y().isScalar(pair.key)) continue;
      const section = pair.key.value;
      if (section === 'people') {
        eachItem(pair.value, (m) => {
          const id = idOf(text, m);
          if (id) add({ ...id, kind: 'person', role: 'definition', field: 'id' });
        });
      } else if (section === 'milestones') {
        eachItem(pair.value, (m) => {
          const id = idOf(text, m);
          if (id) add({ ...id, kind: 'milestone', role: 'definition', field: 'id' });
          refsIn(text, m, 'depends', 'task-or-milestone', id?.id, add);
          eachItem(pairOf(m, 'tasks')?.value, (t) => defineTask(text, t, add));
        });
      } else if (section === 'backlog') {
        eachItem(pair.value, (t) => defineTask(text, t, add));
      } else if (section === 'sprints') {
        eachItem(pair.value, (m) => {
          const id = idOf(text, m);
          if (id) add({ ...id, kind: 'sprint', role: 'definition', field: 'id' });
          refsIn(text, m, 'tasks', 'task', id?.id, add);
        });
      } else if (section === 'risks') {
        eachItem(pair.value, (m) => {
          const id = idOf(text, m);
          if (id) add({ ...id, kind: 'risk', role: 'definition', field: 'id' });
          refsIn(text, m, 'owner', 'person', id?.id, add);
          refsIn(text, m, 'tasks', 'task', id?.id, add);
        });
      }
    }
  } catch {
    // A document the yaml library cannot even build: no ids, no navigation.
  }
  return new IdIndex(out);
}
