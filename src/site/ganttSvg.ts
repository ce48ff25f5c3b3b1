// The Gantt of the static site: the webview's own drawing code (sheet.ts,
// chart.ts, layout.ts; the export draws the same sheet) painted into an SVG
// string in Node, with the whole plan on one sheet: forecast bars, planned
// ghosts, the P50-P95 band beside each milestone's diamonds. Colours are CSS variables and fonts are classes, so the page's
// stylesheet switches light/dark and no style attribute needs a CSP exception.
import { T, type GanttData, type Zoom } from '../protocol/gantt';
import {
  HEADER_HEIGHT, NO_FILTER, PX_PER_DAY, ROW_HEIGHT, ChartCalendar, buildRows, isGroupRef, planExtent, successors,
} from '../../webview/gantt/layout';
import { barRect, computeGroupSpans, type Scene } from '../../webview/gantt/chart';
import { datesText } from '../../webview/gantt/describe';
import type { Palette } from '../../webview/gantt/palette';
import type { Painter } from '../../webview/gantt/painter';
import { paintSheet, sheetSize } from '../../webview/gantt/sheet';
import { SvgPainter } from '../../webview/gantt/svg';
import { escapeXml } from '../core/report/svg';

const FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const FONTS = { font: `12px ${FAMILY}`, boldFont: `600 12px ${FAMILY}`, smallFont: `11px ${FAMILY}` } as const;
/** Font -> CSS class of the page (see css.ts: `.gf`, `.gb`, `.gs`). */
const FONT_CLASSES: ReadonlyMap<string, string> = new Map([[FONTS.font, 'gf'], [FONTS.boldFont, 'gb'], [FONTS.smallFont, 'gs']]);

/** Every colour is a variable the page's stylesheet defines for light and dark. */
const PALETTE: Palette = {
  background: 'var(--g-bg)', foreground: 'var(--g-fg)', muted: 'var(--g-muted)', grid: 'var(--g-grid)',
  headerBackground: 'var(--g-header)', groupBackground: 'var(--g-group)', selection: 'var(--g-group)', focus: 'var(--g-fg)',
  bar: 'var(--g-bar)', critical: 'var(--g-critical)', actual: 'var(--g-actual)', milestone: 'var(--g-milestone)',
  onTime: 'var(--g-actual)', late: 'var(--g-critical)', today: 'var(--g-today)', warning: 'var(--g-warning)', preview: 'var(--g-today)',
  ...FONTS, highContrast: false, contrastBorder: '',
};

/** Text width without a canvas: an average glyph of a system sans-serif font is about 0.56 em. */
const measurer = {
  measure: (s: string, font: string): number => s.length * 0.56 * (parseFloat(font.replace(/^\d00 /, '')) || 12),
} as Pick<Painter, 'measure'> as Painter;

/** Width of the task list drawn left of the bars (as the webview's SVG export does). */
export const LIST_WIDTH = 280;
/** Widest chart we aim for: the zoom is the closest one whose days fit in it. */
const TARGET_WIDTH = 2400;

export interface GanttSvg {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  readonly zoom: Zoom;
  /** Tasks drawn as a bar (they are scheduled). */
  readonly scheduled: number;
}

/** The zoom whose chart fits TARGET_WIDTH, else the coarsest. */
function zoomFor(days: number): Zoom {
  const zooms: Zoom[] = ['day', 'week', 'month', 'quarter'];
  return zooms.find((z) => days * PX_PER_DAY[z] <= TARGET_WIDTH) ?? 'quarter';
}

/**
 * The whole chart: the task list, the time header and every row. Each bar
 * gets an invisible hit area with a <title> (a tooltip with dates and
 * status), marked `data-task` so tests and readers find one per task.
 */
export function renderGanttSvg(data: GanttData, title: string): GanttSvg {
  const rows = buildRows(data, new Set(), NO_FILTER);
  const rowOfTask = new Int32Array(data.tasks.length).fill(-1);
  rows.forEach((ref, r) => { if (!isGroupRef(ref)) rowOfTask[ref] = r; });
  const extent = planExtent(data);
  const zoom = zoomFor(extent.days);
  const pxPerDay = PX_PER_DAY[zoom];
  const scene: Scene = {
    data, rows, rowOfTask, groupSpans: computeGroupSpans(data, false), planOnly: false, extent, pxPerDay, zoom,
    cal: new ChartCalendar(data.calendar.workdays, data.calendar.holidays), pal: PALETTE, succ: successors(data),
    baseline: null, preview: null, selectedRow: -1, hoverRow: -1, link: null,
  };
  const { width, height } = sheetSize(scene, LIST_WIDTH);
  const p = new SvgPainter(measurer, FONT_CLASSES);
  paintSheet(p, scene, LIST_WIDTH);

  const hits: string[] = [];
  let scheduled = 0;
  rows.forEach((ref, r) => {
    if (isGroupRef(ref)) return;
    const bar = barRect(scene, ref, r);
    if (!bar) return;
    scheduled++;
    const t = data.tasks[ref];
    const x = LIST_WIDTH + bar.x1;
    const tip = `${t[T.id]}: ${t[T.title]} (${datesText(t, false)}, ${t[T.progress]}% done)`;
    hits.push(`<rect class="bar" data-task="${escapeXml(t[T.id])}" x="${x.toFixed(1)}" y="${HEADER_HEIGHT + bar.y + 2}" width="${Math.max(2, bar.x2 - bar.x1).toFixed(1)}" height="${ROW_HEIGHT - 4}" fill="transparent"><title>${escapeXml(tip)}</title></rect>`);
  });
  const body = p.toString(width, height, PALETTE.background);
  const svg = body
    .replace('<svg ', `<svg role="img" aria-label="${escapeXml(title)}" `)
    .replace(/<\/svg>$/, `<g class="bars">${hits.join('')}</g></svg>`);
  return { svg, width, height, zoom, scheduled };
}
