// Repositories for the site tests: the demo (examples/demo/build-repo.mjs) and
// a small plan whose every text field and a commit subject are hostile HTML.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { TestRepo, tempDir } from './gitRepoFixture';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const DEMO_TODAY = '2026-11-21';
export const HOSTILE_TODAY = '2026-01-20';

/** The markup every hostile field carries; the site must show it as text. */
export const HOSTILE = '<img src=x onerror=alert(1)>';

export function demoRepo(): string {
  const dir = tempDir('waymark-site-demo-');
  execFileSync(process.execPath, [join(ROOT, 'examples/demo/build-repo.mjs'), dir, '--force'], { stdio: 'pipe' });
  return dir;
}

/** YAML double-quoted string of `s`. */
const q = (s: string): string => JSON.stringify(s);

export function hostilePlan(): string {
  return `version: 1
project:
  name: ${q(`Hostile ${HOSTILE}`)}
  key: HX
  start: 2026-01-05
people:
  - id: ana
    name: ${q(`Ana </td><script>alert(2)</script>`)}
    email: ana@example.com
milestones:
  - id: m1
    title: ${q(`First ${HOSTILE}`)}
    due: 2026-01-09
    tasks:
      - id: HX-1
        title: ${q(HOSTILE)}
        estimate: 1d
        assignee: ana
      - id: HX-2
        title: ${q(`"><svg onload=alert(3)>`)}
        estimate: 2d
        assignee: ana
  - id: m2
    title: ${q(`Second & <b>bold</b>`)}
    due: 2026-02-27
    tasks:
      - id: HX-3
        title: ${q(`Style </style><style>body{display:none}</style>`)}
        estimate: 3d
        assignee: ana
        depends: [HX-1]
risks:
  - id: R1
    title: ${q(`Risk ${HOSTILE}`)}
    probability: high
    impact: high
    owner: ana
    tasks: [HX-3]
sprints:
  - id: S1
    start: 2026-01-05
    end: 2026-01-16
    goal: ${q(`Goal ${HOSTILE}`)}
`;
}

/** The hostile plan committed, then commits that start and close m1's tasks with hostile subjects. */
export function hostileRepo(): TestRepo {
  const repo = TestRepo.create();
  repo.commit('Add the plan', { files: { 'project.yml': hostilePlan() }, date: '2026-01-05T09:00:00Z' });
  repo.commit(`HX-1 start ${HOSTILE}`, { date: '2026-01-05T10:00:00Z' });
  repo.commit(`fixes HX-1 </textarea><script>alert(5)</script>`, { date: '2026-01-06T10:00:00Z' });
  repo.commit(`closes HX-2 **not bold** [link](javascript:alert(6)) ${HOSTILE}`, { date: '2026-01-08T10:00:00Z' });
  repo.commit('HX-3 started', { date: '2026-01-12T10:00:00Z' });
  return repo;
}
