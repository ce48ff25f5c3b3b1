// Argument parsing of every `waymark` command (node:util parseArgs, strict):
// unknown options and stray arguments are usage errors (exit 2) everywhere,
// values are read as values, --version and --help work.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { GLOBAL_OPTIONS } from '../../src/cli/args';
import { COMMANDS } from '../../src/cli/commands/index';
import type { CliIO, Command } from '../../src/cli/command';
import type { ParsedArgs } from '../../src/cli/args';
import { runCli } from './cliRun';
import { tempDir } from './gitRepoFixture';

/** A command that only records what it was given. */
function recorder(): { command: Command; seen: ParsedArgs[] } {
  const seen: ParsedArgs[] = [];
  const command: Command = {
    name: 'probe',
    summary: 'records its arguments',
    usage: 'Usage: waymark probe <what> [--seed N] [--dry-run]',
    options: { seed: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    positionals: ['<what>'],
    async run(args) { seen.push(args); return 0; },
  };
  return { command, seen };
}

async function runWith(commands: Command[], argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  // No command here reads a file: the folder is never looked at.
  const io: CliIO = { out: (t) => { out += t; }, err: (t) => { err += t; }, isTTY: false, cwd: '/nonexistent' };
  const code = await main(argv, io, commands);
  return { code, out, err };
}

describe('cli: arguments', () => {
  let dir: string;
  before(() => { dir = tempDir(); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects an unknown option on every command (exit 2, with the usage)', async () => {
    for (const c of COMMANDS) {
      const args = [c.name, ...(c.positionals ?? []).map(() => 'x'), '--bogus'];
      const r = await runCli(args, dir);
      assert.equal(r.code, 2, `${c.name}: ${r.err}`);
      assert.match(r.err, new RegExp(`^waymark ${c.name}: unknown option '--bogus'\\n\\n${c.usage.split('\n')[0].replace(/[[\]|.]/g, '\\$&')}`));
      assert.equal(r.out, '');
    }
  });

  it('rejects a stray argument on every command (exit 2)', async () => {
    for (const c of COMMANDS) {
      const r = await runCli([c.name, ...(c.positionals ?? []).map(() => 'x'), 'stray'], dir);
      assert.equal(r.code, 2, `${c.name}: ${r.err}`);
      assert.match(r.err, new RegExp(`^waymark ${c.name}: (unexpected argument 'stray'|expected .*, got ${(c.positionals ?? []).length + 1} arguments)\\n`));
    }
  });

  it('reads `--seed 7` and `--seed=7` as a value, not a flag and a stray argument', async () => {
    const { command, seen } = recorder();
    for (const argv of [['probe', 'a', '--seed', '7'], ['probe', '--seed', '7', 'a'], ['--seed', '7', 'probe', 'a'], ['probe', 'a', '--seed=7']]) {
      const r = await runWith([command], argv);
      assert.equal(r.code, 0, `${argv.join(' ')}: ${r.err}`);
      const args = seen.pop()!;
      assert.deepEqual([args.command, args.positionals, args.options.get('seed'), [...args.flags]], ['probe', ['a'], '7', []], argv.join(' '));
    }
    const flag = await runWith([command], ['probe', 'a', '--dry-run', '--json']);
    assert.equal(flag.code, 0, flag.err);
    const args = seen.pop()!;
    assert.deepEqual([[...args.flags], args.globals.json, args.options.size], [['dry-run'], true, 0]);
  });

  it('says which option is missing its value or has one it does not take', async () => {
    const { command, seen } = recorder();
    const missing = await runWith([command], ['probe', 'a', '--seed']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^waymark probe: option '--seed' needs a value\n\nUsage: waymark probe/);
    const extra = await runWith([command], ['probe', 'a', '--dry-run=yes']);
    assert.equal(extra.code, 2);
    assert.match(extra.err, /^waymark probe: option '--dry-run' takes no value\n/);
    const date = await runWith([command], ['probe', 'a', '--today', 'monday']);
    assert.equal(date.code, 2);
    assert.match(date.err, /^waymark probe: --today takes a date as YYYY-MM-DD, not 'monday'\n/);
    const few = await runWith([command], ['probe']);
    assert.equal(few.code, 2);
    assert.match(few.err, /^waymark probe: expected <what>, got 0 arguments\n/);
    assert.equal(seen.length, 0);
  });

  it('prints the package version for --version and -v', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
    assert.match(version, /^\d+\.\d+\.\d+/);
    for (const argv of [['--version'], ['-v'], ['status', '--version']]) {
      const r = await runCli(argv, dir);
      assert.deepEqual([r.code, r.out, r.err], [0, `waymark ${version}\n`, ''], argv.join(' '));
    }
  });

  it('keeps --help per command, `help <command>`, and the overview', async () => {
    for (const c of COMMANDS) {
      for (const argv of [[c.name, '--help'], [c.name, '-h'], ['help', c.name]]) {
        const r = await runCli(argv, dir);
        assert.equal(r.code, 0, argv.join(' '));
        assert.ok(r.out.startsWith(c.usage), argv.join(' '));
        assert.match(r.out, /Global options:/);
      }
    }
    const top = await runCli(['--help'], dir);
    assert.equal(top.code, 0);
    for (const c of COMMANDS) assert.ok(top.out.includes(`  ${c.name}`), c.name);
    assert.equal((await runCli([], dir)).code, 2);
    const unknown = await runCli(['--bogus'], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /^waymark: unknown option '--bogus'/);
    assert.equal((await runCli(['frobnicate'], dir)).code, 2);
  });

  it('every command declares its own options apart from the global ones, with one type per name', () => {
    const types = new Map<string, string>();
    for (const c of COMMANDS) {
      for (const [name, spec] of Object.entries(c.options ?? {})) {
        assert.ok(!(name in GLOBAL_OPTIONS), `${c.name} redeclares the global option --${name}`);
        assert.equal(types.get(name) ?? spec.type, spec.type, `--${name} has two types`);
        types.set(name, spec.type);
      }
    }
  });
});
