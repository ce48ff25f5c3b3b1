// Milestone health (src/core/health.ts) on real YAML and a real git history:
// the on-time probability of the Monte Carlo forecast decides between
// on-track, at-risk and off-track, and every other reason says why when the
// forecast beside it would say otherwise. Expected chances are derived in the
// comments (the default spread is ratio = exp(0.4 x N(0, 1))).
import * as assert from 'node:assert/strict';
import { analyzePlan, type PlanAnalysis } from '../../src/core/analyze';
import { scanHistory } from '../../src/core/git/history';
import type { Plan } from '../../src/core/model';
import { parsePlan } from '../../src/core/parse';
import { TestRepo } from './gitRepoFixture';

const planOf = (text: string): Plan => {
  const p = parsePlan(text);
  assert.deepEqual(p.diagnostics.filter((d) => d.severity === 'error'), []);
  return p.plan!;
};
const CHANCE = /^(\d+)% chance of finishing by its due (\S+) \(P50 (\S+), P85 (\S+)\)/;

/** The chance reason's figures must be the forecast's own. */
function assertChanceMatches(a: PlanAnalysis, id: string, reason: string): void {
  const m = CHANCE.exec(reason);
  assert.ok(m, reason);
  const f = a.forecast.milestones.get(id)!;
  assert.deepEqual([Number(m[1]), m[3], m[4]], [Math.round(f.onTimeProbability! * 100), f.p50, f.p85]);
}

