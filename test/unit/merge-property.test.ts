// Property: two branches that make disjoint random edits merge to the same plan
// as applying both edit sets one after the other; merging identical sides
// changes nothing. Seeded, so a failure names a reproducible seed.
import * as assert from 'node:assert/strict';
import { addDependency, addTask, moveTask, removeTask, setTaskField, type EditResult } from '../../src/core/edit';
import { mergePlans } from '../../src/core/merge/merge';
import { parsePlan } from '../../src/core/parse';
import { planOf } from './planFixture';
import { mulberry32 as rng } from './seededRandom';


const MILESTONES = ['m1', 'm2', 'm3'];

function basePlan(): string {
  let n = 0;
  const task = (flow: boolean) => {
    const id = `PAY-${++n}`;
    return flow ? `      - { id: ${id}, title: Task ${n}, estimate: ${n}d }\n` : `      - id: ${id}\n        title: Task ${n}   # note ${n}\n        status: todo\n        estimate: ${n}h\n`;
  };
  const ms = MILESTONES.map((m, i) => `  - id: ${m}\n    title: Milestone ${i + 1}\n    tasks:\n${[0, 1, 2, 3].map((k) => task(i === 2 && k % 2 === 1)).join('')}`).join('\n');
  return `version: 1\nproject:\n  name: Prop\n  key: PAY\n\nmilestones:\n${ms}\nbacklog:\n${[0, 1, 2].map(() => task(false).replace(/^ {4}/gm, '')).join('')}`;
}

type Op = (text: string) => string;

function applyOk(text: string, f: (p: ReturnType<typeof parsePlan>) => EditResult): string {
  const r = f(parsePlan(text));
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.text;
}

/** Random edits touching only `own` task ids; `fresh` names the ids this side may add. */
function randomOps(rand: () => number, own: string[], fresh: string[]): Op[] {
  const ops: Op[] = [];
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const targets = [...MILESTONES, null];
  const pool = [...own];
  const count = 1 + Math.floor(rand() * 5);
  for (let i = 0; i < count && pool.length > 0; i++) {
    const id = pool.splice(Math.floor(rand() * pool.length), 1)[0];
    const kind = pick(['status', 'estimate', 'title', 'priority', 'move', 'remove', 'depend', 'add']);
    if (kind === 'status') { const v = pick(['in-progress', 'done', 'blocked']); ops.push((t) => applyOk(t, (p) => setTaskField(p, id, 'status', v))); }
    else if (kind === 'estimate') { const v = `${1 + Math.floor(rand() * 9)}d`; ops.push((t) => applyOk(t, (p) => setTaskField(p, id, 'estimate', v))); }
    else if (kind === 'title') { const v = `Renamed ${id}`; ops.push((t) => applyOk(t, (p) => setTaskField(p, id, 'title', v))); }
    else if (kind === 'priority') { const v = pick(['low', 'high']); ops.push((t) => applyOk(t, (p) => setTaskField(p, id, 'priority', v))); }
    else if (kind === 'move') { const to = pick(targets); ops.push((t) => { const r = moveTask(parsePlan(t), id, to); return r.ok ? r.text : t; }); }
    else if (kind === 'remove') ops.push((t) => applyOk(t, (p) => removeTask(p, id)));
    else if (kind === 'depend' && pool.length > 0) { const on = pick(pool); ops.push((t) => { const r = addDependency(parsePlan(t), id, on); return r.ok ? r.text : t; }); }
    else if (fresh.length > 0) { const nid = fresh.shift()!; const to = pick(targets); ops.push((t) => applyOk(t, (p) => addTask(p, to, { id: nid, title: `New ${nid}`, estimate: '2d' }))); }
  }
  return ops;
}

/** The plan as a comparable value: tasks by id with their list and fields; order inside a list does not count. */
function meaningOf(text: string): unknown {
  const plan = planOf(text);
  return {
    milestones: plan.milestones.map((m) => m.id),
    tasks: [...plan.tasks].sort((a, b) => a.id.localeCompare(b.id)).map((t) => ({
      id: t.id, in: t.milestone ?? null, title: t.title, status: t.status, estimate: t.estimate, priority: t.priority, depends: [...t.depends].sort(),
    })),
  };
}

describe('merge engine: properties', () => {
  const base = basePlan();
  const ids = planOf(base).tasks.map((t) => t.id);

  for (let seed = 1; seed <= 60; seed++) {
    it(`disjoint random edits merge like applying both in turn (seed ${seed})`, () => {
      const rand = rng(seed);
      const shuffled = [...ids].sort(() => rand() - 0.5);
      const third = Math.floor(shuffled.length / 3);
      const oursOps = randomOps(rand, shuffled.slice(0, third), ['PAY-100', 'PAY-101']);
      const theirsOps = randomOps(rand, shuffled.slice(third, 2 * third), ['PAY-200', 'PAY-201']);
      const ours = oursOps.reduce((t, op) => op(t), base);
      const theirs = theirsOps.reduce((t, op) => op(t), base);
      const sequential = theirsOps.reduce((t, op) => op(t), ours);
      const merged = mergePlans(base, ours, theirs);
      assert.ok(merged.ok, merged.ok ? '' : merged.reason);
      assert.deepEqual(merged.conflicts, []);
      assert.deepEqual(meaningOf(merged.text), meaningOf(sequential));
    });
  }

  it('merging a side with itself, or with an unchanged side, changes nothing', () => {
    const rand = rng(99);
    const edited = randomOps(rand, ids, ['PAY-300']).reduce((t, op) => op(t), base);
    for (const [o, t] of [[edited, edited], [edited, base], [base, base]]) {
      const r = mergePlans(base, o, t);
      assert.ok(r.ok);
      assert.equal(r.text, o);
    }
  });
});
