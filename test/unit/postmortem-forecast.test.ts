// The postmortem's "we said 85% by X; it shipped Y" (postmortemForecast.ts)
// on a real repository built here: the forecast as it stood at the baseline,
// from the plan then and only the commits the baseline reaches, beside the
// release day. Calendar Mon-Fri, 8 h a day; January 2026: Mon 5, 12, 19, 26.
import * as assert from 'node:assert/strict';
import { runCli } from './cliRun';
import { TestRepo } from './gitRepoFixture';

const PREP = `version: 1
project: { name: Promise, start: 2026-01-05 }
milestones:
  - id: prep
    title: Prep
    tasks:
${[1, 2, 3, 4, 5].map((k) => `      - { id: P-${k}, title: P${k}, estimate: 1d }`).join('\n')}
`;
const WITH_SHIP = `${PREP}  - id: ship
    title: Ship
    due: 2026-01-30
    release: v1.0
    tasks:
      - { id: S-1, title: S1, estimate: 2d }
      - { id: S-2, title: S2, estimate: 2d, depends: [S-1] }
`;

describe('postmortem: the forecast at the baseline beside the release', () => {
  let repo: TestRepo;
  before(() => {
    repo = TestRepo.create();
    const at = (day: string, hour = 9): string => `2026-01-${day}T${String(hour).padStart(2, '0')}:00:00Z`;
    repo.commit('Plan: prep', { date: at('05', 8), files: { 'project.yml': PREP } });
    // Each 1d prep task runs from its first commit to the next workday's
    // closing commit: 2 workdays, ratio 2, five samples by the baseline.
    for (const [k, start, close] of [[1, '05', '06'], [2, '07', '08'], [3, '09', '12'], [4, '13', '14'], [5, '15', '16']] as const) {
      repo.commit(`P-${k}: start`, { date: at(start) });
      repo.commit(`Closes P-${k}`, { date: at(close, 17) });
    }
    // The baseline: the first revision with `ship`, Mon 19.
    repo.commit('Plan: ship', { date: at('19', 8), files: { 'project.yml': WITH_SHIP } });
    // After it: S-1 at its estimate (ratio 1), S-2 five times it (ratio 5).
    // Were they seen at the baseline, the pool would not be all 2s.
    repo.commit('S-1: start', { date: at('19') });
    repo.commit('Closes S-1', { date: at('20', 17) });
    repo.commit('S-2: start', { date: at('21') });
    repo.commit('Closes S-2', { date: '2026-02-03T17:00:00Z' });
    repo.commit('Release notes', { date: '2026-02-04T10:00:00Z' });
    repo.git('tag', 'v1.0');
  });
  after(() => repo.remove());

  it('says what the P85 was at the baseline and when it shipped, in --json', async () => {
    // At the baseline every draw is ratio 2: S-1 (2d) takes 4 workdays Mon
    // 19 - Thu 22, S-2 4 more Fri 23 - Wed 28, in every run: P50 = P85 =
    // P95 = 2026-01-28, before the due Fri 30. Released Wed 2026-02-04:
    // Jan 29, 30, Feb 2, 3, 4 = 5 workdays after the P85.
    const r = await runCli(['postmortem', 'ship', '--json', '--today', '2026-02-10'], repo.dir);
    assert.equal(r.code, 0, r.err);
    const d = JSON.parse(r.out);
    assert.equal(d.history.baseline.day, '2026-01-19');
    assert.deepEqual(d.forecastAtBaseline, {
      asOf: '2026-01-19',
      baselineSha: d.history.baseline.sha,
      due: '2026-01-30',
      p50: '2026-01-28', p85: '2026-01-28', p95: '2026-01-28',
      onTimeProbability: 1,
      runs: 1000, seed: 20,
      durationsFrom: 'team',
      samples: 5,
      shipped: '2026-02-04',
      shippedSource: 'release',
      daysAfterP85: 5,
    });
  });

  it('writes the line in the Markdown summary', async () => {
    const r = await runCli(['postmortem', 'ship', '--today', '2026-02-10'], repo.dir);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.includes(
      '| Forecast at the baseline | We said 85% by 2026-01-28 \\(at the baseline 2026-01-19: P50 2026-01-28, 100% chance by its due 2026-01-30; '
      + '1000 runs, durations from the team\'s history \\(5 done tasks\\)\\); it shipped 2026-02-04, 5 workdays after it. |\n'), r.out);
  });
});
