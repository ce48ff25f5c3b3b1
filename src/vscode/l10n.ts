// The translator of the extension's pure modules (view models, hover texts),
// which import no `vscode` so that plain mocha tests them. Activation hands it
// vscode.l10n.t, so in VS Code they speak the display language like the rest
// of the extension; in plain Node it fills English `{0}` placeholders.
// Write `l10n.t('literal {0}', x)`: `npx @vscode/l10n-dev export` finds the
// calls by that name (CONTRIBUTING.md, Localization).
export type L10nArg = string | number | boolean;
type Translate = (message: string, ...args: L10nArg[]) => string;

const english: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));

let translate: Translate = english;

export const l10n = {
  t(message: string, ...args: L10nArg[]): string {
    return translate(message, ...args);
  },
  /** Called once at activation with vscode.l10n.t. */
  use(t: Translate): void {
    translate = t;
  },
};

