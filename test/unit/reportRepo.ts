// A real git repository for the report tests: project.yml changes over six
// revisions (one does not parse), commits by two people reference and close
// tasks on fixed dates, a feature branch is merged, and v1.0 is tagged.
// The expected numbers in postmortem.test.ts are derived from this history by
// hand; change it only together with those derivations.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PEOPLE = {
  ana: { name: 'Ana A', email: 'ana@x.test' },
  bo: { name: 'Bo B', email: 'bo@x.test' },
} as const;

const HEADER = `version: 1
project:
  name: Test Project
  key: T
  start: 2026-03-02
people:
  - id: ana
    name: Ana A
    email: ana@x.test
  - id: bo
    name: Bo B
    email: bo@x.test
    capacity: 0.5
`;

const M2 = (t3: string) => `  - id: m2
    title: Second
    due: 2026-03-27
    tasks:
      - id: T-6
        title: Later work
        assignee: ana
        estimate: 2d
${t3}`;

const T3_BO = `      - id: T-3
        title: Docs
        assignee: bo
        estimate: 1d
`;

const RISKS = (r1: string, r2: string) => `risks:
  - id: R1
    title: Vendor API changes
    probability: high
    impact: medium
    status: ${r1}
    owner: ana
    tasks: [T-2]
  - id: R2
    title: Bo is part-time
    probability: medium
    impact: low
${r2}    tasks: [T-4]
  - id: R3
    title: Unrelated m2 risk
    probability: low
    impact: low
    status: open
    tasks: [T-6]
`;

/** R1, 2026-02-26: only m2; T-5 in the backlog. */
export const REV1 = `${HEADER}milestones:
${M2('')}backlog:
  - id: T-5
    title: Spike on caching
    assignee: bo
    estimate: 1d
`;

const M1_BASE = `  - id: m1
    title: First release
    due: 2026-03-13
    release: v1.0
    tasks:
      - id: T-1
        title: Schema
        assignee: ana
        estimate: 2d
      - id: T-2
        title: API
        assignee: ana
        estimate: 3d
        depends: [T-1]
${T3_BO}      - id: T-4
        title: Import tool
        assignee: bo
        estimate: 2d
        due: 2026-03-06
`;

/** R2, 2026-03-02: m1 appears (the baseline). */
export const REV2 = `${HEADER}milestones:
${M1_BASE}${M2('')}backlog:
  - id: T-5
    title: Spike on caching
    assignee: bo
    estimate: 1d
${RISKS('open', '    status: open\n')}`;

/** R3, 2026-03-04: does not parse (an unclosed flow sequence). */
export const REV3 = REV2.replace('depends: [T-1]', 'depends: [T-1');

const T7 = `      - id: T-7
        title: "Export [CSV] *fast*"
        assignee: ana
        estimate: 1d
`;
const T5 = `      - id: T-5
        title: Spike on caching
        assignee: bo
        estimate: 1d
`;

/** R4, 2026-03-05: T-2 3d -> 4d, T-4 reassigned to ana and due moved, T-7 added, T-5 moved in from the backlog. */
export const REV4 = `${HEADER}milestones:
${M1_BASE.replace('estimate: 3d', 'estimate: 4d').replace('        assignee: bo\n        estimate: 2d\n        due: 2026-03-06', '        assignee: ana\n        estimate: 2d\n        due: 2026-03-10')}${T7}${T5}${M2('')}${RISKS('open', '    status: open\n')}`;

/** R5, 2026-03-10: T-4 dropped, T-3 moved to m2, R1 occurred, R2 mitigated (reviewed 03-09). */
export const REV5 = REV4
  .replace(T3_BO, '')
  .replace('        due: 2026-03-10\n', '        due: 2026-03-10\n        status: dropped\n')
  .replace(M2(''), M2(T3_BO))
  .replace(RISKS('open', '    status: open\n'), RISKS('occurred', '    status: mitigated\n    reviewed: 2026-03-09\n'));

/** R6, 2026-03-17 (after the tag): statuses written back. */
export const REV6 = REV5
  .replace('        estimate: 2d\n      - id: T-2', '        estimate: 2d\n        status: done\n      - id: T-2');

export interface RepoEvent {
  date: string;
  who: keyof typeof PEOPLE;
  message: string;
  plan?: string;
  file?: string;
  branch?: string;
  merge?: string;
  tag?: string;
}

