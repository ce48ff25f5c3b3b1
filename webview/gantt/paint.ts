// The few drawing primitives the chart needs, behind one interface so the
// same drawing code paints the on-screen canvas, a PNG export (offscreen
// canvas) and an SVG export (a string; text is XML-escaped, never parsed).

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

export class CanvasPainter implements Painter {
  /** Setting ctx.font parses a CSS font string every time: skip it when unchanged. */
  private font = '';
  constructor(readonly ctx: CanvasRenderingContext2D) {}

  private setFont(font: string): void {
    if (font !== this.font) { this.ctx.font = font; this.font = font; }
  }
  rects(xywh: readonly number[], fill: string, alpha = 1): void {
    if (xywh.length === 0) return;
    const c = this.ctx;
    c.beginPath();
    for (let i = 0; i < xywh.length; i += 4) c.rect(xywh[i], xywh[i + 1], xywh[i + 2], xywh[i + 3]);
    c.globalAlpha = alpha;
    c.fillStyle = fill;
    c.fill();
    c.globalAlpha = 1;
  }
  segments(xyxy: readonly number[], stroke: string, width: number): void {
    if (xyxy.length === 0) return;
    const c = this.ctx;
    c.beginPath();
    for (let i = 0; i < xyxy.length; i += 4) { c.moveTo(xyxy[i], xyxy[i + 1]); c.lineTo(xyxy[i + 2], xyxy[i + 3]); }
    c.strokeStyle = stroke;
    c.lineWidth = width;
    c.stroke();
  }

  rect(x: number, y: number, w: number, h: number, fill: string, alpha = 1): void {
    const c = this.ctx;
    c.globalAlpha = alpha;
    c.fillStyle = fill;
    c.fillRect(x, y, w, h);
    c.globalAlpha = 1;
  }
  strokeRect(x: number, y: number, w: number, h: number, stroke: string, width: number, dash: number[] = []): void {
    const c = this.ctx;
    c.setLineDash(dash);
    c.strokeStyle = stroke;
    c.lineWidth = width;
    c.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
    c.setLineDash([]);
  }
  line(x1: number, y1: number, x2: number, y2: number, stroke: string, width: number, dash: number[] = []): void {
    const c = this.ctx;
    c.setLineDash(dash);
    c.strokeStyle = stroke;
    c.lineWidth = width;
    c.beginPath();
    c.moveTo(x1, y1);
    c.lineTo(x2, y2);
    c.stroke();
    c.setLineDash([]);
  }
  poly(points: number[], fill: string | null, stroke: string | null, width = 1): void {
    const c = this.ctx;
    c.beginPath();
    c.moveTo(points[0], points[1]);
    for (let i = 2; i < points.length; i += 2) c.lineTo(points[i], points[i + 1]);
    c.closePath();
    if (fill) { c.fillStyle = fill; c.fill(); }
    if (stroke) { c.strokeStyle = stroke; c.lineWidth = width; c.stroke(); }
  }
  path(points: number[], stroke: string, width: number): void {
    const c = this.ctx;
    c.beginPath();
    c.moveTo(points[0], points[1]);
    for (let i = 2; i < points.length; i += 2) c.lineTo(points[i], points[i + 1]);
    c.strokeStyle = stroke;
    c.lineWidth = width;
    c.stroke();
  }
  text(x: number, y: number, s: string, fill: string, font: string, align: 'left' | 'center' | 'right' = 'left', maxWidth?: number): void {
    const c = this.ctx;
    this.setFont(font);
    c.fillStyle = fill;
    c.textAlign = align;
    c.textBaseline = 'middle';
    if (maxWidth !== undefined) {
      if (maxWidth < 8) return;
      c.fillText(fitText(this, s, font, maxWidth), x, y);
    } else {
      c.fillText(s, x, y);
    }
  }
  private widths = new Map<string, number>();
  measure(s: string, font: string): number {
    // Titles repeat on every frame while scrolling: cache their widths.
    const key = font + '\u0000' + s;
    let w = this.widths.get(key);
    if (w === undefined) {
      if (this.widths.size > 20_000) this.widths.clear();
      this.setFont(font);
      w = this.ctx.measureText(s).width;
      this.widths.set(key, w);
    }
    return w;
  }
  clip(x: number, y: number, w: number, h: number): void {
    const c = this.ctx;
    c.save();
    c.beginPath();
    c.rect(x, y, w, h);
    c.clip();
  }
  unclip(): void {
    this.ctx.restore();
    this.font = this.ctx.font;
  }
  /** Call when the canvas was resized (that resets the context's state). */
  reset(): void {
    this.font = '';
  }
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

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
const n = (v: number): string => (Math.round(v * 100) / 100).toString();

/** Builds an SVG document as text; every string from the plan goes through `esc`. */
export class SvgPainter implements Painter {
  private readonly parts: string[] = [];
  private clipId = 0;
  private open = 0;

