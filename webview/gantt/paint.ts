// The on-screen (and PNG export) painter: a thin layer over a 2D canvas context.
import { fitText, type Painter } from './painter';

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

