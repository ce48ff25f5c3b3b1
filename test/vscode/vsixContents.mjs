// What the .vsix must and must not contain, read from the zip's central
// directory (no unzip tool needed). Pure: unit-tested in test/unit/harness.test.ts.
import { readFileSync, statSync } from 'node:fs';

export const MAX_VSIX_BYTES = 1024 * 1024;

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
  const hostJs = files.filter((n) => n.endsWith('.js') && !n.startsWith('extension/dist/webview/') && n !== 'extension/dist/cli.js');
  if (hostJs.length !== 1 || hostJs[0] !== 'extension/dist/extension.js') {
    problems.push(`the extension host code must be the single bundle extension/dist/extension.js, found: ${hostJs.join(', ') || 'none'}`);
  }
  const stray = files.filter((n) => /^extension\/(src|test|out|node_modules|bench|scripts|webview)\//.test(n) || n.endsWith('.map') || n.endsWith('.ts'));
  if (stray.length) problems.push(`files that do not belong in the package: ${stray.slice(0, 10).join(', ')}`);
  return { size, files, problems };
}