describe('health: from the on-time probability', () => {
  // Nothing done, no history: every open task draws from the default spread.
  const plan = planOf(`version: 1
project:
  name: Health
  start: 2026-01-05
people:
  - id: ana
milestones:
  - id: ok
    title: Comfortable
    due: 2026-01-30
    tasks:
      - { id: T1, title: T1, estimate: 2d, assignee: ana }
  - id: tight
    title: Tight
    due: 2026-01-08
    tasks:
      - { id: T2, title: T2, estimate: 3d }
  - id: late
    title: Late
    due: 2026-01-08
    tasks:
      - { id: X, title: X, estimate: 3d }
      - { id: Y, title: Y, estimate: 2d, depends: [X], due: 2026-01-07 }
  - id: risky
    title: Risky
    due: 2026-01-30
    health: on-track
    depends: [ok]
    tasks:
      - { id: T3, title: T3, estimate: 2d }
      - { id: T4, title: T4, estimate: 1d, depends: [tight] }
risks:
  - { id: R1, title: Vendor late, probability: high, impact: medium, status: open, tasks: [T3] }
  - { id: R2, title: Minor, probability: low, impact: high, status: open, tasks: [T1] }
`);
  const a = analyzePlan(plan, undefined, { today: '2026-01-05' });
  const health = (id: string) => a.health.get(id)!;

  it('is on-track when the P85 is on or before the due (a low-exposure risk does not count)', () => {
    // T1: ceil(2 x ratio) workdays from Mon 05; past Fri 30 (20 workdays)
    // takes a ratio above 10, z = ln 10 / 0.4 = 5.8: never in 1000 runs.
    assert.equal(a.forecast.milestones.get('ok')!.onTimeProbability, 1);
    assert.equal(health('ok').health, 'on-track');
    assert.equal(health('ok').healthReasons.length, 1);
    assertChanceMatches(a, 'ok', health('ok').healthReasons[0]);
    assert.match(health('ok').healthReasons[0], /^100% chance .*\); forecast finish 2026-01-06, 18 workdays before it$/);
  });

  it('is at-risk when the due is met by the estimates but not at P85', () => {
    // T2 takes ceil(3 x ratio) workdays from Mon 05; Thu 08 allows 4, so the
    // chance is P(ratio <= 4/3) = Phi(ln(4/3) / 0.4) = Phi(0.72) = 76%: above
    // 50%, below 85%, each by more than 8 standard errors of 1000 runs.
    const p = a.forecast.milestones.get('tight')!.onTimeProbability!;
    assert.ok(p > 0.72 && p < 0.8, String(p));
    assert.equal(a.schedule.milestones.get('tight')!.slipDays, -1);
    assert.equal(health('tight').health, 'at-risk');
    assert.equal(health('tight').healthReasons.length, 1);
    assertChanceMatches(a, 'tight', health('tight').healthReasons[0]);
    assert.match(health('tight').healthReasons[0], /; the estimates as written finish 2026-01-07, 1 workday before it, but durations with the default spread \(too little history\) finish later$/);
  });

  it('is off-track when the P50 is after the due, keeping the slip and the late task', () => {
    // X then Y: ceil(3 r1) + ceil(2 r2) <= 4 workdays (Mon 05 - Thu 08):
    // P(r1 <= 2/3) P(r2 <= 1) + P(r1 <= 1) P(r2 <= 1/2) = 0.156 x 0.5 +
    // 0.5 x 0.042 = 10% (r1 <= 1/3 adds 0.3%).
    const p = a.forecast.milestones.get('late')!.onTimeProbability!;
    assert.ok(p > 0.06 && p < 0.14, String(p));
    const h = health('late');
    assert.equal(h.health, 'off-track');
    assert.equal(h.healthReasons[0], 'forecast finish 2026-01-09 is 1 workday after its due 2026-01-08');
    assertChanceMatches(a, 'late', h.healthReasons[1]);
    assert.deepEqual(h.healthReasons.slice(2), ['Y is forecast to finish 2026-01-09, after its due 2026-01-07']);
  });

  it('lets a health written in the plan override the computed one; a risk says the forecast leaves it out', () => {
    const h = health('risky');
    assert.equal(a.forecast.milestones.get('risky')!.onTimeProbability, 1);
    assert.equal(h.health, 'on-track');
    assert.equal(h.computedHealth, 'at-risk');
    assert.equal(h.healthOverridden, true);
    assert.deepEqual(h.healthReasons, [
      'health set to on-track in project.yml (computed: at-risk)',
      'risk R1 (Vendor late) is open with exposure 6/9 (the forecast does not include risks)',
    ]);
  });

  it('is computed with the forecast, never with the schedule or the diagnostics', () => {
    const fresh = analyzePlan(plan, undefined, { today: '2026-01-05' });
    let runs = 0;
    const counted = new Proxy(fresh, { get: (t, k, receiver) => { if (k === 'forecast') runs++; return Reflect.get(t, k, receiver); } });
    void counted.schedule; void counted.diagnostics;
    assert.equal(runs, 0);
    void counted.health;
    assert.equal(runs, 1);
  });
});

describe('health of one milestone (a postmortem asks for one)', () => {
  const plan = planOf(`version: 1
project: { name: One, start: 2026-01-05 }
milestones:
  - id: shipped
    title: Shipped
    due: 2026-01-09
    tasks:
      - { id: A, title: A, estimate: 1d, status: done }
  - id: open
    title: Open
    due: 2026-01-30
    health: at-risk
    tasks:
      - { id: B, title: B, estimate: 2d }
`);
  const counting = (): { a: PlanAnalysis; reads: () => number } => {
    let reads = 0;
    const a = new Proxy(analyzePlan(plan, undefined, { today: '2026-01-12' }), {
      get: (t, k, receiver) => { if (k === 'forecast') reads++; return Reflect.get(t, k, receiver); },
    });
    return { a, reads: () => reads };
  };

  it('is the same as in the map of all, and a finished one costs no forecast', () => {
    const { a, reads } = counting();
    const shipped = a.healthOf('shipped');
    assert.equal(reads(), 0);
    assert.deepEqual(shipped, { id: 'shipped', health: 'on-track', computedHealth: 'on-track', healthOverridden: false, healthReasons: ['all 1 tasks done'] });
    assert.deepEqual(shipped, a.health.get('shipped'));
    const open = analyzePlan(plan, undefined, { today: '2026-01-12' }).healthOf('open');
    assert.deepEqual(open, a.health.get('open'));
    assert.equal(open!.healthOverridden, true);
    assert.equal(a.healthOf('nope'), undefined);
  });

  it('runs the forecast for a milestone with open work', () => {
    const { a, reads } = counting();
    a.healthOf('open');
    assert.equal(reads(), 1);
  });
});

