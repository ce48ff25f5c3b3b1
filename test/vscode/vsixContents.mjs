// What the .vsix must and must not contain, read from the zip's central
// directory (no unzip tool needed). Pure: unit-tested in test/unit/harness.test.ts.
import { readFileSync, statSync } from 'node:fs';

export const MAX_VSIX_BYTES = 1024 * 1024;

/** The activation bundle (package.json main) and the host bundle it loads on first use. */
const HOST_BUNDLES = ['extension/dist/extension.js', 'extension/dist/extensionHost.js'];

/** Entry names of a zip file, read from its central directory (no unzip needed). */
export function zipEntries(file) {
  const buf = readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** Size and content rules for the package; returns the problems found. */
export function checkVsixContents(vsix) {
  const problems = [];
  const size = statSync(vsix).size;
  if (size >= MAX_VSIX_BYTES) problems.push(`${(size / 1024).toFixed(0)} KB, the limit is 1024 KB`);
  const files = zipEntries(vsix).filter((n) => n.startsWith('extension/') && !n.endsWith('/')); // no directory entries
  // The extension host code is two bundles: what activation loads, and what it require()s on first use
  // (src/extension.ts, scripts/build.mjs); any other host file is a bundling mistake, a missing one breaks the extension.
  const hostJs = files.filter((n) => n.endsWith('.js') && !n.startsWith('extension/dist/webview/') && n !== 'extension/dist/cli.js' && n !== 'extension/dist/cliMain.js').sort();
  if (hostJs.join() !== HOST_BUNDLES.join()) {
    problems.push(`the extension host code must be the two bundles ${HOST_BUNDLES.join(' and ')}, found: ${hostJs.join(', ') || 'none'}`);
  }
  const stray = files.filter((n) => /^extension\/(src|test|out|node_modules|bench|scripts|webview)\//.test(n) || n.endsWith('.map') || n.endsWith('.ts'));
  if (stray.length) problems.push(`files that do not belong in the package: ${stray.slice(0, 10).join(', ')}`);
  return { size, files, problems };
}

/**
 * Files every extension package carries: the manifest, the Marketplace page,
 * the licence and the changelog (`vsce ls` names them as in the repository;
 * inside the .vsix they are readme.md, LICENSE.txt, changelog.md).
 */
const MANIFEST_FILE = /^(package\.json|readme\.md|license(\.txt)?|changelog\.md)$/i;

/**
 * Packaged files (paths inside the extension folder) that nothing needs, so
 * that `vsce ls` lists only what the package uses. A file is needed when it
 * is one of MANIFEST_FILE; the manifest names it (or a folder holding it)
 * anywhere, `./` or not (main, icons, walkthrough media, schemas, l10n); it is
 * a `package.nls.*json` of a manifest with `%key%` strings; the README or a
 * Markdown file it links reaches it through relative links (images too); it
 * is the CLI, `dist/cli.js` and the commands it loads, `dist/cliMain.js` (the
 * merge driver the extension sets up runs it) or the host bundle `dist/extensionHost.js` (dist/extension.js loads it); or it is a webview's script `dist/webview/<name>.js` or the
 * `media/<name>.css` beside such a script. `readText(path)` reads a packaged file.
 */
export function unneededFiles(files, readText) {
  const packaged = new Set(files);
  const manifest = JSON.parse(readText('package.json'));
  const needed = new Set(files.filter((f) => MANIFEST_FILE.test(f)));
  needed.add('dist/cli.js');
  needed.add('dist/cliMain.js');
  needed.add('dist/extensionHost.js');
  const strings = [];
  const walk = (v) => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(manifest);
  for (const raw of strings) {
    const path = raw.replace(/^\.\//, '').replace(/\/$/, '');
    if (path === '') continue;
    for (const f of files) if (f === path || f.startsWith(`${path}/`)) needed.add(f);
  }
  if (strings.some((v) => /^%[^%\s]+%$/.test(v))) for (const f of files) if (/^package\.nls(\.[\w-]+)?\.json$/.test(f)) needed.add(f);
  const visit = (doc) => {
    if (!doc.endsWith('.md') || needed.has(`${doc}#visited`)) return;
    needed.add(`${doc}#visited`);
    for (const target of markdownLinks(readText(doc))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const path = target.split('#')[0];
      if (path === '') continue;
      const resolved = new URL(decodeURI(path), `file:///x/${doc}`).pathname.slice('/x/'.length);
      if (packaged.has(resolved)) { needed.add(resolved); visit(resolved); }
    }
  };
  visit('README.md');
  for (const f of files) {
    const m = /^dist\/webview\/([\w-]+)\.js$/.exec(f);
    if (m) { needed.add(f); needed.add(`media/${m[1]}.css`); }
  }
  return files.filter((f) => !needed.has(f));
}

/** Commands VS Code itself provides that Waymark's links may run. */
const BUILT_IN_COMMANDS = new Set(['vscode.openFolder', 'workbench.action.openWalkthrough', 'markdown.showPreview']);

/** Markdown links and images in `text` (fenced code and inline code left out): their targets. */
export function markdownLinks(text) {
  const prose = text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
}

const NLS_FILE = /^package\.nls(\.[\w-]+)?\.json$/;
const PLACEHOLDER = /^%([^%\s]+)%$/;

/**
 * The manifest as each language shows it: its `%key%` placeholders replaced
 * by the texts of every package.nls*.json among `files` (English first).
 * `missing`: placeholders a bundle has no text for. A manifest with
 * placeholders but no package.nls.json among `files` reports them all
 * missing (a package that left the texts out).
 */
export function localizedManifests(files, readText, manifest = JSON.parse(readText('package.json'))) {
  const bundles = files.filter((f) => NLS_FILE.test(f)).sort((a, b) => a.length - b.length || a.localeCompare(b));
  const used = [];
  JSON.stringify(manifest, (_k, v) => { if (typeof v === 'string' && PLACEHOLDER.test(v)) used.push(v); return v; });
  if (bundles.length === 0) return [{ bundle: 'package.json', manifest, missing: used }];
  return bundles.map((bundle) => {
    const texts = JSON.parse(readText(bundle));
    const missing = used.filter((v) => typeof texts[v.slice(1, -1)] !== 'string');
    const resolve = (v) => {
      if (typeof v === 'string') { const m = PLACEHOLDER.exec(v); return m && typeof texts[m[1]] === 'string' ? texts[m[1]] : v; }
      if (Array.isArray(v)) return v.map(resolve);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
      return v;
    };
    return { bundle, manifest: resolve(manifest), missing };
  });
}

/**
 * Every link a user of the packaged extension can click: the README, the
 * Markdown docs it reaches through relative links (followed), the views'
 * welcome texts and the walkthrough's texts and media (package.json). A
 * relative link must name a file in the package (`files`: paths inside the
 * extension folder), a `command:` link a command Waymark contributes or VS
 * Code has, a web link a real host (no `.invalid`, `example.*` placeholder).
 * `readText(path)` returns a packaged file's text. Returns the problems.
 */
export function linkProblems(files, readText) {
  const packaged = new Set(files);
  const manifest = JSON.parse(readText('package.json'));
  const contributed = new Set((manifest.contributes?.commands ?? []).map((c) => c.command));
  const problems = [];
  const checkLink = (where, base, target, follow) => {
    if (/^https?:\/\//i.test(target)) {
      let host;
      try { host = new URL(target).hostname; } catch { problems.push(`${where}: not a URL: ${target}`); return; }
      if (/\.invalid$|^example\.|\.example$|^localhost$/i.test(host)) problems.push(`${where}: placeholder link ${target}`);
      return;
    }
    if (/^command:/i.test(target)) {
      const id = target.slice('command:'.length).split('?')[0];
      if (!contributed.has(id) && !BUILT_IN_COMMANDS.has(id)) problems.push(`${where}: command link to unknown command ${id}`);
      return;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) { problems.push(`${where}: unexpected link scheme ${target}`); return; }
    const path = target.split('#')[0];
    if (path === '') return; // an anchor in the same page
    const resolved = new URL(decodeURI(path), `file:///x/${base}`).pathname.slice('/x/'.length);
    if (!packaged.has(resolved)) problems.push(`${where}: links to ${target}, which is not in the package`);
    else if (follow && resolved.endsWith('.md')) follow(resolved);
  };
  const seen = new Set();
  const visit = (doc) => {
    if (seen.has(doc)) return;
    seen.add(doc);
    for (const target of markdownLinks(readText(doc))) checkLink(doc, doc, target, visit);
  };
  visit('README.md');
  // Welcome views and walkthrough steps are `%key%` placeholders of package.nls*.json: check every language's text.
  for (const { bundle, manifest: shown, missing } of localizedManifests(files, readText, manifest)) {
    const lang = bundle === 'package.json' ? '' : ` (${bundle})`;
    for (const key of missing) problems.push(`${bundle}: no text for ${key}`);
    for (const w of shown.contributes?.viewsWelcome ?? []) {
      for (const target of markdownLinks(w.contents)) checkLink(`viewsWelcome ${w.view}${lang}`, 'package.json', target);
    }
    for (const walk of shown.contributes?.walkthroughs ?? []) {
      for (const step of walk.steps ?? []) {
        const where = `walkthrough ${walk.id} step ${step.id}${lang}`;
        for (const target of markdownLinks(step.description ?? '')) checkLink(where, 'package.json', target);
        const media = step.media ?? {};
        for (const p of [media.image, media.markdown, media.svg].flatMap((m) => (typeof m === 'string' ? [m] : m ? Object.values(m) : []))) {
          checkLink(where, 'package.json', p, media.markdown === p ? visit : undefined);
        }
      }
    }
  }
  return problems;
}
