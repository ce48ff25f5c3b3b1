// The webviews' display language. The host writes VS Code's language and the
// extension's l10n bundle into the page (src/vscode/webviewPanel.ts, a JSON
// script the CSP never runs); each entry point imports this module first, so
// the bundle is in place before any `l10n.t` of the other modules runs, and
// dates are formatted with Intl in that language (English in plain Node, where
// the layout is unit-tested).
import * as l10n from '@vscode/l10n';

export const L10N_ELEMENT_ID = 'waymark-l10n';

interface PageL10n {
  readonly language: string;
  readonly bundle?: Record<string, string>;
}

function pageL10n(): PageL10n {
  // Through globalThis: the layout that imports this module is also compiled (and tested) without the DOM library.
  const doc = (globalThis as { document?: { getElementById(id: string): { textContent: string | null } | null } }).document;
  const text = doc?.getElementById(L10N_ELEMENT_ID)?.textContent;
  if (!text) return { language: 'en' };
  try {
    const parsed = JSON.parse(text) as PageL10n;
    return { language: typeof parsed.language === 'string' ? parsed.language : 'en', bundle: parsed.bundle };
  } catch {
    return { language: 'en' };
  }
}

const page = pageL10n();
if (page.bundle) l10n.config({ contents: page.bundle });

/** VS Code's display language (`vscode.env.language`), e.g. `en`, `de`. */
export const language = page.language;

// Made on first use: building an Intl formatter loads ICU data (about 20 ms),
// which every CLI command that bundles this module (merge-driver, status) would
// otherwise pay at start-up without formatting a date.
const formats = new Map<string, Intl.DateTimeFormat>();
function utc(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' })));
  return format;
}

/** The dates below take UTC midnights (the Gantt's day numbers). */
export const monthName = (utcMs: number): string => utc('month', { month: 'short' }).format(utcMs);
export const monthAndYear = (utcMs: number): string => utc('monthYear', { month: 'short', year: 'numeric' }).format(utcMs);
export const fullDay = (utcMs: number): string => utc('day', { month: 'short', day: 'numeric', year: 'numeric' }).format(utcMs);
