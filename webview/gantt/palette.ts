// The chart's colours and fonts as plain strings: what chart.ts draws with.
// DOM-free, so the static site (src/site) paints the same chart in Node.

export interface Palette {
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  headerBackground: string;
  groupBackground: string;
  selection: string;
  focus: string;
  bar: string;
  critical: string;
  actual: string;
  milestone: string;
  onTime: string;
  late: string;
  today: string;
  warning: string;
  preview: string;
  font: string;
  boldFont: string;
  smallFont: string;
  highContrast: boolean;
  /** Outline drawn around bars in high-contrast themes (empty otherwise). */
  contrastBorder: string;
}
