// VS Code's display language for the modules without a `vscode` import (the
// view models): activation sets it, plain Node (unit tests) keeps English.
// Dates go through Intl in that language, never month names in code.
let language = 'en';

/** Called once at activation with vscode.env.language. */
export function useDisplayLanguage(lang: string): void {
  language = lang;
  formats.clear();
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(withYear: boolean): Intl.DateTimeFormat {
  const key = withYear ? 'y' : 'd';
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric', ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' })));
  return f;
}

/** `2026-12-09` -> `Dec 9` (`9. Dez.` in German), with the year when it is not `today`'s. */
export function shortDate(iso: string, today: string | undefined): string {
  const [y, m, d] = iso.split('-').map(Number);
  return format(!!today && Number(today.slice(0, 4)) !== y).format(Date.UTC(y, m - 1, d));
}