  constructor(private readonly measurer: Painter) {}

  rect(x: number, y: number, w: number, h: number, fill: string, alpha = 1): void {
    this.parts.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${esc(fill)}"${alpha < 1 ? ` fill-opacity="${n(alpha)}"` : ''}/>`);
  }
  strokeRect(x: number, y: number, w: number, h: number, stroke: string, width: number, dash: number[] = []): void {
    this.parts.push(`<rect x="${n(x + 0.5)}" y="${n(y + 0.5)}" width="${n(w - 1)}" height="${n(h - 1)}" fill="none" stroke="${esc(stroke)}" stroke-width="${n(width)}"${dash.length ? ` stroke-dasharray="${dash.join(' ')}"` : ''}/>`);
  }
  line(x1: number, y1: number, x2: number, y2: number, stroke: string, width: number, dash: number[] = []): void {
    this.parts.push(`<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${esc(stroke)}" stroke-width="${n(width)}"${dash.length ? ` stroke-dasharray="${dash.join(' ')}"` : ''}/>`);
  }
  poly(points: number[], fill: string | null, stroke: string | null, width = 1): void {
    this.parts.push(`<polygon points="${points.map(n).join(' ')}" fill="${fill ? esc(fill) : 'none'}"${stroke ? ` stroke="${esc(stroke)}" stroke-width="${n(width)}"` : ''}/>`);
  }
  path(points: number[], stroke: string, width: number): void {
    this.parts.push(`<polyline points="${points.map(n).join(' ')}" fill="none" stroke="${esc(stroke)}" stroke-width="${n(width)}"/>`);
  }
  text(x: number, y: number, s: string, fill: string, font: string, align: 'left' | 'center' | 'right' = 'left', maxWidth?: number): void {
    if (maxWidth !== undefined && maxWidth < 8) return;
    const t = maxWidth !== undefined ? fitText(this.measurer, s, font, maxWidth) : s;
    const anchor = align === 'left' ? 'start' : align === 'center' ? 'middle' : 'end';
    this.parts.push(`<text x="${n(x)}" y="${n(y)}" dominant-baseline="middle" text-anchor="${anchor}" fill="${esc(fill)}" style="font:${esc(font)}">${esc(t)}</text>`);
  }
  rects(xywh: readonly number[], fill: string, alpha = 1): void {
    for (let i = 0; i < xywh.length; i += 4) this.rect(xywh[i], xywh[i + 1], xywh[i + 2], xywh[i + 3], fill, alpha);
  }
  segments(xyxy: readonly number[], stroke: string, width: number): void {
    if (xyxy.length === 0) return;
    let d = '';
    for (let i = 0; i < xyxy.length; i += 4) d += `M${n(xyxy[i])} ${n(xyxy[i + 1])}L${n(xyxy[i + 2])} ${n(xyxy[i + 3])}`;
    this.parts.push(`<path d="${d}" stroke="${esc(stroke)}" stroke-width="${n(width)}" fill="none"/>`);
  }
  measure(s: string, font: string): number {
    return this.measurer.measure(s, font);
  }
  clip(x: number, y: number, w: number, h: number): void {
    const id = `c${this.clipId++}`;
    this.parts.push(`<clipPath id="${id}"><rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}"/></clipPath><g clip-path="url(#${id})">`);
    this.open++;
  }
  unclip(): void {
    if (this.open > 0) { this.parts.push('</g>'); this.open--; }
  }
  toString(width: number, height: number, background: string): string {
    while (this.open > 0) this.unclip();
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}"><rect width="100%" height="100%" fill="${esc(background)}"/>${this.parts.join('')}</svg>`;
  }
}
