// The few drawing primitives the chart needs, behind one interface so the
// same drawing code paints the on-screen canvas, a PNG export (offscreen
// canvas) and an SVG export (a string; text is XML-escaped, never parsed).
// DOM-free: the SVG painter and text fitting are unit-tested in Node.

export interface Painter {
  rect(x: number, y: number, w: number, h: number, fill: string, alpha?: number): void;
  strokeRect(x: number, y: number, w: number, h: number, stroke: string, width: number, dash?: number[]): void;
  line(x1: number, y1: number, x2: number, y2: number, stroke: string, width: number, dash?: number[]): void;
  /** A closed polygon, filled and/or stroked. */
  poly(points: number[], fill: string | null, stroke: string | null, width?: number): void;
  /** An open polyline (arrows). */
  path(points: number[], stroke: string, width: number): void;
  text(x: number, y: number, s: string, fill: string, font: string, align?: 'left' | 'center' | 'right', maxWidth?: number): void;
  /** Many rectangles of one style (x, y, w, h repeated): one fill call on a canvas. */
  rects(xywh: readonly number[], fill: string, alpha?: number): void;
  /** Many straight segments of one style (x1, y1, x2, y2 repeated): one stroke call on a canvas. */
  segments(xyxy: readonly number[], stroke: string, width: number): void;
  measure(s: string, font: string): number;
  /** Restrict drawing to a rectangle until `unclip`. */
  clip(x: number, y: number, w: number, h: number): void;
  unclip(): void;
}

/** `s` shortened with an ellipsis to fit `maxWidth`. */
export function fitText(p: Painter, s: string, font: string, maxWidth: number): string {
  if (p.measure(s, font) <= maxWidth) return s;
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p.measure(s.slice(0, mid) + '…', font) <= maxWidth) lo = mid; else hi = mid - 1;
  }
  return lo === 0 ? '' : s.slice(0, lo) + '…';
}

