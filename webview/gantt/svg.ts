// SVG export: the chart drawn as an SVG document string. Every string from
// the plan goes through `esc`, so plan text can never become markup.
import { escapeXml as esc } from '../../src/protocol/xml';
import { fitText, type Painter } from './painter';

const n = (v: number): string => (Math.round(v * 100) / 100).toString();

/** Builds an SVG document as text; every string from the plan goes through `esc`. */
export class SvgPainter implements Painter {
  private readonly parts: string[] = [];
  private clipId = 0;
  private open = 0;

  /**
   * `fontClasses` maps a font to a class name written instead of an inline
   * `style` (a page whose CSP forbids style attributes styles the class).
   */
  constructor(private readonly measurer: Painter, private readonly fontClasses?: ReadonlyMap<string, string>) {}

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
    const cls = this.fontClasses?.get(font);
    const fontAttr = cls !== undefined ? `class="${esc(cls)}"` : `style="font:${esc(font)}"`;
    this.parts.push(`<text x="${n(x)}" y="${n(y)}" dominant-baseline="middle" text-anchor="${anchor}" fill="${esc(fill)}" ${fontAttr}>${esc(t)}</text>`);
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
