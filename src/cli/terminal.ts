// Plan text and commit subjects are data: printed to a terminal, a control
// character could clear the screen, rewrite the window title or move the
// cursor over earlier lines. Every text printer passes its output through
// terminalSafe; JSON output is left exact (JSON.stringify already escapes C0).

/** C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional overrides ("Trojan Source"). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** The text with every unsafe character shown as a visible escape (`\x1b`, `\u202e`). */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/** A JSON-shaped value with terminalSafe applied to every string in it (for tables built from JSON data). */
export function terminalSafeData<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === 'string' ? terminalSafe(v) : v)) as T;
}
