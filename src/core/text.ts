// Text helpers every surface shares: plan text and commit subjects in
// Markdown (reports, hovers, tooltips), percentages, and clipping long text.
// Pure: no `vscode`, no Node APIs.

/**
 * Plan text as inline Markdown that renders as exactly that text: no link,
 * image, autolink, HTML, entity, emphasis, code, math, table cell, list or
 * heading, in reports, hovers and tree tooltips alike. Whitespace runs (line
 * breaks included) become one space and control characters go, so the text
 * stays on the line it is put on. Escaped:
 * - anywhere: \ ` * _ ~ (emphasis, code, strike), [ ] ( ) ! (links, images),
 *   < > & (HTML, entities), | (table cells), { } # + $ (attributes, headings,
 *   math);
 * - a `:` that starts `://` or an emoji shortcode (`:tada:`), and the dot of
 *   `www.`: no autolink, no emoji;
 * - at the start, where a caller may put the text at a line start: `-`, `=`
 *   and the dot of an ordered-list number (`12.`), so no list or heading.
 * The earlier hover and tooltip escapers also escaped `-`, `.`, `:`, `'`, `"`,
 * `=` and `^` everywhere; inside a line they mean nothing, so ids, versions,
 * times and prose (`PAY-12`, `v1.0`, `fix: x`) stay readable in the Markdown
 * files reports write.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x1f\x7f]/g, '')
    .replace(/[\\`*_~[\]()!<>&|{}#+$]/g, '\\$&')
    .replace(/:(?=\/\/|[\w+-]+:)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/^([-=])/, '\\$1')
    .replace(/^(\d+)\./, '$1\\.');
}

/** An inline code span that cannot be broken out of, whatever backticks the value holds. */
export function codeSpan(text: string): string {
  const s = text.replace(/\s+/g, ' ');
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** A share (0..1, or more) as a whole percentage: `0.456` -> `46%`. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A signed whole percentage: `+25%`, `-10%`, `0%`. */
export function signedPercent(share: number): string {
  const p = Math.round(share * 100);
  return `${p > 0 ? '+' : ''}${p}%`;
}

/** Text on one line (whitespace runs as one space), cut to `max` characters with `…`. */
export function clip(text: string, max = 60): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
