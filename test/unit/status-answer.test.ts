// `waymark status` asked again (src/cli/statusAnswer.ts, src/cli/bin.ts): the
// real launcher in a real process on a real repository. A kept answer is used
// only while nothing it depends on changed, is byte-identical to a full
// answer, and is never kept from a run that printed diagnostics.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestRepo, BEN, tempDir } from './gitRepoFixture';

const BIN = join(__dirname, '../../src/cli/bin.js');
const ANSWERED = /^waymark status: answered from .*answer-[0-9a-f]{12}\.json$/m;

const YAML = `version: 1
project: { name: Answers, start: 2026-01-05 }
people: [{ id: ana, email: ana@example.com }, { id: ben, email: ben@example.com }]
milestones:
  - id: beta
    title: Beta
    due: 2026-02-27
    tasks:
      - { id: AN-1, title: Schema, estimate: 3d }
      - { id: AN-2, title: Webhooks, estimate: 1d, assignee: ben }
`;

interface Run { out: string; err: string; code: number | null; answered: boolean }

describe('cli: waymark status answers a repeated question from .git/waymark/', function () {
  this.timeout(60000);
  let repo: TestRepo;
  const status = (args: string[] = [], env: Record<string, string> = {}): Run => {
    const r = spawnSync(process.execPath, [BIN, 'status', '--json', '--today', '2026-01-20', ...args], {
      cwd: repo.dir, encoding: 'utf8', env: TestRepo.env({ WAYMARK_DEBUG: '1', ...env }),
    });
    return { out: r.stdout, err: r.stderr, code: r.status, answered: ANSWERED.test(r.stderr) };
  };
  const full = (args: string[] = []): string => status([...args, '--no-cache']).out;
  const answers = (): string[] => readdirSync(join(repo.dir, '.git', 'waymark')).filter((f) => f.startsWith('answer-'));

  beforeEach(() => {
    repo = TestRepo.create();
    repo.commit('Add the plan', { files: { 'project.yml': YAML } });
    repo.commit('AN-1: schema draft');
  });
  afterEach(() => repo.remove());

  it('answers the same question again from the kept answer, byte for byte', () => {
    const first = status();
    assert.equal(first.code, 0, first.err);
    assert.equal(first.answered, false);
    assert.equal(answers().length, 1);
    const second = status();
    assert.equal(second.code, 0);
    assert.ok(second.answered, second.err);
    assert.equal(second.out, first.out);
    assert.equal(second.out, full());
    assert.equal(JSON.parse(second.out).project.name, 'Answers');
  });

  it('answers in full after a commit, a plan edit, another day, a new branch or a .mailmap', () => {
    status();
    const changes: [string, () => void, string[]?][] = [
      ['a commit', () => repo.commit('fixes AN-1')],
      ['a plan edit', () => writeFileSync(join(repo.dir, 'project.yml'), `${YAML}# a comment\n`)],
      ['another day', () => undefined, ['--today', '2026-01-21']],
      ['a new branch', () => repo.git('branch', 'later')],
      ['a .mailmap', () => writeFileSync(join(repo.dir, '.mailmap'), 'Ben Okafor <ben@example.com> Ana Souza <ana@example.com>\n')],
    ];
    for (const [what, change, args] of changes) {
      change();
      const after = status(args);
      assert.equal(after.answered, false, `after ${what}: ${after.err}`);
      assert.equal(after.out, full(args), `after ${what}`);
      assert.ok(status(args).answered, `the new answer is kept after ${what}`);
    }
    // The answer after all of them is today's: the commit closed AN-1.
    const last = JSON.parse(status().out);
    assert.equal(last.milestones[0].tasks[0].effectiveStatus, 'done');
  });

  it('a commit by another author changes the answer (the history is read again, not the old answer)', () => {
    const before = JSON.parse(status().out);
    repo.commit('AN-2 started', { author: BEN });
    const after = status();
    assert.equal(after.answered, false);
    assert.notDeepEqual(JSON.parse(after.out).milestones[0].tasks[1], before.milestones[0].tasks[1]);
  });

  it('reads nor keeps an answer with --no-cache, and recovers from a damaged answer file', () => {
    status();
    const noCache = status(['--no-cache']);
    assert.equal(noCache.answered, false);
    const [file] = answers();
    writeFileSync(join(repo.dir, '.git', 'waymark', file), 'waymark-status-answer 1 0000\n{"not": "it"}');
    const damaged = status();
    assert.equal(damaged.answered, false);
    assert.equal(damaged.out, full());
    assert.ok(status().answered, 'the answer is kept again');
  });

  it('keeps no answer when the plan has errors: they are said on every run', () => {
    writeFileSync(join(repo.dir, 'project.yml'), YAML.replace('estimate: 1d', 'estimate: 1d, status: finished'));
    const first = status();
    assert.equal(first.code, 0, first.err);
    assert.match(first.err, /finished/);
    const second = status();
    assert.equal(second.answered, false);
    assert.match(second.err, /finished/);
    assert.ok(!existsSync(join(repo.dir, '.git', 'waymark')) || answers().length === 0);
  });

  it('keeps no answer when the repository moved while it was computed (a commit, then a reset back)', () => {
    // A git on PATH that makes a commit when the scan first reads the refs (its `rev-parse --revs-only` and
    // `for-each-ref refs/heads`, side by side; the launcher's key uses neither): the first of the two commits,
    // the other waits for it. The run answers for the new commit, and must not keep that answer under the
    // key taken before it, which the reset below brings back.
    const bin = tempDir();
    const real = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
    const [lock, mark] = [join(bin, 'lock'), join(bin, 'committed')];
    writeFileSync(join(bin, 'git'), `#!/bin/sh
case "$*" in
  *--revs-only*|*for-each-ref*refs/heads*)
    if mkdir "${lock}" 2>/dev/null; then
      "${real}" -C "${repo.dir}" -c user.name=Ben -c user.email=ben@example.com commit -q --allow-empty -m "fixes AN-2 meanwhile"
      : > "${mark}"
    else
      while [ ! -e "${mark}" ]; do sleep 0.05; done
    fi;;
esac
exec "${real}" "$@"
`, { mode: 0o755 });
    const before = full();
    const raced = status([], { PATH: `${bin}:${process.env.PATH}` });
    assert.equal(raced.code, 0, raced.err);
    assert.ok(existsSync(mark), 'the wrapper committed during the run');
    assert.equal(JSON.parse(raced.out).milestones[0].tasks[1].effectiveStatus, 'done', 'the run saw the new commit');
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    const after = status();
    assert.equal(after.answered, false, 'no answer for the state after the commit, kept under the key before it');
    assert.equal(after.out, before);
    rmSync(bin, { recursive: true, force: true });
  });

  it('keeps no answer that reports a one-off failure (a damaged history cache), so it is not replayed', () => {
    status();
    const cache = readdirSync(join(repo.dir, '.git', 'waymark')).find((f) => /^history-[0-9a-f]+\.json$/.test(f))!;
    writeFileSync(join(repo.dir, '.git', 'waymark', cache), 'not a cache');
    repo.commit('AN-1: more'); // a new key, so the next run scans with the damaged file
    const damaged = status();
    assert.match(JSON.parse(damaged.out).git.warnings.join(' '), /damaged/);
    const next = status();
    assert.equal(next.answered, false);
    assert.deepEqual(JSON.parse(next.out).git.warnings, [], 'the rebuilt cache says nothing');
    assert.ok(status().answered, 'that clean answer is kept');
  });

  it('keeps no answer when a git config file includes another (not watched), and never hangs on a FIFO as --file', () => {
    const home = tempDir();
    writeFileSync(join(home, 'gitconfig'), `[include]\n\tpath = ${join(home, 'more')}\n`);
    writeFileSync(join(home, 'more'), '');
    status([], { GIT_CONFIG_GLOBAL: join(home, 'gitconfig') });
    assert.equal(status([], { GIT_CONFIG_GLOBAL: join(home, 'gitconfig') }).answered, false);
    const fifo = join(home, 'fifo');
    spawnSync('mkfifo', [fifo]);
    const r = spawnSync(process.execPath, [BIN, 'status', '--file', fifo], { cwd: repo.dir, encoding: 'utf8', timeout: 20000, env: TestRepo.env() });
    assert.equal(r.signal, null, 'ended by itself');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /FIFO|named pipe/i);
    rmSync(home, { recursive: true, force: true });
  });

  it('keeps no answer in a shallow clone, whose history grows without a ref moving', () => {
    for (let i = 0; i < 3; i++) repo.commit(`AN-1 step ${i}`);
    const clone = new TestRepo(join(tempDir(), 'clone'));
    const cloned = spawnSync('git', ['clone', '-q', '--depth', '2', `file://${repo.dir}`, clone.dir], { env: TestRepo.env() });
    assert.equal(cloned.status, 0, String(cloned.stderr));
    const run = (): Run => {
      const r = spawnSync(process.execPath, [BIN, 'status', '--json', '--today', '2026-01-20'], { cwd: clone.dir, encoding: 'utf8', env: TestRepo.env({ WAYMARK_DEBUG: '1' }) });
      return { out: r.stdout, err: r.stderr, code: r.status, answered: ANSWERED.test(r.stderr) };
    };
    try {
      assert.equal(run().code, 0);
      assert.equal(run().answered, false);
      assert.equal(readdirSync(join(clone.dir, '.git', 'waymark')).filter((f) => f.startsWith('answer-')).length, 0);
    } finally {
      clone.remove();
    }
  });
});
