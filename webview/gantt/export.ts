// Export of the whole chart (all rows, all days, with the task list) as SVG
// text or a PNG data: URL, drawn by the sheet the static site draws too
// (sheet.ts), without a drag preview. The host saves what this returns.
import type { Scene } from './chart';
import { CanvasPainter } from './paint';
import { paintSheet, sheetSize } from './sheet';
import { SvgPainter } from './svg';

const EXPORT_LIST_WIDTH = 300;

export function renderExport(s: Scene, format: 'svg' | 'png'): string {
  const { width, height } = sheetSize(s, EXPORT_LIST_WIDTH);
  const measureCtx = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
  const measurer = new CanvasPainter(measureCtx);
  const savedPreview = s.preview;
  s.preview = null;
  let data: string;
  if (format === 'svg') {
    const svg = new SvgPainter(measurer);
    paintSheet(svg, s, EXPORT_LIST_WIDTH);
    data = svg.toString(width, height, s.pal.background);
  } else {
    // Canvas size is limited: scale big plans down to at most 16k px a side and 64M pixels.
    const scale = Math.min(1, 16000 / width, 16000 / height, Math.sqrt(64e6 / (width * height)));
    const c = document.createElement('canvas');
    c.width = Math.max(1, Math.floor(width * scale));
    c.height = Math.max(1, Math.floor(height * scale));
    const ctx = c.getContext('2d') as CanvasRenderingContext2D;
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    paintSheet(new CanvasPainter(ctx), s, EXPORT_LIST_WIDTH);
    data = c.toDataURL('image/png');
  }
  s.preview = savedPreview;
  return data;
}
