// The typed list of command ids (src/vscode/commands.ts) and package.json
// agree, and the source names commands only through that list.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, TEST_COMMANDS } from '../../src/vscode/commands';

const ROOT = process.cwd();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string }[];
    menus: Record<string, { command?: string }[]>;
    keybindings: { command: string }[];
    viewsWelcome: { contents: string }[];
  };
};
const listed = Object.values(COMMANDS) as string[];
const testHooks = Object.values(TEST_COMMANDS) as string[];

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

describe('command ids', () => {
  it('the typed list is exactly what package.json contributes', () => {
    const contributed = pkg.contributes.commands.map((c) => c.command);
    assert.equal(new Set(contributed).size, contributed.length, 'no command is contributed twice');
    assert.equal(new Set(listed).size, listed.length, 'no id is listed twice');
    assert.deepEqual([...listed].sort(), [...contributed].sort());
  });

  it('test hooks are not contributed (they stay out of the palette)', () => {
    assert.deepEqual(testHooks.filter((id) => listed.includes(id)), []);
  });

  it('menus, keybindings and welcome links name listed commands', () => {
    const used = [
      ...Object.values(pkg.contributes.menus).flat().map((m) => m.command).filter((c) => c !== undefined),
      ...pkg.contributes.keybindings.map((k) => k.command),
      ...pkg.contributes.viewsWelcome.flatMap((w) => [...w.contents.matchAll(/command:([\w.]+)/g)].map((m) => m[1])),
    ].filter((c) => c.startsWith('waymark.')); // welcome links may also name VS Code's own commands
    assert.ok(used.length > 0);
    assert.deepEqual([...new Set(used.filter((c) => !listed.includes(c)))], []);
  });

  it('the source names commands only through the list', () => {
    const literals: string[] = [];
    for (const file of sources(join(ROOT, 'src'))) {
      if (file.endsWith(join('vscode', 'commands.ts'))) continue;
      // Where an id is a command: registered, executed, or set as an item's command.
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:(?:registerCommand|executeCommand)(?:<[^>]*>)?\(\s*|command:\s*)['"](waymark\.[\w.]+)['"]/g)) {
        literals.push(`${file.slice(ROOT.length + 1)}: ${m[1]}`);
      }
    }
    assert.deepEqual(literals, []);
  });
});
