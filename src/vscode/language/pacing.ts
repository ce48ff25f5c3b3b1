// How long to wait after a keystroke before re-validating project.yml. Pure
// (no `vscode`) so the rule is unit-tested.

/** Long enough to skip a burst of keystrokes, short enough to feel live. */
export const TYPING_DEBOUNCE_MS = 250;
/** The longest wait, however slow the last validation was. */
export const MAX_DEBOUNCE_MS = 2000;

/**
 * On a huge plan one validation takes a while: wait about four of them, so that a user who
 * types steadily leaves the extension host mostly idle instead of parsing back to back.
 */
export function typingDelay(lastValidationMs: number | undefined): number {
  return Math.min(MAX_DEBOUNCE_MS, Math.max(TYPING_DEBOUNCE_MS, Math.round((lastValidationMs ?? 0) * 4)));
}
