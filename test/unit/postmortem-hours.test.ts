// The postmortem's estimate accuracy in hours where a task has actual hours
// (declared `spent`, else commit time lines), in workdays otherwise, on a real
// repository. Calendar Mon-Fri, 8 h a day; commits one hour apart from
// Mon 2026-01-05 10:00 (gitRepoFixture), so every task lives on that Monday.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { generatePostmortem, type PostmortemResult } from '../../src/core/report/generate';
import { TestRepo } from './gitRepoFixture';

const PLAN = `version: 1
project:
  name: Hours
  start: 2026-01-05
people:
  - { id: ana, name: Ana }
milestones:
  - id: m1
    title: One
    due: 2026-01-09
    tasks:
      - { id: H-1, title: Trailers, estimate: 2d, assignee: ana }
      - { id: H-2, title: Declared, estimate: 4h, spent: 6, assignee: ana }
      - { id: H-3, title: Dates, estimate: 1d, assignee: ana }
`;

describe('postmortem: estimate accuracy in hours where actual hours are known', function () {
  this.timeout(30000);
  let repo: TestRepo;
  let r: PostmortemResult;
  before(async () => {
    repo = TestRepo.create();
    repo.commit('Plan', { files: { 'project.yml': PLAN } });
    repo.commit('H-1: start\n\nTime: 6h');
    repo.commit('H-1 H-2 pairing #time 1d 4h');
    repo.commit('Fixes H-1\n\nSpent: 2h30m');
    repo.commit('H-3 start');
    repo.commit('Fixes H-3');
    repo.commit('Fixes H-2');
    repo.git('tag', 'v1');
    r = await generatePostmortem({ repoDir: repo.dir, planFile: join(repo.dir, 'project.yml'), planText: PLAN, milestoneId: 'm1', today: '2026-01-09' });
  });
  after(() => repo.remove());

  it('measures each task in its own unit', () => {
    // H-1: 6 + 12 / 2 + 2.5 = 14.5 h against 16 h: -9.375%. H-2: declared spent 6 h wins over its 6 h
    // from commits, against 4 h: +50%. H-3: no time lines: 1 workday (Mon..Mon) against 1: 0.
    assert.deepEqual(r.data.accuracy.map((a) => [a.id, a.unit, a.estimatedHours, a.actualHours, a.estimatedDays, a.actualDays, a.error]), [
      ['H-1', 'hours', 16, 14.5, undefined, undefined, -0.09375],
      ['H-2', 'hours', 4, 6, undefined, undefined, 0.5],
      ['H-3', 'days', undefined, undefined, 1, 1, 0],
    ]);
    // Per person and unit: hours 20 against 20.5 = +2.5%; days 1 against 1.
    assert.deepEqual(r.data.accuracyByPerson.map((p) => [p.person, p.unit, p.tasks, p.estimatedHours ?? p.estimatedDays, p.actualHours ?? p.actualDays, p.error]), [
      ['ana', 'hours', 2, 20, 20.5, 0.025],
      ['ana', 'days', 1, 1, 1, 0],
    ]);
    assert.equal(r.data.medianError, 0);
  });

  it('says the unit of every figure in the Markdown tables', () => {
    const md = r.markdown();
    assert.match(md, /measured in hours \(`h`\)/);
    assert.match(md, /^\| H-1 Trailers \| ana \| 2d \| 16h \| 2026-01-05 \| 2026-01-05 \| 14\.5h \| -9% \|$/m);
    assert.match(md, /^\| H-2 Declared \| ana \| 4h \| 4h \| 2026-01-05 \| 2026-01-05 \| 6h \| \+50% \|$/m);
    assert.match(md, /^\| H-3 Dates \| ana \| 1d \| 1d \| 2026-01-05 \| 2026-01-05 \| 1d \| 0% \|$/m);
    assert.match(md, /^\| Ana \| 2 \| 20h \| 20\.5h \| \+3% \|$/m);
    assert.match(md, /^\| Ana \| 1 \| 1d \| 1d \| 0% \|$/m);
  });
});
