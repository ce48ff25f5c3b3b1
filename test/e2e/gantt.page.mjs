/* global MessageEvent */
// Loads the Gantt webview bundle (dist/webview/gantt.js) into a Chromium page
// the way VS Code would: --vscode-* theme variables on <html>, a body class
// naming the theme kind, media/gantt.css, and an acquireVsCodeApi() whose
// posted messages are kept in window.__posted. Shared by the Gantt e2e check
// and the Gantt bench.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const common = {
  '--vscode-font-family': 'system-ui, -apple-system, "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-font-weight': 'normal',
};

/** Colour tokens of VS Code's Dark Modern and Light Modern themes (the ones the Gantt and the toolbar use). */
export const THEMES = {
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      ...common,
      '--vscode-editor-background': '#1f1f1f', '--vscode-editor-foreground': '#cccccc', '--vscode-foreground': '#cccccc',
      '--vscode-descriptionForeground': '#9d9d9d', '--vscode-panel-border': '#2b2b2b', '--vscode-editorGroupHeader-tabsBackground': '#181818',
      '--vscode-sideBarSectionHeader-background': '#181818', '--vscode-list-inactiveSelectionBackground': '#37373d',
      '--vscode-list-activeSelectionBackground': '#04395e', '--vscode-list-activeSelectionForeground': '#ffffff', '--vscode-focusBorder': '#0078d4',
      '--vscode-charts-blue': '#3794ff', '--vscode-charts-red': '#f14c4c', '--vscode-charts-green': '#89d185', '--vscode-charts-purple': '#b180d7',
      '--vscode-charts-orange': '#d18616', '--vscode-charts-yellow': '#cca700', '--vscode-editorWarning-foreground': '#cca700',
      '--vscode-errorForeground': '#f85149', '--vscode-inputValidation-errorBackground': '#5a1d1d', '--vscode-inputValidation-errorBorder': '#be1100',
      '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff', '--vscode-button-hoverBackground': '#026ec1',
      '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc', '--vscode-button-secondaryHoverBackground': '#3c3c3c',
      '--vscode-button-border': '#ffffff12', '--vscode-input-background': '#313131', '--vscode-input-foreground': '#cccccc', '--vscode-input-border': '#3c3c3c',
      '--vscode-input-placeholderForeground': '#989898', '--vscode-dropdown-background': '#313131', '--vscode-dropdown-foreground': '#cccccc',
      '--vscode-dropdown-border': '#3c3c3c', '--vscode-dropdown-listBackground': '#1f1f1f', '--vscode-checkbox-background': '#313131', '--vscode-checkbox-border': '#3c3c3c',
      '--vscode-checkbox-foreground': '#cccccc', '--vscode-editorHoverWidget-background': '#202020', '--vscode-editorHoverWidget-foreground': '#cccccc',
      '--vscode-editorHoverWidget-border': '#454545', '--vscode-widget-shadow': '#0000005c', '--vscode-list-hoverBackground': '#2a2d2e',
    },
  },
  light: {
    bodyClass: 'vscode-light',
    vars: {
      ...common,
      '--vscode-editor-background': '#ffffff', '--vscode-editor-foreground': '#3b3b3b', '--vscode-foreground': '#3b3b3b',
      '--vscode-descriptionForeground': '#6e6e6e', '--vscode-panel-border': '#e5e5e5', '--vscode-editorGroupHeader-tabsBackground': '#f8f8f8',
      '--vscode-sideBarSectionHeader-background': '#f8f8f8', '--vscode-list-inactiveSelectionBackground': '#e4e6f1',
      '--vscode-list-activeSelectionBackground': '#e8e8e8', '--vscode-list-activeSelectionForeground': '#000000', '--vscode-focusBorder': '#005fb8',
      '--vscode-charts-blue': '#1a85ff', '--vscode-charts-red': '#e51400', '--vscode-charts-green': '#388a34', '--vscode-charts-purple': '#652d90',
      '--vscode-charts-orange': '#d18616', '--vscode-charts-yellow': '#bf8803', '--vscode-editorWarning-foreground': '#bf8803',
      '--vscode-errorForeground': '#f85149', '--vscode-inputValidation-errorBackground': '#f2dede', '--vscode-inputValidation-errorBorder': '#be1100',
      '--vscode-button-background': '#005fb8', '--vscode-button-foreground': '#ffffff', '--vscode-button-hoverBackground': '#0258a8',
      '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b', '--vscode-button-secondaryHoverBackground': '#cccccc',
      '--vscode-button-border': '#0000001a', '--vscode-input-background': '#ffffff', '--vscode-input-foreground': '#3b3b3b', '--vscode-input-border': '#cecece',
      '--vscode-input-placeholderForeground': '#767676', '--vscode-dropdown-background': '#ffffff', '--vscode-dropdown-foreground': '#3b3b3b',
      '--vscode-dropdown-border': '#cecece', '--vscode-dropdown-listBackground': '#ffffff', '--vscode-checkbox-background': '#f8f8f8', '--vscode-checkbox-border': '#cecece',
      '--vscode-checkbox-foreground': '#3b3b3b', '--vscode-editorHoverWidget-background': '#f8f8f8', '--vscode-editorHoverWidget-foreground': '#3b3b3b',
      '--vscode-editorHoverWidget-border': '#c8c8c8', '--vscode-widget-shadow': '#00000029', '--vscode-list-hoverBackground': '#f2f2f2',
    },
  },
};

/** The webview page: theme, stylesheet, vscode API shim, then the bundle (run by `loadGantt`). */
export function pageHtml(theme) {
  const t = THEMES[theme];
  const style = Object.entries(t.vars).map(([k, v]) => `${k}: ${v};`).join(' ');
  const css = readFileSync(join(ROOT, 'media', 'gantt.css'), 'utf8');
  return `<!doctype html><html style='${style}'><head><meta charset="utf-8"><style>${css}</style></head>
<body class="${t.bodyClass}"><div id="app"></div>
<script>
  window.__posted = []; window.__state = undefined;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => window.__state,
    setState: (s) => { window.__state = s; },
  });
</script></body></html>`;
}

/** Opens the Gantt in `page`; resolves once the webview posted `ready`. */
export async function loadGantt(page, theme = 'dark') {
  await page.setContent(pageHtml(theme));
  await page.addScriptTag({ content: readFileSync(join(ROOT, 'dist', 'webview', 'gantt.js'), 'utf8') });
  await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
}

/** Delivers a host message synchronously (like VS Code's message event) and returns the ms it took to handle. */
export async function deliver(page, message) {
  return page.evaluate((m) => {
    const t0 = performance.now();
    window.dispatchEvent(new MessageEvent('message', { data: m }));
    void document.body.offsetHeight; // include the style and layout the render caused
    return performance.now() - t0;
  }, message);
}
