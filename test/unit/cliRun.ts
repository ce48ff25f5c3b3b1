// Runs the waymark CLI in-process, as the tests call it.
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/command';

/** Runs `waymark <argv>` in `cwd`; resolves with the exit code and everything written to stdout and stderr. */
export async function runCli(argv: string[], cwd: string, isTTY = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => { out += t; }, err: (t) => { err += t; }, isTTY, cwd };
  const code = await main(argv, io);
  return { code, out, err };
}
