#!/usr/bin/env node
// Builds the demo repository: examples/demo/project.yml plus eleven weeks of
// history by four people (and a dependency bot), deterministically: the same
// shas on every machine. Commits reference and close tasks, some work is
// unlinked, a feature branch is still open, one branch was merged, the beta
// was tagged v0.9.0, and project.yml itself changes over time (scope creep,
// a re-estimate, a reassignment) so that postmortems have a baseline; sprint
// 8 gains a task mid-sprint, and some commits say how long they took
// (`Time:`, `Spent:`, Jira's `#time`).
//
// Usage: node examples/demo/build-repo.mjs <dir> [--force]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const FINAL_PLAN = readFileSync(join(here, 'project.yml'), 'utf8');

const PEOPLE = {
  ana: ['Ana Souza', 'ana@harbor.example'],
  ana2: ['Ana Souza', 'ana.souza@users.noreply.example'],
  ben: ['Ben Okafor', 'ben@harbor.example'],
  chen: ['Chen Wei', 'chen@harbor.example'],
  dara: ['Dara Byrne', 'dara@harbor.example'],
  bot: ['renovate[bot]', 'bot@renovate.example'],
};

// --- project.yml as it stood at earlier revisions ------------------------

/** Lines of one task block: from its `- id:` line to the next item or a shallower line. */
function taskBlock(lines, id) {
  const start = lines.findIndex((l) => new RegExp(`^(\\s*)- id: ${id}\\s*$`).test(l));
  if (start < 0) throw new Error(`demo: no task ${id}`);
  const indent = lines[start].indexOf('-');
  let end = start + 1;
  while (end < lines.length) {
    const l = lines[end];
    const ind = l.search(/\S/);
    if (ind >= 0 && ind <= indent) break;
    end++;
  }
  while (end > start + 1 && lines[end - 1].trim() === '') end--;
  return [start, end];
}

function dropTask(text, id) {
  const lines = text.split('\n');
  const [s, e] = taskBlock(lines, id);
  lines.splice(s, e - s);
  return lines.join('\n');
}

function setTaskField(text, id, field, value) {
  const lines = text.split('\n');
  const [s, e] = taskBlock(lines, id);
  for (let i = s; i < e; i++) {
    const m = new RegExp(`^(\\s*)${field}: .*$`).exec(lines[i]);
    if (m) {
      if (value === null) lines.splice(i, 1);
      else lines[i] = `${m[1]}${field}: ${value}`;
      return lines.join('\n');
    }
  }
  if (value === null) return text;
  const indent = ' '.repeat(lines[s].indexOf('-') + 2);
  lines.splice(s + 2, 0, `${indent}${field}: ${value}`);
  return lines.join('\n');
}

function dropSection(text, key, nextKey) {
  const a = text.indexOf(`\n${key}:\n`);
  const b = text.indexOf(`\n${nextKey}:\n`);
  return text.slice(0, a + 1) + text.slice(b + 1);
}

const ALL_TASKS = [...FINAL_PLAN.matchAll(/- id: (RET-\d+)/g)].map((m) => m[1]);

/** The baseline: before scope creep, re-estimates, sprints and any status. */
function planBaseline() {
  let t = FINAL_PLAN;
  for (const id of ['RET-15', 'RET-19', 'RET-27']) t = dropTask(t, id);
  for (const id of ALL_TASKS.filter((x) => !['RET-15', 'RET-19', 'RET-27'].includes(x))) {
    t = setTaskField(t, id, 'status', null);
    t = setTaskField(t, id, 'progress', null);
  }
  t = setTaskField(t, 'RET-3', 'estimate', '3d');
  t = setTaskField(t, 'RET-12', 'estimate', '4d');
  t = setTaskField(t, 'RET-13', 'assignee', 'ben');
  t = setTaskField(t, 'RET-7', 'due', '2026-10-02');
  t = dropSection(t, 'sprints', 'risks');
  t = t.replace('    status: occurred\n', '    status: open\n');
  return t;
}

