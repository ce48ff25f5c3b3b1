// A seeded fuzz run over mutants of the demo plan (examples/demo/project.yml):
// the CLI (in-process) and the core edits must hold their promises on any
// input. Bounded: at most FUZZ_MUTANTS mutants or FUZZ_BUDGET_MS of work,
// whichever comes first; the seed is fixed so a failure reproduces
// (WAYMARK_FUZZ_SEED=<n> tries another sequence).
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setStatus, setTaskField } from '../../src/core/edit';
import type { Task } from '../../src/core/model';
import { parsePlan, type ParsedPlan } from '../../src/core/parse';
import { lineEndAfterBreak, lineStartOf } from '../../src/core/yamlUtil';
import { runCli } from './cliRun';
import { tempDir } from './gitRepoFixture';
import { mutate } from './mutants';
import { mulberry32 as rng } from './seededRandom';

const DEMO = readFileSync(join(__dirname, '../../../examples/demo/project.yml'), 'utf8');
const SEED = Number(process.env.WAYMARK_FUZZ_SEED ?? 20261206);
const FUZZ_MUTANTS = 3000;
/**
 * A bound on the run, not an assertion. A mutant costs about 25 ms of CPU, so 3000 take about 75 s on
 * an idle CI machine (the issue asks for a few thousand per CI run); on a busy machine the bound ends
 * the run earlier, and the count it reached is printed either way.
 */
const FUZZ_BUDGET_MS = 90_000;
/** The CLI runs (in-process) on every so many mutants; `status` also reads git, a process per run. */
const CLI_EVERY = { validate: 4, setStatus: 8, status: 60 };


const STACK = /\n\s+at .+[:(]\d+:\d+\)?/;

function statuses(p: ParsedPlan): Map<string, string> {
  const m = new Map<string, string>();
  for (const t of p.plan?.tasks ?? []) if (!m.has(t.id)) m.set(t.id, t.status);
  return m;
}

/** Every edit of a task's field lies on the task's own lines, and the file still parses with the new value. */
function checkFieldEdit(p: ParsedPlan, task: Task, field: 'status' | 'estimate', value: string, where: string): void {
  const r = field === 'status' ? setStatus(p, task.id, value) : setTaskField(p, task.id, field, value);
  if (!r.ok) return;
  const lo = lineStartOf(p.text, task.span.start);
  const hi = lineEndAfterBreak(p.text, Math.max(task.span.start, task.span.end - 1));
  for (const e of r.edits) {
    assert.ok(e.offset >= lo && e.offset + e.length <= hi, `${where}: the ${field} edit of ${task.id} at ${e.offset}+${e.length} leaves the task's lines ${lo}-${hi}`);
  }
  const after = parsePlan(r.text);
  assert.ok(after.syntaxOk, `${where}: the ${field} edit of ${task.id} broke the YAML: ${after.diagnostics[0]?.message}`);
  if (field === 'status' && after.plan?.byId.get(task.id) === after.plan?.tasks.find((t) => t.id === task.id)) {
    const before = statuses(p); const now = statuses(after);
    before.set(task.id, value.trim());
    assert.deepEqual(now, before, `${where}: setting ${task.id} to ${value} changed other statuses, or not this one`);
  }
}

describe('fuzz: mutants of the demo plan', () => {
  let dir: string;
  before(() => { dir = tempDir('waymark-fuzz-'); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`CLI exit codes, JSON and edits hold on up to ${FUZZ_MUTANTS} mutants (seed ${SEED})`, async function () {
    this.timeout(FUZZ_BUDGET_MS * 6);
    const r = rng(SEED);
    const file = join(dir, 'project.yml');
    const started = Date.now();
    let runs = 0;
    for (let i = 0; i < FUZZ_MUTANTS && Date.now() - started < FUZZ_BUDGET_MS; i++) {
      const text = mutate(DEMO, r);
      const where = `seed ${SEED}, mutant ${i}`;
      const p = parsePlan(text);
      assert.ok(!p.diagnostics.some((d) => d.code === 'internal'), `${where}: internal error: ${p.diagnostics.find((d) => d.code === 'internal')?.message}`);
      const tasks = p.plan?.tasks ?? [];
      const task = tasks.length ? tasks[Math.floor(r() * tasks.length)] : undefined;
      if (task && p.syntaxOk) {
        if (i % 2) checkFieldEdit(p, task, 'status', ['done', 'review', 'todo', ' blocked ', 'dropped'][Math.floor(r() * 5)], where);
        else checkFieldEdit(p, task, 'estimate', ['3d', '1w 2d', '4h'][Math.floor(r() * 3)], where);
      }

      if (i % CLI_EVERY.validate === 0) {
        writeFileSync(file, text);
        const v = await runCli(['validate', '--json'], dir);
        assert.ok(v.code === 0 || v.code === 1, `${where}: validate exit ${v.code}: ${v.err}`);
        assert.doesNotThrow(() => JSON.parse(v.out), `${where}: validate --json printed no JSON`);
        assert.doesNotMatch(v.err, STACK, where);
      }
      if (i % CLI_EVERY.setStatus === 0) {
        writeFileSync(file, text);
        const s = await runCli(['set-status', task?.id ?? 'RET-1', 'done', '--json'], dir);
        assert.ok([0, 1, 2].includes(s.code), `${where}: set-status exit ${s.code}`);
        assert.doesNotMatch(s.err, STACK, where);
        assert.doesNotThrow(() => JSON.parse(s.out || '{}'), `${where}: set-status --json printed something else than JSON`);
        if (s.code === 0 && task && (JSON.parse(s.out) as { changed: boolean }).changed) {
          // Bytes change only on the task's own lines.
          const now = readFileSync(file, 'utf8');
          const lo = lineStartOf(text, task.span.start);
          const tail = text.length - lineEndAfterBreak(text, Math.max(task.span.start, task.span.end - 1));
          assert.equal(now.slice(0, lo), text.slice(0, lo), `${where}: set-status changed bytes before ${task.id}`);
          assert.equal(now.slice(now.length - tail), text.slice(text.length - tail), `${where}: set-status changed bytes after ${task.id}`);
        }
      }
      if (i % CLI_EVERY.status === 0) {
        writeFileSync(file, text);
        const st = await runCli(['status', '--json', '--today', '2026-11-21'], dir);
        assert.ok(st.code === 0 || st.code === 1, `${where}: status exit ${st.code}: ${st.err}`);
        // On error (exit 1) stdout stays empty and stderr says why.
        if (st.code === 0) assert.doesNotThrow(() => JSON.parse(st.out), `${where}: status --json printed no JSON`);
        else assert.equal(st.out, '', `${where}: status --json printed something on error`);
        assert.doesNotMatch(st.err, STACK, where);
      }
      runs++;
    }
    assert.ok(runs > 0);
    console.log(`      ${runs} mutants (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  });
});
