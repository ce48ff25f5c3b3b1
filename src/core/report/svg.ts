// A small, dependency-free SVG line chart for reports (the burndown).
// Theme-neutral: a transparent background and mid-tone colours that read on
// light and dark editors alike (an <img> SVG cannot see the editor's theme).
// Every piece of text is XML-escaped: labels come from the plan.

export interface ChartPoint {
  readonly x: number;
  readonly y: number;
}

export interface ChartSeries {
  readonly label: string;
  readonly points: readonly ChartPoint[];
  /** `step`: the value holds until the next point (remaining work); `line`: straight segments. */
  readonly shape: 'line' | 'step';
  readonly dashed?: boolean;
  readonly color: string;
}

export interface ChartMarker {
  readonly x: number;
  readonly label: string;
  readonly color?: string;
}

export interface LineChartOptions {
  readonly title: string;
  /** Accessible description (a sentence with the key numbers). */
  readonly description?: string;
  readonly width?: number;
  readonly height?: number;
  readonly series: readonly ChartSeries[];
  readonly markers?: readonly ChartMarker[];
  /** Positions of x tick labels; default: 6 evenly spaced. */
  readonly xTicks?: readonly number[];
  readonly formatX: (x: number) => string;
  readonly yLabel: string;
}

/** Mid-tone palette that reads on both white and #1e1e1e. */
export const CHART_COLORS = {
  text: '#8b949e',
  grid: '#8b949e',
  ideal: '#8b949e',
  actual: '#3794ff',
  scope: '#d18616',
  marker: '#d16969',
  release: '#4caf50',
} as const;

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** 1, 2 or 5 times a power of ten: tick steps people read easily. */
export function niceStep(range: number, targetTicks: number): number {
  if (!(range > 0)) return 1;
  const raw = range / Math.max(1, targetTicks);
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / pow;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * pow;
}

const r1 = (n: number): string => String(Math.round(n * 10) / 10);

export function lineChartSvg(o: LineChartOptions): string {
  const width = o.width ?? 720;
  const height = o.height ?? 320;
  const pad = { left: 52, right: 20, top: 48, bottom: 58 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;

  const xs = [...o.series.flatMap((s) => s.points.map((p) => p.x)), ...(o.markers ?? []).map((m) => m.x)];
  const ys = o.series.flatMap((s) => s.points.map((p) => p.y));
  const xMin = xs.length ? Math.min(...xs) : 0;
  const xMax = xs.length ? Math.max(...xs) : 1;
  const yTop = Math.max(1, ...ys);
  const step = niceStep(yTop, 5);
  const yMax = Math.ceil(yTop / step) * step;
  const sx = (x: number): number => pad.left + (xMax === xMin ? plotW / 2 : ((x - xMin) / (xMax - xMin)) * plotW);
  const sy = (y: number): number => pad.top + plotH - (y / yMax) * plotH;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title chart-desc" font-family="-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<title id="chart-title">${escapeXml(o.title)}</title>`);
  out.push(`<desc id="chart-desc">${escapeXml(o.description ?? o.title)}</desc>`);
  out.push(`<text x="${pad.left}" y="20" fill="${CHART_COLORS.text}" font-size="14" font-weight="600">${escapeXml(o.title)}</text>`);

  // Grid and y axis.
  for (let y = 0; y <= yMax + 1e-9; y += step) {
    const py = r1(sy(y));
    out.push(`<line x1="${pad.left}" y1="${py}" x2="${pad.left + plotW}" y2="${py}" stroke="${CHART_COLORS.grid}" stroke-opacity="${y === 0 ? 0.8 : 0.25}" stroke-width="1"/>`);
    out.push(`<text x="${pad.left - 6}" y="${py}" dy="4" text-anchor="end" fill="${CHART_COLORS.text}">${escapeXml(r1(y))}</text>`);
  }
  out.push(`<text transform="translate(14 ${r1(pad.top + plotH / 2)}) rotate(-90)" text-anchor="middle" fill="${CHART_COLORS.text}">${escapeXml(o.yLabel)}</text>`);

  // X ticks.
  const ticks = o.xTicks ?? Array.from({ length: 6 }, (_, i) => Math.round(xMin + ((xMax - xMin) * i) / 5));
  for (const x of [...new Set(ticks)]) {
    const px = r1(sx(x));
    out.push(`<line x1="${px}" y1="${pad.top + plotH}" x2="${px}" y2="${pad.top + plotH + 4}" stroke="${CHART_COLORS.grid}" stroke-opacity="0.8"/>`);
    out.push(`<text x="${px}" y="${pad.top + plotH + 17}" text-anchor="middle" fill="${CHART_COLORS.text}">${escapeXml(o.formatX(x))}</text>`);
  }

  // Markers (due date, release) as vertical lines with a label at the top.
  // Labels alternate between two rows so close markers do not overlap, and
  // hug the plot's edges instead of being clipped.
  (o.markers ?? []).forEach((m, i) => {
    const x = sx(m.x);
    const px = r1(x);
    const color = m.color ?? CHART_COLORS.marker;
    const anchor = x > width - pad.right - 30 ? 'end' : x < pad.left + 30 ? 'start' : 'middle';
    const y = i % 2 === 0 ? pad.top - 4 : pad.top - 17;
    out.push(`<line x1="${px}" y1="${pad.top}" x2="${px}" y2="${pad.top + plotH}" stroke="${color}" stroke-width="1.5" stroke-dasharray="2 3"/>`);
    out.push(`<text x="${px}" y="${y}" text-anchor="${anchor}" fill="${color}">${escapeXml(m.label)}</text>`);
  });

  // Series.
  for (const s of o.series) {
    if (s.points.length === 0) continue;
    const pts: string[] = [];
    s.points.forEach((p, i) => {
      if (s.shape === 'step' && i > 0) pts.push(`${r1(sx(p.x))},${r1(sy(s.points[i - 1].y))}`);
      pts.push(`${r1(sx(p.x))},${r1(sy(p.y))}`);
    });
    out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" stroke-linejoin="round"${s.dashed ? ' stroke-dasharray="6 4"' : ''} points="${pts.join(' ')}"><title>${escapeXml(s.label)}</title></polyline>`);
  }

  // Legend along the bottom.
  let lx = pad.left;
  const ly = height - 14;
  for (const s of o.series) {
    out.push(`<line x1="${lx}" y1="${ly - 4}" x2="${lx + 22}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    out.push(`<text x="${lx + 28}" y="${ly}" fill="${CHART_COLORS.text}">${escapeXml(s.label)}</text>`);
    lx += 40 + s.label.length * 7;
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
