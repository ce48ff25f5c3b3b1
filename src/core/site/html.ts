// HTML building blocks of the static site. Plan text and commit subjects are
// data: every string goes through `esc` (text and attribute values alike),
// so a title like `<img src=x onerror=...>` is shown as those characters.
import { createHash } from 'node:crypto';
import { GENERATED_MARK } from '../report/svg';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value: HTML specials as entities, control characters dropped. */
export function esc(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * Already-escaped inline Markdown (what the report modules produce: `\x`
 * escapes, `code` and **strong**) to HTML. Only <code> and <strong> are ever
 * emitted; everything else is text.
 */
export function inlineMarkdown(markdown: string): string {
  let out = '';
  let code = false;
  let strong = false;
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i];
    if (c === '\\' && !code && i + 1 < markdown.length) { out += esc(markdown[++i]); continue; }
    if (c === '`') { out += code ? '</code>' : '<code>'; code = !code; continue; }
    if (!code && c === '*' && markdown[i + 1] === '*') { out += strong ? '</strong>' : '<strong>'; strong = !strong; i++; continue; }
    out += esc(c);
  }
  if (code) out += '</code>';
  if (strong) out += '</strong>';
  return out;
}

/** A table with a caption, header cells with scope, and already-built cells (`r` in align right-aligns). */
export function table(caption: string, head: readonly string[], rows: readonly (readonly string[])[], align = ''): string {
  const cls = (i: number): string => (align[i] === 'r' ? ' class="num"' : '');
  const th = head.map((h, i) => `<th scope="col"${cls(i)}>${h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${cls(i)}>${c}</td>`)).join('')}</tr>`).join('\n');
  return `<div class="scroll" tabindex="0" role="region" aria-label="${esc(stripTags(caption))}"><table>\n<caption>${caption}</caption>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}

/** `'sha256-...'` of an inline <style> or <script> body, for the CSP. */
export function cspHash(body: string): string {
  return `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
}

/** A whole page: strict CSP (nothing may load; only this stylesheet applies), language, viewport. */
export function page(o: { title: string; css: string; body: string; description?: string }): string {
  const csp = `default-src 'none'; style-src ${cspHash(o.css)}; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<!-- ${GENERATED_MARK} -->
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="Waymark">
${o.description ? `<meta name="description" content="${esc(o.description)}">\n` : ''}<title>${esc(o.title)}</title>
<style>${o.css}</style>
</head>
<body>
${o.body}
</body>
</html>
`;
}

/** Makes the fixed ids of a report chart (lineChartSvg) unique on a page that holds several. */
export function uniqueChartIds(svg: string, prefix: string): string {
  return svg.replace(/chart-(title|desc)/g, `${prefix}-$1`);
}
