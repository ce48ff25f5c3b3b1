// Colours and fonts of the chart, read from the `--vscode-*` variables VS
// Code sets on <html>/<body>. The canvas cannot use CSS variables directly, so
// the palette is re-read when the theme changes (VS Code swaps the body's
// `vscode-light` / `vscode-dark` / `vscode-high-contrast` class).

import type { Palette } from './palette';

export type { Palette };

const FALLBACK: Record<string, string> = {
  '--vscode-editor-background': '#1e1e1e',
  '--vscode-editor-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-panel-border': '#80808059',
  '--vscode-editorGroupHeader-tabsBackground': '#252526',
  '--vscode-sideBarSectionHeader-background': '#80808033',
  '--vscode-list-inactiveSelectionBackground': '#37373d',
  '--vscode-focusBorder': '#007fd4',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-yellow': '#cca700',
  '--vscode-editorWarning-foreground': '#cca700',
  '--vscode-font-family': 'system-ui, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-contrastBorder': '#6fc3df',
};

export function readPalette(el: Element = document.body): Palette {
  const cs = getComputedStyle(el);
  const v = (name: string): string => cs.getPropertyValue(name).trim() || FALLBACK[name] || '#888888';
  const family = v('--vscode-font-family');
  const size = parseFloat(v('--vscode-font-size')) || 13;
  const hc = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  return {
    background: v('--vscode-editor-background'),
    foreground: v('--vscode-editor-foreground'),
    muted: v('--vscode-descriptionForeground'),
    grid: v('--vscode-panel-border'),
    headerBackground: v('--vscode-editorGroupHeader-tabsBackground'),
    groupBackground: v('--vscode-sideBarSectionHeader-background'),
    selection: v('--vscode-list-inactiveSelectionBackground'),
    focus: v('--vscode-focusBorder'),
    bar: v('--vscode-charts-blue'),
    critical: v('--vscode-charts-red'),
    actual: v('--vscode-charts-green'),
    milestone: v('--vscode-charts-purple'),
    onTime: v('--vscode-charts-green'),
    late: v('--vscode-charts-red'),
    today: v('--vscode-charts-orange'),
    warning: v('--vscode-editorWarning-foreground'),
    preview: v('--vscode-charts-yellow'),
    font: `${Math.round(size * 0.92)}px ${family}`,
    boldFont: `600 ${Math.round(size * 0.92)}px ${family}`,
    smallFont: `${Math.round(size * 0.8)}px ${family}`,
    highContrast: hc,
    contrastBorder: hc ? v('--vscode-contrastBorder') : '',
  };
}

/** Calls `onChange` when VS Code switches theme (body class or inline style of <html> change). */
export function watchTheme(onChange: () => void): MutationObserver {
  const obs = new MutationObserver(() => onChange());
  obs.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  obs.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  return obs;
}
