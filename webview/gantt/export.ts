// Export of the whole chart (all rows, all days, with the task list) as SVG
// text or a PNG data: URL, drawn by the same painters as the screen, without
// a drag preview. The host saves what this returns.
import { G, T } from '../../src/protocol/gantt';
import { HEADER_HEIGHT, ROW_HEIGHT, groupOf, isGroupRef, type Visible } from './layout';
import { drawBody, drawHeader, type Scene } from './chart';
import { CanvasPainter } from './paint';
import { SvgPainter } from './svg';

const EXPORT_LIST_WIDTH = 300;

export function renderExport(s: Scene, format: 'svg' | 'png'): string {
  const chartW = Math.ceil(s.extent.days * s.pxPerDay);
  const width = EXPORT_LIST_WIDTH + chartW;
  const height = HEADER_HEIGHT + s.rows.length * ROW_HEIGHT;
  const all: Visible = { firstRow: 0, lastRow: s.rows.length - 1, firstDay: s.extent.origin, lastDay: s.extent.origin + s.extent.days - 1 };
  const measureCtx = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
  const measurer = new CanvasPainter(measureCtx);
  const paint = (p: CanvasPainter | SvgPainter): void => {
    drawBody(p, s, all, -EXPORT_LIST_WIDTH, -HEADER_HEIGHT, width, height);
    drawHeader(p, s, all, -EXPORT_LIST_WIDTH, width);
    p.rect(0, 0, EXPORT_LIST_WIDTH, height, s.pal.background);
    p.text(8, HEADER_HEIGHT / 2, s.data.name, s.pal.foreground, s.pal.boldFont, 'left', EXPORT_LIST_WIDTH - 16);
    s.rows.forEach((ref, r) => {
      const y = HEADER_HEIGHT + r * ROW_HEIGHT + ROW_HEIGHT / 2;
      if (isGroupRef(ref)) p.text(8, y, s.data.groups[groupOf(ref)][G.title], s.pal.foreground, s.pal.boldFont, 'left', EXPORT_LIST_WIDTH - 16);
      else {
        const t = s.data.tasks[ref];
        p.text(20, y, `${t[T.id]}  ${t[T.title]}`, s.pal.foreground, s.pal.font, 'left', EXPORT_LIST_WIDTH - 28);
      }
    });
    p.line(EXPORT_LIST_WIDTH - 0.5, 0, EXPORT_LIST_WIDTH - 0.5, height, s.pal.grid, 1);
  };
  const savedPreview = s.preview;
  s.preview = null;
  let data: string;
  if (format === 'svg') {
    const svg = new SvgPainter(measurer);
    paint(svg);
    data = svg.toString(width, height, s.pal.background);
  } else {
    // Canvas size is limited: scale big plans down to at most 16k px a side and 64M pixels.
    const scale = Math.min(1, 16000 / width, 16000 / height, Math.sqrt(64e6 / (width * height)));
    const c = document.createElement('canvas');
    c.width = Math.max(1, Math.floor(width * scale));
    c.height = Math.max(1, Math.floor(height * scale));
    const ctx = c.getContext('2d') as CanvasRenderingContext2D;
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    paint(new CanvasPainter(ctx));
    data = c.toDataURL('image/png');
  }
  s.preview = savedPreview;
  return data;
}
