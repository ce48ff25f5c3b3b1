// A real repository where project.yml is edited on two branches and merged by
// `git merge` with the driver that `waymark init` installed.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TestRepo } from './gitRepoFixture';
import { runCli } from './cliRun';

/** The compiled CLI (out/src/cli/bin.js, the launcher), as git runs it. */
export const CLI = resolve(__dirname, '../../src/cli/bin.js');
export const DRIVER_COMMAND = `node ${CLI}`;

export interface MergeRun { code: number; text: string; stderr: string }

/**
 * `base` on main, `ours` committed on main, `theirs` on a branch, then `git
 * merge theirs` on main. `markerSize` sets project.yml's conflict-marker-size
 * attribute, which git hands to the driver as %L.
 */
export async function gitMerge(base: string, ours: string, theirs: string, markerSize?: number): Promise<MergeRun> {
  const repo = TestRepo.create();
  try {
    writeFileSync(join(repo.dir, 'project.yml'), base);
    const init = await runCli(['init', '--driver-command', DRIVER_COMMAND], repo.dir);
    if (init.code !== 0) throw new Error(`waymark init failed: ${init.err}`);
    if (markerSize !== undefined) appendFileSync(join(repo.dir, '.gitattributes'), `project.yml conflict-marker-size=${markerSize}\n`);
    repo.git('add', '-A');
    repo.commit('base');
    repo.git('checkout', '-q', '-b', 'theirs');
    repo.commit('theirs', { files: { 'project.yml': theirs } });
    repo.git('checkout', '-q', 'main');
    repo.commit('ours', { files: { 'project.yml': ours } });
    const r = spawnSync('git', ['merge', '-q', '--no-edit', 'theirs'], { cwd: repo.dir, env: TestRepo.env({ GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@x', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@x' }), encoding: 'utf8' });
    const [code, stderr] = [r.status ?? -1, `${r.stdout}${r.stderr}`];
    return { code, text: readFileSync(join(repo.dir, 'project.yml'), 'utf8'), stderr };
  } finally {
    repo.remove();
  }
}
