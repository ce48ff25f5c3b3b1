// History bench: Waymark's streaming scan of a 100k-commit repository against
// the floor, `git log` with the same format writing straight into a file
// (Waymark must read every message once); the old reference, the same git
// drained through a Node pipe (it pays the pipe's overhead as the scan does),
// and that pipe without GIT_FLUSH=0; simple-git's log(); an incremental scan
// after one new commit, in this process and in a fresh one (the CLI); and the
// heap the scan adds.
// Rounds are interleaved and the best of N is reported (the least disturbed
// run: on a shared machine the load swings several-fold between runs), so
// load hits every contender alike; medians go to the log.
//
// The whole CLI too: `waymark status` in a fresh process after one new commit,
// next to its floor (Node's start-up, `node -e 0`, plus one git process): CPU
// of Node and its git children together, and wall time; and the same question
// asked again with nothing changed, which the launcher answers from its kept
// answer (src/cli/statusAnswer.ts).
//
// Run: npm run bench, or `npm run compile-tests && node bench/cases/history.mjs`.
// WAYMARK_BENCH_COMMITS overrides the size: 1000000 builds the 1M-commit
// history once with git fast-import into bench/.cache (docs/development.md
// says how long it takes) and leaves out the simple-git rows (it buffers the
// whole log). WAYMARK_BENCH_REPO=/path/to/a/clone adds rows for a real
// history (docs/development.md, "Bench"); the bench fetches nothing and never writes
// to that clone. WAYMARK_OUT names the compiled tree (default out/).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigPlanYaml, buildBigRepo } from '../fixtures/bigRepo.mjs';
import { gitLogToFile, rawGitLog } from '../fixtures/gitRepo.mjs';
import { median, round } from '../stats.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const OUT = resolve(process.env.WAYMARK_OUT ?? join(ROOT, 'out'));

const best = (xs) => Math.min(...xs);
/** `waymark status` runs after one new commit each (the whole CLI: plan parse, scan, analysis, forecast). */
const CLI_ROUNDS = 5;

function load() {
  return {
    history: require(join(OUT, 'src/core/git/history.js')),
    logStream: require(join(OUT, 'src/core/git/logStream.js')),
    run: require(join(OUT, 'src/core/git/run.js')),
    link: require(join(OUT, 'src/core/link.js')),
    parse: require(join(OUT, 'src/core/parse.js')),
  };
}

/**
 * CPU accounting that machine load cannot inflate: git runs through a POSIX
 * shell wrapper whose `times` builtin appends the CPU its children used, and
 * Node's own CPU comes from process.cpuUsage(). (Not on Windows.)
 */
function cpuMeter(dir) {
  if (process.platform === 'win32') return undefined;
  const wrapper = join(dir, 'git-times.sh');
  const file = join(dir, 'times.txt');
  writeFileSync(wrapper, '#!/bin/sh\ngit "$@"\nrc=$?\ntimes >> "${WAYMARK_BENCH_TIMES:-/dev/null}"\nexit $rc\n');
  chmodSync(wrapper, 0o755);
  const secs = (t) => { const m = /^(\d+)m([\d.]+)s$/.exec(t); return m ? Number(m[1]) * 60 + Number(m[2]) : 0; };
  return {
    gitPath: wrapper,
    async measure(fn) {
      writeFileSync(file, '');
      process.env.WAYMARK_BENCH_TIMES = file;
      const c0 = process.cpuUsage();
      try {
        await fn(wrapper);
      } finally {
        delete process.env.WAYMARK_BENCH_TIMES;
      }
      const c = process.cpuUsage(c0);
      // `times` prints two lines per call: the shell's own, then its children's (git).
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      let git = 0;
      for (let i = 1; i < lines.length; i += 2) git += lines[i].split(' ').reduce((a, t) => a + secs(t), 0);
      return { nodeMs: (c.user + c.system) / 1000, gitMs: git * 1000 };
    },
  };
}