describe('health: reasons that would contradict the forecast say why', () => {
  it('a lag of progress behind time, while the forecast is on time', () => {
    // 20 workdays Mon 05 - Fri 30; by Fri 23 (yesterday of Mon 26) 15 have
    // passed: 75% of the time for 25% done (one 4h task of four, declared
    // done). The three open 4h tasks run in parallel from today: a ratio of
    // 10 would still fit the 5 workdays left, so the forecast says 100%.
    const plan = planOf(`version: 1
project: { name: Lag, start: 2026-01-05 }
milestones:
  - id: m
    title: M
    due: 2026-01-30
    tasks:
      - { id: A, title: A, estimate: 4h, status: done }
      - { id: B, title: B, estimate: 4h }
      - { id: C, title: C, estimate: 4h }
      - { id: D, title: D, estimate: 4h, status: blocked }
`);
    const a = analyzePlan(plan, undefined, { today: '2026-01-26' });
    assert.equal(a.forecast.milestones.get('m')!.onTimeProbability, 1);
    const h = a.health.get('m')!;
    assert.equal(h.health, 'at-risk');
    assert.deepEqual(h.healthReasons, [
      '25% done with 75% of the time from its start 2026-01-05 to its due 2026-01-30 elapsed; the forecast still gives 100% by its due, counting the rest at the estimates, with the default spread',
      'D is blocked (the forecast schedules it as if it could go on today)',
    ]);
  });

  it('a late deterministic forecast, while the team\'s history puts it on time: at-risk, not off-track', async () => {
    // Six done 2d tasks each took one workday (first and closing commit the
    // same day): every ratio is 0.5, so the open 4d task takes 2 workdays in
    // every run, Mon 09 - Tue 10, before the due Wed 11, while the estimate
    // as written ends Thu 12.
    const text = `version: 1
project: { name: Fast, start: 2026-01-05 }
milestones:
  - id: past
    title: Past
    tasks:
${[1, 2, 3, 4, 5, 6].map((k) => `      - { id: P-${k}, title: P${k}, estimate: 2d }`).join('\n')}
  - id: next
    title: Next
    due: 2026-02-11
    tasks:
      - { id: N-1, title: N, estimate: 4d }
`;
    const plan = planOf(text);
    const repo = TestRepo.create();
    try {
      ['05', '06', '07', '08', '09', '12'].forEach((d, k) => {
        repo.commit(`P-${k + 1}: start`, { date: `2026-01-${d}T09:00:00Z` });
        repo.commit(`Closes P-${k + 1}`, { date: `2026-01-${d}T17:00:00Z` });
      });
      const history = await scanHistory(repo.dir, plan);
      const a = analyzePlan(plan, history, { today: '2026-02-09' });
      assert.deepEqual(a.forecast.accuracy.samples.map((s) => s.ratio), [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
      assert.equal(a.schedule.milestones.get('next')!.slipDays, 1);
      const f = a.forecast.milestones.get('next')!;
      assert.deepEqual([f.p50, f.p85, f.onTimeProbability], ['2026-02-10', '2026-02-10', 1]);
      const h = a.health.get('next')!;
      assert.equal(h.health, 'at-risk');
      assert.deepEqual(h.healthReasons, [
        'forecast finish 2026-02-12 is 1 workday after its due 2026-02-11 by the estimates as written, but 100% chance of finishing by its due 2026-02-11 (P50 2026-02-10, P85 2026-02-10): durations as long as the team\'s past work took finish sooner',
      ]);
    } finally {
      repo.remove();
    }
  });
});
