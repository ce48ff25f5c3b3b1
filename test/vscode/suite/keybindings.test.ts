// Waymark's keybindings against VS Code's own defaults, as the running VS Code
// lists them (its default keybindings.json, for this platform): none of ours
// equals a default key, and no default starts with the chord Waymark's start with.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('keybindings', () => {
  it('collide with no default VS Code binding', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse('vscode://defaultsettings/keybindings.json'));
    // Each entry: { "key": ..., "command": ..., "when": ... }; contributed ones (ours too) are listed with VS Code's own.
    const entries = [...doc.getText().matchAll(/"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"/g)].map((m) => ({ key: m[1].toLowerCase(), command: m[2] }));
    const ours = (vscode.extensions.getExtension('waymark-dev.waymark')!.packageJSON.contributes.keybindings as { key: string; command: string }[]);
    for (const { key, command } of ours) assert.ok(entries.some((e) => e.key === key && e.command === command), `the live list holds ${command} on ${key}`);
    const others = entries.filter((e) => !e.command.startsWith('waymark.'));
    assert.ok(others.length > 200, `read ${others.length} default keybindings`);
    for (const { key, command } of ours) {
      const first = key.split(' ')[0];
      const clash = others.filter((d) => d.key === key || d.key.split(' ')[0] === first).map((d) => `${d.key} ${d.command}`);
      assert.deepEqual(clash, [], `${command} (${key})`);
    }
  });
});