const REV_A = planBaseline();
const REV_B = setTaskField(REV_A, 'RET-3', 'estimate', '5d          # re-estimated from 3d after the policy review');
function revC() {
  // Scope added to the portal (and to GA) after the baseline.
  const lines = FINAL_PLAN.split('\n');
  let t = REV_B;
  for (const [id, after] of [['RET-15', 'RET-14'], ['RET-19', 'RET-18'], ['RET-27', 'RET-26']]) {
    const [s, e] = taskBlock(lines, id);
    const block = lines.slice(s, e).filter((l) => !/^\s*(status|progress):/.test(l));
    const tl = t.split('\n');
    const [, ae] = taskBlock(tl, after);
    tl.splice(ae, 0, ...block);
    t = tl.join('\n');
  }
  return t;
}
const REV_C = revC();
function revD() {
  // The beta shipped: statuses written back.
  let t = REV_C;
  for (const id of ['RET-1', 'RET-2', 'RET-3', 'RET-4', 'RET-5', 'RET-6', 'RET-8', 'RET-9']) t = setTaskField(t, id, 'status', 'done');
  t = setTaskField(t, 'RET-7', 'status', 'review');
  return t;
}
const REV_D = revD();
// Sprint 8 as planned on its first day, before the merchant approval screen (RET-19) joined it mid-sprint.
const S8_TASKS = '    tasks: [RET-12, RET-13, RET-15, RET-18, RET-19]\n';
const withoutRet19 = (t) => t.replace(S8_TASKS, '    tasks: [RET-12, RET-13, RET-15, RET-18]\n');
if (withoutRet19(FINAL_PLAN) === FINAL_PLAN) throw new Error('demo: sprint S8 no longer lists RET-19');
// The sprints written down before sprint 7 began.
const REV_E = withoutRet19(REV_D.replace('\nrisks:\n', `\n${FINAL_PLAN.slice(FINAL_PLAN.indexOf('sprints:\n'), FINAL_PLAN.indexOf('\nrisks:\n'))}\nrisks:\n`));
const REV_F = withoutRet19(FINAL_PLAN);

// --- the history -------------------------------------------------------------

/** [date, author, message, options] in order; options: plan, branch, merge, tag, file. */
const EVENTS = [
  ['2026-09-07', 'ana', 'Add the Harbor Returns plan', { plan: REV_A, file: 'README.md' }],
  ['2026-09-08', 'ana', 'RET-1: sketch the returns tables', { file: 'db/schema.sql' }],
  ['2026-09-09', 'dara', 'Set up the CI pipeline (RET-5)', { file: '.ci/pipeline.yml' }],
  ['2026-09-10', 'ana', 'Returns data model with migrations\n\nCloses: RET-1', { file: 'db/schema.sql' }],
  ['2026-09-11', 'dara', 'ci: preview environments per branch\n\nFixes RET-5', { file: '.ci/preview.yml' }],
  ['2026-09-14', 'ana', 'RET-2 returns API skeleton', { file: 'api/server.ts' }],
  ['2026-09-15', 'ben', 'Beta guide outline\n\nRefs: RET-8', { file: 'docs/beta-guide.md' }],
  ['2026-09-16', 'ana2', 'Token auth for the returns API, closes RET-2', { file: 'api/auth.ts' }],
  ['2026-09-17', 'ben', 'docs: finish the partner beta guide, fixes RET-8', { file: 'docs/beta-guide.md' }],
  ['2026-09-17', 'chen', 'Carrier client for label creation (#41)', { file: 'api/carriers/client.ts' }],
  ['2026-09-21', 'ana', 'Plan: re-estimate the eligibility rules after the policy review', { plan: REV_B }],
  ['2026-09-21', 'chen', 'Label PDFs from the carrier API, fixes #41', { file: 'api/carriers/labels.ts' }],
  ['2026-09-22', 'ana', 'RET-3: eligibility rules for return windows', { file: 'api/eligibility.ts' }],
  ['2026-09-24', 'dara', 'Contract tests for the returns API [RET-6]', { file: 'test/contract.test.ts' }],
  ['2026-09-25', 'bot', 'Bump express from 4.21.1 to 4.21.2', { file: 'package.json' }],
  ['2026-09-28', 'ana', 'RET-3: rules for damaged items', { file: 'api/eligibility.ts' }],
  ['2026-09-30', 'dara', 'Contract tests run on every pull request\n\nResolves: RET-6', { file: '.ci/pipeline.yml' }],
  ['2026-10-01', 'ana', 'Eligibility engine complete; implements RET-3', { file: 'api/eligibility.ts' }],
  ['2026-10-02', 'chen', 'RET-7: refund calculation draft', { file: 'api/refunds.ts' }],
  ['2026-10-05', 'ben', 'Plan: add accessibility fixes, localization and the onboarding wizard', { plan: REV_C }],
  ['2026-10-05', 'ben', 'Portal UX flows (RET-10)', { file: 'portal/flows.md' }],
  ['2026-10-06', 'chen', 'fix rounding in the refund calculation (RET-7)', { file: 'api/refunds.ts' }],
  ['2026-10-08', 'ben', 'Portal flows reviewed with support, closes RET-10', { file: 'portal/flows.md' }],
  ['2026-10-08', 'dara', 'Fix the flaky deploy step', { file: '.ci/preview.yml' }],
  ['2026-10-13', 'dara', 'Beta release checklist signed off, fixes RET-9', { file: 'CHANGELOG.md', tag: 'v0.9.0' }],
  ['2026-10-13', 'dara', 'Plan: the beta shipped', { plan: REV_D }],
  ['2026-10-15', 'ben', 'RET-11 order lookup page', { file: 'portal/lookup.tsx' }],
  ['2026-10-19', 'ana', 'RET-16: refund status model', { file: 'api/refund-status.ts' }],
  ['2026-10-20', 'chen', 'RET-14: email templates', { file: 'api/notify/templates.ts', branch: 'RET-14-notifications' }],
  ['2026-10-22', 'ben', 'Order lookup by email and order number. Fixes RET-11', { file: 'portal/lookup.tsx' }],
  ['2026-10-23', 'ana', 'Merchant admin endpoints (RET-18)', { file: 'api/admin.ts' }],
  ['2026-10-26', 'chen', 'RET-14: send notifications from the queue', { file: 'api/notify/queue.ts', branch: 'RET-14-notifications' }],
  ['2026-10-26', 'chen', "Merge branch 'RET-14-notifications'", { merge: 'RET-14-notifications' }],
  ['2026-10-27', 'bot', 'Bump typescript from 5.9.2 to 5.9.3', { file: 'package.json' }],
  ['2026-10-28', 'ana', 'RET-16 webhook from the payment provider', { file: 'api/refund-status.ts' }],
  ['2026-10-30', 'dara', 'Plan: sprints 7 and 8', { plan: REV_E }],
  ['2026-11-02', 'ben', 'RET-12: photo upload component', { file: 'portal/upload.tsx', branch: 'RET-12-photo-upload' }],
  ['2026-11-03', 'chen', 'RET-13: QR code for drop-off\n\nTime: 3h', { file: 'portal/qr.tsx' }],
  ['2026-11-04', 'ben', 'RET-12: resize photos in the browser', { file: 'portal/upload.tsx', branch: 'RET-12-photo-upload' }],
  ['2026-11-05', 'ana', 'Refund status page API, part of RET-16', { file: 'api/refund-status.ts' }],
  ['2026-11-06', 'dara', 'Load test scaffolding', { file: 'test/load/k6.js' }],
  ['2026-11-16', 'dara', 'Plan: sprint 8', { plan: REV_F }],
  ['2026-11-16', 'ana', 'RET-18: approve or deny with a reason', { file: 'api/admin.ts' }],
  ['2026-11-17', 'chen', 'Label download links expire after 7 days (RET-13, RET-4)\n\nSpent: 2h30m', { file: 'api/carriers/labels.ts' }],
  ['2026-11-18', 'ben', 'Fix a typo in the portal footer', { file: 'portal/footer.tsx' }],
  ['2026-11-18', 'dara', 'Plan: the merchant approval screen joins sprint 8', { plan: FINAL_PLAN }],
  ['2026-11-19', 'ana', 'RET-22: first fraud heuristics #time 1d 2h', { file: 'api/fraud.ts' }],
  ['2026-11-20', 'chen', 'Refund calculation handles partial returns\n\nCloses: RET-7', { file: 'api/refunds.ts' }],
];