async function simpleGitLog(dir, matcher) {
  const { simpleGit } = require('simple-git');
  const git = simpleGit({ baseDir: dir });
  const log = await git.log({
    format: { hash: '%H', parents: '%P', author_name: '%aN', author_email: '%aE', date: '%aI', body: '%B' },
    'refs/heads/main': null,
  });
  let linked = 0;
  if (matcher) for (const c of log.all) if (matcher.match(c.body).length) linked++;
  return { commits: log.all.length, linked };
}

async function time(fn) {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** One incremental scan in a new Node process (the CLI's case): the scan's own time and Node CPU, not Node's start-up. */
function freshProcessIncremental(dir, planFile, cacheFile) {
  const script = `
    const { scanHistory } = require(${JSON.stringify(join(OUT, 'src/core/git/history.js'))});
    const { parsePlan } = require(${JSON.stringify(join(OUT, 'src/core/parse.js'))});
    const plan = parsePlan(require('node:fs').readFileSync(${JSON.stringify(planFile)})).plan;
    (async () => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const scan = await scanHistory(${JSON.stringify(dir)}, plan, { cacheFile: ${JSON.stringify(cacheFile)} });
      const ms = performance.now() - t0;
      const c = process.cpuUsage(c0);
      if (scan.stats.cache !== 'incremental') throw new Error(JSON.stringify(scan.stats));
      process.stdout.write(JSON.stringify({ ms, cpuMs: (c.user + c.system) / 1000 }));
    })();`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
}

/** Heap retained by a cold scan's result, and the peak while scanning, measured in a fresh child with --expose-gc. */
function measureHeap(dir, planFile) {
  const script = `
    const { scanHistory } = require(${JSON.stringify(join(OUT, 'src/core/git/history.js'))});
    const { parsePlan } = require(${JSON.stringify(join(OUT, 'src/core/parse.js'))});
    const plan = parsePlan(require('node:fs').readFileSync(${JSON.stringify(planFile)})).plan;
    (async () => {
      gc(); gc();
      const before = process.memoryUsage().heapUsed;
      let peak = before;
      const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 5);
      const scan = await scanHistory(${JSON.stringify(dir)}, plan);
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      gc(); gc();
      const after = process.memoryUsage().heapUsed;
      process.stdout.write(JSON.stringify({ retained: after - before, peak: peak - before, linked: scan.commits.length }));
    })();`;
  const out = execFileSync(process.execPath, ['--expose-gc', '-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out);
}

/** CPU (user + system, ms) of one process and every child it waited for, from the shell's `times`. */
function processCpu(cmd, args, cwd = ROOT) {
  const out = execFileSync('/bin/sh', ['-c', '"$@" >/dev/null 2>&1; times', 'sh', cmd, ...args], { cwd, encoding: 'utf8' });
  const secs = (t) => { const m = /^(\d+)m([\d.]+)s$/.exec(t); return m ? Number(m[1]) * 60 + Number(m[2]) : 0; };
  // Two lines: the shell's own times, then its children's.
  return out.trim().split('\n')[1].split(' ').reduce((a, t) => a + secs(t), 0) * 1000;
}

/** `waymark status --json` of the built CLI (dist/cli.js) on the bench repository: its CPU with its git children. */
function cliStatus(repo) {
  return processCpu(process.execPath, [join(ROOT, 'dist/cli.js'), 'status', '--json', '--file', repo.planFile, '--repo', repo.dir, '--today', '2027-02-01']);
}

/**
 * WAYMARK_BENCH_REPO: a local clone of a real public history. Its plan is its
 * own project.yml when it has one, else the generated plan (which references
 * nothing there: the scan still reads and filters every message). Only cold
 * scans: nothing is written to the clone (no cache file, no commits).
 */
async function realRepoRows(dir, m, rounds, log) {
  const planFile = join(dir, 'project.yml');
  let planYaml;
  try { planYaml = readFileSync(planFile, 'utf8'); } catch { planYaml = bigPlanYaml(); }
  const plan = m.parse.parsePlan(planYaml).plan;
  if (!plan) throw new Error(`WAYMARK_BENCH_REPO: ${planFile} is not a usable plan`);
  const first = await m.history.scanHistory(dir, plan);
  const rev = `refs/heads/${first.defaultBranch}`;
  const commits = Number(execFileSync('git', ['-C', dir, 'rev-list', '--count', rev], { encoding: 'utf8' }).trim());
  const name = `history, ${dir.split('/').pop()}`;
  const floor = [], cold = [], floorCpu = [], coldCpu = [], coldGitCpu = [];
  const meterDir = mkdtempSync(join(tmpdir(), 'waymark-cpu-'));
  const meter = cpuMeter(meterDir);
  try {
    for (let r = 0; r < rounds; r++) {
      floor.push((await time(() => gitLogToFile(dir, m, { rev }))).ms);
      cold.push((await time(() => m.history.scanHistory(dir, plan))).ms);
      if (meter) {
        const f = await meter.measure((g) => gitLogToFile(dir, m, { rev, gitPath: g }));
        const b = await meter.measure((g) => m.history.scanHistory(dir, plan, { gitPath: g }));
        floorCpu.push(f.nodeMs + f.gitMs);
        coldCpu.push(b.nodeMs + b.gitMs);
        coldGitCpu.push(b.gitMs);
      }
      log(`${name} round ${r + 1}/${rounds}: git log > file ${round(floor[r], 1)} ms, scan ${round(cold[r], 1)} ms`);
    }
  } finally {
    rmSync(meterDir, { recursive: true, force: true });
  }
  const heap = measureHeap(dir, existsSync(planFile) ? planFile : writeTempPlan(planYaml));
  const n = `best of ${rounds}`;
  return [
    { case: name, metric: `git log into a file (the floor; ${commits} commits on ${first.defaultBranch}, ${n})`, value: round(best(floor), 1), unit: 'ms' },
    { case: name, metric: `cold scan (${first.commits.length} linked commits, ${n})`, value: round(best(cold), 1), unit: 'ms', reference: { label: 'git log > file', value: round(best(floor), 1) }, target: '<= 1.2x' },
    ...(coldCpu.length ? [
      { case: name, metric: `cold scan CPU, git + Node (median of ${rounds})`, value: round(median(coldCpu), 1), unit: 'ms', reference: { label: 'git log > file CPU', value: round(median(floorCpu), 1) }, target: '<= 1.2x' },
      { case: name, metric: `cold scan CPU, git's share (median of ${rounds})`, value: round(median(coldGitCpu), 1), unit: 'ms', reference: { label: 'cold scan CPU', value: round(median(coldCpu), 1) } },
    ] : []),
    { case: name, metric: 'peak heap added during a cold scan', value: round(heap.peak / 1048576, 1), unit: 'MB', target: '< 100 MB' },
  ];
}

function writeTempPlan(yaml) {
  const file = join(mkdtempSync(join(tmpdir(), 'waymark-plan-')), 'project.yml');
  writeFileSync(file, yaml);
  return file;
}

export default async function run(ctx = {}) {
  const log = ctx.log ?? ((s) => process.stderr.write(`${s}\n`));
  // --quick: a 20k-commit repository and three rounds.
  const commits = Number(process.env.WAYMARK_BENCH_COMMITS ?? (ctx.quick ? 20_000 : 100_000));
  const ROUNDS = ctx.quick && !process.env.WAYMARK_BENCH_ROUNDS ? 3 : Number(process.env.WAYMARK_BENCH_ROUNDS ?? 5);
  const repo = buildBigRepo({ commits, log });
  const m = load();
  const parsed = m.parse.parsePlan(repo.planYaml);
  if (!parsed.plan) throw new Error('bench plan did not parse');
  const plan = parsed.plan;
  const matcher = m.link.buildMatcher(plan, {});
  const ok = execFileSync('git', ['-C', repo.dir, 'rev-parse', 'refs/heads/main'], { encoding: 'utf8' }).trim();
  if (ok !== repo.tip) throw new Error('fixture main moved; delete bench/.cache and rerun');

  // Warm the OS cache and the JIT once, untimed.
  await gitLogToFile(repo.dir, m);
  await rawGitLog(repo.dir, m);
  await m.history.scanHistory(repo.dir, plan);

  // simple-git buffers the whole output: at 1M commits that is gigabytes of strings.
  const withSimpleGit = commits <= 100_000;
  const floor = [], raw = [], rawFlush = [], cold = [], sg = [], sgMatch = [];
  let linked = 0, sgCount = 0;
  for (let r = 0; r < ROUNDS; r++) {
    floor.push((await time(() => gitLogToFile(repo.dir, m))).ms);
    raw.push((await time(() => rawGitLog(repo.dir, m))).ms);
    rawFlush.push((await time(() => rawGitLog(repo.dir, m, { flush: true }))).ms);
    const c = await time(() => m.history.scanHistory(repo.dir, plan));
    cold.push(c.ms);
    linked = c.value.commits.length;
    if (withSimpleGit) {
      sg.push((await time(() => simpleGitLog(repo.dir))).ms);
      const s = await time(() => simpleGitLog(repo.dir, matcher));
      sgMatch.push(s.ms);
      sgCount = s.value.linked;
    }
    log(`round ${r + 1}/${ROUNDS}: git log > file ${round(floor[r], 1)} ms, through a pipe ${round(raw[r], 1)} ms (without GIT_FLUSH=0 ${round(rawFlush[r], 1)} ms), scan ${round(cold[r], 1)} ms${withSimpleGit ? `, simple-git ${round(sg[r], 1)} ms` : ''}`);
  }
  // CPU rounds: total CPU of Node plus every git process, per contender.
  const meterDir = mkdtempSync(join(tmpdir(), 'waymark-cpu-'));
  const meter = cpuMeter(meterDir);
  const floorCpu = [], rawCpu = [], coldCpu = [], coldGitCpu = [];
  if (meter) {
    for (let r = 0; r < ROUNDS; r++) {
      const f = await meter.measure((g) => gitLogToFile(repo.dir, m, { gitPath: g }));
      const a = await meter.measure((g) => rawGitLog(repo.dir, m, { gitPath: g }));
      const b = await meter.measure((g) => m.history.scanHistory(repo.dir, plan, { gitPath: g }));
      floorCpu.push(f.nodeMs + f.gitMs);
      rawCpu.push(a.nodeMs + a.gitMs);
      coldCpu.push(b.nodeMs + b.gitMs);
      coldGitCpu.push(b.gitMs);
      log(`cpu round ${r + 1}/${ROUNDS}: git log > file: git ${round(f.gitMs, 1)} + node ${round(f.nodeMs, 1)} ms; pipe: git ${round(a.gitMs, 1)} + node ${round(a.nodeMs, 1)} ms; scan: git ${round(b.gitMs, 1)} + node ${round(b.nodeMs, 1)} ms`);
    }
  }
  rmSync(meterDir, { recursive: true, force: true });
  if (withSimpleGit && sgCount !== linked) log(`warning: simple-git path linked ${sgCount} commits, the scan ${linked}`);

  // Incremental: prime a cache, then one new commit on main per round, scanned
  // (a) in this process, which keeps the cache in memory as the extension does,
  // (b) in a fresh process that reads the cache files, as the CLI does.
  // Reference: one trivial git process (`git rev-parse HEAD`) in the same run,
  // since on a busy machine process start-up dominates both.
  const cacheDir = mkdtempSync(join(tmpdir(), 'waymark-bench-'));
  const cacheFile = join(cacheDir, 'history.json');
  const inc = [], incCpu = [], fresh = [], freshCpu = [], spawnFloor = [], incTotalCpu = [], cli = [], cliFloor = [], cliWall = [], cliWallFloor = [], again = [], againCpu = [], againFloor = [];
  try {
    await m.history.scanHistory(repo.dir, plan, { cacheFile });
    let parent = repo.tip;
    const tree = execFileSync('git', ['-C', repo.dir, 'rev-parse', `${repo.tip}^{tree}`], { encoding: 'utf8' }).trim();
    const addCommit = (r) => {
      const date = `2027-01-${String(r + 1).padStart(2, '0')}T10:00:00Z`;
      const env = { ...process.env, GIT_AUTHOR_NAME: 'Ana Souza', GIT_AUTHOR_EMAIL: 'ana@example.com', GIT_AUTHOR_DATE: date, GIT_COMMITTER_NAME: 'Ana Souza', GIT_COMMITTER_EMAIL: 'ana@example.com', GIT_COMMITTER_DATE: date };
      parent = execFileSync('git', ['-C', repo.dir, 'commit-tree', tree, '-p', parent, '-m', `fixes PAY-${r + 1} (bench round ${r})`], { env, encoding: 'utf8' }).trim();
      execFileSync('git', ['-C', repo.dir, 'update-ref', 'refs/heads/main', parent]);
    };
    const rounds = Math.max(5, ROUNDS);
    for (let r = 0; r < rounds; r++) {
      spawnFloor.push((await time(() => m.run.runGit(repo.dir, ['rev-parse', 'HEAD']))).ms);
      addCommit(r);
      const cpu0 = process.cpuUsage();
      const t = await time(() => m.history.scanHistory(repo.dir, plan, { cacheFile }));
      const cpu = process.cpuUsage(cpu0);
      incCpu.push((cpu.user + cpu.system) / 1000);
      const st = t.value.stats;
      if (st.cache !== 'incremental' || st.readCommits !== 1) throw new Error(`incremental scan did not use the cache: ${JSON.stringify(st)}`);
      inc.push(t.ms);
    }
    for (let r = rounds; r < rounds + 5; r++) {
      addCommit(r);
      const f = freshProcessIncremental(repo.dir, repo.planFile, cacheFile);
      fresh.push(f.ms);
      freshCpu.push(f.cpuMs);
    }
    // The whole CLI: a priming run writes its caches (.git/waymark/), then one new commit per run.
    // Wall time too, next to the same floor's (each through the same /bin/sh, so both pay it).
    cliStatus(repo);
    const wall = (fn) => { const t0 = performance.now(); const cpu = fn(); return { cpu, ms: performance.now() - t0 }; };
    /** One `waymark status` run, then its floor (`node -e 0` and one git process): wall and CPU of each. */
    const statusRound = () => {
      const c = wall(() => cliStatus(repo));
      const n = wall(() => processCpu(process.execPath, ['-e', '0']));
      const g = wall(() => processCpu('git', ['-C', repo.dir, 'rev-parse', 'HEAD']));
      return { ms: c.ms, cpu: c.cpu, floorMs: n.ms + g.ms, floorCpu: n.cpu + g.cpu };
    };
    for (let r = rounds + 5; r < rounds + 5 + CLI_ROUNDS; r++) {
      addCommit(r);
      const c = statusRound();
      cli.push(c.cpu);
      cliWall.push(c.ms);
      cliFloor.push(c.floorCpu);
      cliWallFloor.push(c.floorMs);
      log(`status round ${r - rounds - 4}/${CLI_ROUNDS}: ${round(c.ms, 1)} ms wall, ${round(c.cpu, 1)} ms CPU; floor ${round(c.floorMs, 1)} ms wall`);
    }
    // The same question again with nothing changed (a prompt, a hook): the launcher answers from
    // .git/waymark/ (src/cli/statusAnswer.ts). Checked to be answered so, then timed like the rows above.
    const asked = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'status', '--json', '--file', repo.planFile, '--repo', repo.dir, '--today', '2027-02-01'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, WAYMARK_DEBUG: '1' }, maxBuffer: 256 * 1024 * 1024 });
    if (!/answered from/.test(asked.stderr)) throw new Error(`waymark status was not answered from its kept answer: ${asked.stderr}`);
    for (let r = 0; r < CLI_ROUNDS; r++) {
      const c = statusRound();
      again.push(c.ms);
      againCpu.push(c.cpu);
      againFloor.push(c.floorMs);
    }
    // CPU of the in-process incremental scan, Node plus every git process it starts.
    const incMeterDir = mkdtempSync(join(tmpdir(), 'waymark-cpu-'));
    const incMeter = cpuMeter(incMeterDir);
    if (incMeter) {
      await m.history.scanHistory(repo.dir, plan, { cacheFile, gitPath: incMeter.gitPath }); // the memory copy is now current
      for (let r = rounds + 5 + CLI_ROUNDS; r < rounds + 5 + CLI_ROUNDS + Math.max(5, ROUNDS); r++) {
        addCommit(r);
        const c = await incMeter.measure((g) => m.history.scanHistory(repo.dir, plan, { cacheFile, gitPath: g }));
        incTotalCpu.push(c.nodeMs + c.gitMs);
      }
    }
    rmSync(incMeterDir, { recursive: true, force: true });
  } finally {
    execFileSync('git', ['-C', repo.dir, 'update-ref', 'refs/heads/main', repo.tip]);
    rmSync(cacheDir, { recursive: true, force: true });
  }

  const heap = measureHeap(repo.dir, repo.planFile);
  log(`medians: git log > file ${round(median(floor), 1)}, pipe ${round(median(raw), 1)}, scan ${round(median(cold), 1)}, simple-git ${round(median(sg), 1)}, +matching ${round(median(sgMatch), 1)}, incremental ${round(median(inc), 1)}, fresh ${round(median(fresh), 1)}, spawn ${round(median(spawnFloor), 1)} ms`);
  const floorMs = best(floor);
  const rawMs = best(raw);
  const n = `best of ${ROUNDS}`;
  const FLOOR = 'git log > file';
  const rows = [
    { case: 'history', metric: `git log into a file, same format (the floor; ${commits} commits, ${n})`, value: round(floorMs, 1), unit: 'ms' },
    { case: 'history', metric: `cold scan (${linked} linked commits, ${n})`, value: round(best(cold), 1), unit: 'ms', reference: { label: FLOOR, value: round(floorMs, 1) }, target: '<= 1.2x' },
    { case: 'history', metric: `git log through a Node pipe, GIT_FLUSH=0 (old reference, ${n})`, value: round(rawMs, 1), unit: 'ms', reference: { label: FLOOR, value: round(floorMs, 1) } },
    { case: 'history', metric: `cold scan against the old reference (${n})`, value: round(best(cold), 1), unit: 'ms', reference: { label: 'git log | pipe', value: round(rawMs, 1) } },
    { case: 'history', metric: `git log through a Node pipe without GIT_FLUSH=0 (${n})`, value: round(best(rawFlush), 1), unit: 'ms', reference: { label: 'pipe, GIT_FLUSH=0', value: round(rawMs, 1) } },
    ...(floorCpu.length ? [
      { case: 'history', metric: `git log into a file CPU, git + Node (median of ${ROUNDS})`, value: round(median(floorCpu), 1), unit: 'ms' },
      { case: 'history', metric: `git log through a pipe CPU, git + Node (median of ${ROUNDS})`, value: round(median(rawCpu), 1), unit: 'ms', reference: { label: `${FLOOR} CPU`, value: round(median(floorCpu), 1) } },
      { case: 'history', metric: `cold scan CPU, git + Node (median of ${ROUNDS})`, value: round(median(coldCpu), 1), unit: 'ms', reference: { label: `${FLOOR} CPU`, value: round(median(floorCpu), 1) }, target: '<= 1.2x' },
      { case: 'history', metric: `cold scan CPU, git's share (median of ${ROUNDS})`, value: round(median(coldGitCpu), 1), unit: 'ms', reference: { label: 'cold scan CPU', value: round(median(coldCpu), 1) } },
      { case: 'history', metric: `cold scan wall, git's share: git log > file / cold scan (${n})`, value: round(floorMs, 1), unit: 'ms', reference: { label: 'cold scan', value: round(best(cold), 1) } },
    ] : []),
    ...(withSimpleGit ? [
      { case: 'history', metric: `simple-git log() (buffered, no matching, ${n})`, value: round(best(sg), 1), unit: 'ms', reference: { label: FLOOR, value: round(floorMs, 1) } },
      { case: 'history', metric: `simple-git log() + matching (${n})`, value: round(best(sgMatch), 1), unit: 'ms', reference: { label: 'cold scan', value: round(best(cold), 1) } },
    ] : []),
    { case: 'history', metric: 'one trivial git process (git rev-parse HEAD)', value: round(best(spawnFloor), 1), unit: 'ms' },
    { case: 'history', metric: 'incremental scan after 1 new commit (in-process cache)', value: round(best(inc), 1), unit: 'ms', reference: { label: 'one git process', value: round(best(spawnFloor), 1) }, target: '< 50 ms' },
    { case: 'history', metric: `incremental scan, Node CPU (best of ${incCpu.length})`, value: round(best(incCpu), 1), unit: 'ms' },
    ...(incTotalCpu.length ? [{ case: 'history', metric: `incremental scan CPU, git + Node (median of ${incTotalCpu.length})`, value: round(median(incTotalCpu), 1), unit: 'ms', target: '< 50 ms' }] : []),
    { case: 'history', metric: 'incremental scan in a fresh process (reads cache files)', value: round(best(fresh), 1), unit: 'ms', reference: { label: 'one git process', value: round(best(spawnFloor), 1) }, target: '< 50 ms' },
    { case: 'history', metric: `incremental scan in a fresh process, Node CPU (median of ${freshCpu.length})`, value: round(median(freshCpu), 1), unit: 'ms' },
    { case: 'history', metric: `waymark status in a fresh process after 1 new commit, CPU of Node + git (median of ${cli.length}; ${plan.tasks.length} tasks)`, value: round(median(cli), 1), unit: 'ms', reference: { label: 'node -e 0 + git rev-parse HEAD', value: round(median(cliFloor), 1) } },
    { case: 'history', metric: `waymark status in a fresh process after 1 new commit, wall (best of ${cliWall.length})`, value: round(best(cliWall), 1), unit: 'ms', reference: { label: 'node -e 0 + git rev-parse HEAD', value: round(best(cliWallFloor), 1) }, target: '< 50 ms' },
    { case: 'history', metric: `waymark status asked again, nothing changed (kept answer), wall (best of ${again.length})`, value: round(best(again), 1), unit: 'ms', reference: { label: 'node -e 0 + git rev-parse HEAD', value: round(best(againFloor), 1) } },
    { case: 'history', metric: `waymark status asked again, CPU of Node + git (median of ${againCpu.length})`, value: round(median(againCpu), 1), unit: 'ms' },
    { case: 'history', metric: 'heap retained by a cold scan result', value: round(heap.retained / 1048576, 1), unit: 'MB', target: '< 25 MB' },
    { case: 'history', metric: `peak heap added during a cold scan (${commits} commits)`, value: round(heap.peak / 1048576, 1), unit: 'MB', target: '< 100 MB' },
  ];
  if (process.env.WAYMARK_BENCH_REPO) rows.push(...await realRepoRows(resolve(process.env.WAYMARK_BENCH_REPO), m, ROUNDS, log));
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await run();
  for (const r of rows) {
    const ratio = r.reference ? `  (${round(r.value / r.reference.value, 2)}x ${r.reference.label})` : '';
    console.log(`${r.metric.padEnd(58)} ${String(r.value).padStart(9)} ${r.unit}${ratio}${r.target ? `  target ${r.target}` : ''}`);
  }
}
