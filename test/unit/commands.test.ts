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
    menus: Record<string, { command?: string; when?: string }[]>;
    keybindings: { command: string; key: string; mac?: string; when?: string }[];
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

/** The `&&`-separated conditions of a when clause (no `||` at the top: those are alternatives). */
function conjuncts(when: string): string[] {
  return when.split('&&').map((c) => c.trim());
}

describe('command palette and keybindings', () => {
  const palette = new Map((pkg.contributes.menus.commandPalette ?? []).map((m) => [m.command!, m.when]));
  // What each command needs to run: a plan (every command but these), and trust where it runs git.
  const RUN_WITHOUT_A_PLAN: Record<string, string> = {
    [COMMANDS.createProjectFile]: 'workbenchState != empty', // needs a folder to write project.yml into
    [COMMANDS.readFormat]: 'true', // opens the guide shipped in the extension
    [COMMANDS.refresh]: 'waymark.hasProject || waymark.planInvalid || waymark.otherToolsFile',
    [COMMANDS.showFirstProblem]: 'waymark.planInvalid || waymark.hasProject',
    [COMMANDS.openTask]: 'false', // needs a task argument: tree items and links only
  };

  it('every contributed command has a when clause in the palette', () => {
    assert.deepEqual(listed.filter((id) => !palette.get(id)), []);
  });

  it('commands that act on the plan show only where there is one', () => {
    const wrong = listed.filter((id) => !(id in RUN_WITHOUT_A_PLAN) && !conjuncts(palette.get(id) ?? '').includes('waymark.hasProject'));
    assert.deepEqual(wrong, []);
    for (const [id, when] of Object.entries(RUN_WITHOUT_A_PLAN)) assert.equal(palette.get(id), when, id);
  });

  it('commands that need a trusted workspace in a view menu need it in the palette too', () => {
    const trustedInMenus = new Set(Object.values(pkg.contributes.menus).flat()
      .filter((m) => m.command && m.when && conjuncts(m.when).includes('isWorkspaceTrusted')).map((m) => m.command!));
    assert.ok(trustedInMenus.size >= 3);
    assert.deepEqual([...trustedInMenus].filter((id) => !conjuncts(palette.get(id) ?? '').includes('isWorkspaceTrusted')), []);
  });

  it('keybindings: scoped to Waymark views, and none rebinds a key the lists and trees use (Enter, Space, arrows, letters)', () => {
    for (const k of pkg.contributes.keybindings) {
      assert.match(k.when ?? '', /^(focusedView == waymark\.\w+( \|\| )?)+$/, `${k.command}: only while a Waymark view has focus`);
      for (const key of [k.key, k.mac].filter((x): x is string => x !== undefined)) {
        const first = key.split(' ')[0];
        assert.ok(first.includes('+'), `${k.command}: ${key} starts without a modifier (a list or tree key)`);
      }
    }
  });
});

