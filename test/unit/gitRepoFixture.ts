// Real git repositories for the history, progress and status tests: built in a
// temp dir with fixed names, emails and dates so every sha is reproducible.
// Global and system git config are ignored so the machine's settings cannot
// change the result.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ANA: [string, string] = ['Ana Souza', 'ana@example.com'];
export const BEN: [string, string] = ['Ben Okafor', 'ben@example.com'];

export interface CommitOptions {
  author?: [string, string];
  /** ISO date-time; default: 2026-01-05T10:00:00Z plus one hour per commit. */
  date?: string;
  /** Extra `-c` config, e.g. i18n.commitEncoding. */
  config?: string[];
  /** Files to write before committing. */
  files?: Record<string, string>;
}

export class TestRepo {
  private n = 0;
  constructor(readonly dir: string) {}

  static create(branch = 'main'): TestRepo {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-git-'));
    const r = new TestRepo(dir);
    r.git('init', '-q', '-b', branch);
    return r;
  }

  static env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C', ...extra };
  }

  /** Runs git in the repository; commits made this way (commit-tree, ...) get Ana and a fixed date. */
  git(...args: string[]): string {
    const who = { GIT_AUTHOR_NAME: ANA[0], GIT_AUTHOR_EMAIL: ANA[1], GIT_COMMITTER_NAME: ANA[0], GIT_COMMITTER_EMAIL: ANA[1], GIT_AUTHOR_DATE: '2026-01-04T12:00:00Z', GIT_COMMITTER_DATE: '2026-01-04T12:00:00Z' };
    return execFileSync('git', args, { cwd: this.dir, env: TestRepo.env(who), encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }).trim();
  }

  /** Commits (allowing an empty change) and returns the full sha. */
  commit(message: string | Buffer, o: CommitOptions = {}): string {
    const [name, email] = o.author ?? ANA;
    const date = o.date ?? new Date(Date.UTC(2026, 0, 5, 10) + this.n++ * 3600_000).toISOString().replace('.000', '');
    for (const [path, text] of Object.entries(o.files ?? {})) {
      writeFileSync(join(this.dir, path), text);
      this.git('add', '--', path);
    }
    const env = TestRepo.env({
      GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email, GIT_COMMITTER_DATE: date,
    });
    const cfg = (o.config ?? []).flatMap((c) => ['-c', c]);
    execFileSync('git', [...cfg, 'commit', '-q', '--allow-empty', '--cleanup=verbatim', '-F', '-'], { cwd: this.dir, env, input: message, stdio: ['pipe', 'pipe', 'pipe'] });
    return this.git('rev-parse', 'HEAD');
  }

  /** A merge commit of `branch` into the current branch (no fast-forward). */
  merge(branch: string, message: string, date?: string): string {
    const d = date ?? new Date(Date.UTC(2026, 0, 5, 10) + this.n++ * 3600_000).toISOString().replace('.000', '');
    const [name, email] = ANA;
    const env = TestRepo.env({
      GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: d,
      GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email, GIT_COMMITTER_DATE: d,
    });
    execFileSync('git', ['merge', '-q', '--no-ff', '-m', message, branch], { cwd: this.dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
    return this.git('rev-parse', 'HEAD');
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function tempDir(prefix = 'waymark-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