function main() {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const target = args.find((a) => !a.startsWith('--'));
  if (!target) {
    process.stderr.write('usage: node examples/demo/build-repo.mjs <dir> [--force]\n');
    process.exit(2);
  }
  const dir = resolve(target);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!force) {
      process.stderr.write(`build-repo: ${dir} is not empty (pass --force to replace it)\n`);
      process.exit(2);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  build(dir);
  process.stdout.write(`Demo repository with ${EVENTS.length} events written to ${dir}\n`);
}

function build(dir) {
  // Nothing from the user's git config may change the result.
  const baseEnv = {
    ...process.env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    TZ: 'UTC',
    LC_ALL: 'C',
  };
  const git = (argv, env = {}) =>
    execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...argv], {
      cwd: dir, env: { ...baseEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8',
    });
  git(['init', '-q', '-b', 'main']);
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n');
  let counter = 0;
  let hour = 9;
  let current = 'main';
  const checkout = (branch) => {
    if (branch === current) return;
    const exists = git(['branch', '--list', branch]).trim() !== '';
    git(exists ? ['checkout', '-q', branch] : ['checkout', '-q', '-b', branch]);
    current = branch;
  };
  for (const [date, who, message, opts] of EVENTS) {
    const [name, email] = PEOPLE[who];
    hour = (hour % 9) + 9; // 09:00..17:00, deterministic
    const stamp = `${date}T${String(hour).padStart(2, '0')}:${String((counter * 7) % 60).padStart(2, '0')}:00+00:00`;
    const env = {
      GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: stamp,
      GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email, GIT_COMMITTER_DATE: stamp,
    };
    counter++;
    if (opts.merge) {
      checkout('main');
      git(['merge', '-q', '--no-ff', '-m', message, opts.merge], env);
      continue;
    }
    checkout(opts.branch ?? 'main');
    if (opts.plan) writeFileSync(join(dir, 'project.yml'), opts.plan);
    if (opts.file) {
      const p = join(dir, opts.file);
      mkdirSync(dirname(p), { recursive: true });
      const before = existsSync(p) ? readFileSync(p, 'utf8') : '';
      writeFileSync(p, `${before}// ${counter}: ${message.split('\n')[0]}\n`);
    }
    git(['add', '-A']);
    git(['commit', '-q', '-m', message], env);
    if (opts.tag) git(['tag', opts.tag], env);
  }
  checkout('main');
}

main();