/** The history, in order. Times are UTC; author and committer dates are equal. */
export const EVENTS: RepoEvent[] = [
  { date: '2026-02-26T09:00:00Z', who: 'ana', message: 'Plan: initial', plan: REV1 },
  { date: '2026-02-27T10:00:00Z', who: 'bo', message: 'T-5: caching spike', file: 'spike.txt' },
  { date: '2026-03-02T09:00:00Z', who: 'ana', message: 'Plan: add the first release', plan: REV2 },
  { date: '2026-03-02T11:00:00Z', who: 'ana', message: 'T-1: start the schema', file: 'schema.sql' },
  { date: '2026-03-03T10:00:00Z', who: 'ana', message: 'Schema done\n\nCloses T-1', file: 'schema.sql' },
  { date: '2026-03-03T11:00:00Z', who: 'bo', message: 'T-4: import tool draft', file: 'import.txt' },
  { date: '2026-03-04T09:00:00Z', who: 'ana', message: 'Plan: work in progress', plan: REV3 },
  { date: '2026-03-04T10:00:00Z', who: 'ana', message: 'T-2: API endpoints', file: 'api.txt' },
  { date: '2026-03-05T09:00:00Z', who: 'ana', message: 'Plan: re-estimate and take in more work', plan: REV4 },
  { date: '2026-03-05T10:00:00Z', who: 'bo', message: 'Fix the build <script>alert(1)</script> | *now*', file: 'build.txt' },
  { date: '2026-03-06T10:00:00Z', who: 'bo', message: 'Docs for T-3', file: 'docs.md', branch: 'feat' },
  { date: '2026-03-09T09:00:00Z', who: 'ana', message: "Merge branch 'feat'", merge: 'feat' },
  { date: '2026-03-09T10:00:00Z', who: 'ana', message: 'T-2: validation', file: 'api.txt' },
  { date: '2026-03-10T09:00:00Z', who: 'ana', message: 'Plan: drop the import tool', plan: REV5 },
  { date: '2026-03-11T10:00:00Z', who: 'ana', message: 'Implements T-2', file: 'api.txt' },
  { date: '2026-03-11T11:00:00Z', who: 'ana', message: 'T-7 started; fixes T-5', file: 'export.txt' },
  { date: '2026-03-12T10:00:00Z', who: 'bo', message: 'Update dependencies', file: 'deps.txt' },
  { date: '2026-03-13T10:00:00Z', who: 'ana', message: 'Closes T-7', file: 'export.txt' },
  { date: '2026-03-16T10:00:00Z', who: 'bo', message: 'Release notes', file: 'NOTES.md', tag: 'v1.0' },
  { date: '2026-03-17T09:00:00Z', who: 'ana', message: 'Plan: statuses', plan: REV6 },
  { date: '2026-03-18T10:00:00Z', who: 'ana', message: 'fixes T-6', file: 'later.txt' },
];

export function git(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', args, {
    cwd: dir,
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', TZ: 'UTC', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** Builds the repository in a new temp folder and returns its path. */
export function buildReportRepo(events: RepoEvent[] = EVENTS): string {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-report-'));
  git(dir, ['init', '-q', '-b', 'main']);
  for (const e of events) commit(dir, e);
  return dir;
}

export function commit(dir: string, e: RepoEvent): string {
  const p = PEOPLE[e.who];
  const env = {
    GIT_AUTHOR_NAME: p.name, GIT_AUTHOR_EMAIL: p.email, GIT_AUTHOR_DATE: e.date,
    GIT_COMMITTER_NAME: p.name, GIT_COMMITTER_EMAIL: p.email, GIT_COMMITTER_DATE: e.date,
  };
  if (e.branch) {
    const exists = git(dir, ['branch', '--list', e.branch]) !== '';
    git(dir, exists ? ['checkout', '-q', e.branch] : ['checkout', '-q', '-b', e.branch]);
  }
  if (e.merge) {
    git(dir, ['merge', '-q', '--no-ff', '-m', e.message, e.merge], env);
  } else {
    if (e.plan !== undefined) writeFileSync(join(dir, 'project.yml'), e.plan);
    if (e.file) {
      mkdirSync(join(dir, e.file, '..'), { recursive: true });
      writeFileSync(join(dir, e.file), `${e.message}\n${e.date}\n`, { flag: 'a' });
    }
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', e.message], env);
  }
  if (e.branch) git(dir, ['checkout', '-q', 'main']);
  if (e.tag) git(dir, ['tag', e.tag], env);
  return git(dir, ['rev-parse', e.branch ?? 'HEAD']);
}

/** Full sha of the commit whose subject is `subject` (first line). */
export function shaOf(dir: string, subject: string): string {
  const out = git(dir, ['log', '--all', '--format=%H%x09%s']);
  const line = out.split('\n').find((l) => l.split('\t')[1] === subject);
  if (!line) throw new Error(`no commit '${subject}'`);
  return line.split('\t')[0];
}
