// XML text for SVG built as a string (the report burndown, the Gantt export):
// shared by the host and the webview so both escape the same way.

// Characters XML 1.0 cannot hold at all, not even as &#n;: C0 controls but
// tab, LF and CR, the non-characters U+FFFE/U+FFFF, and lone surrogates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Plan text as XML character data or an attribute value: markup escaped, impossible characters shown as U+FFFD. */
export function escapeXml(s: string): string {
  return s
    .replace(NOT_XML, '\ufffd')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
