// The whole chart on one sheet (every row, every day, the task list on the
// left): what the SVG/PNG export and the static site's Gantt draw, with the
// same painters as the screen. DOM-free, so the site paints it in Node.
import { G, T } from '../../src/protocol/gantt';
import { HEADER_HEIGHT, ROW_HEIGHT, groupOf, isGroupRef, type Visible } from './layout';
import { drawBody, drawHeader, type Scene } from './chart';
import type { Painter } from './painter';

/** Size of the sheet of `s` with a task list `listWidth` wide. */
export function sheetSize(s: Scene, listWidth: number): { width: number; height: number } {
  return { width: listWidth + Math.ceil(s.extent.days * s.pxPerDay), height: HEADER_HEIGHT + s.rows.length * ROW_HEIGHT };
}

/** Paints the sheet: body, time header, then the task list over the left margin. */
export function paintSheet(p: Painter, s: Scene, listWidth: number): void {
  const { width, height } = sheetSize(s, listWidth);
  const all: Visible = { firstRow: 0, lastRow: s.rows.length - 1, firstDay: s.extent.origin, lastDay: s.extent.origin + s.extent.days - 1 };
  drawBody(p, s, all, -listWidth, -HEADER_HEIGHT, width, height);
  drawHeader(p, s, all, -listWidth, width);
  p.rect(0, 0, listWidth, height, s.pal.background);
  p.text(8, HEADER_HEIGHT / 2, s.data.name, s.pal.foreground, s.pal.boldFont, 'left', listWidth - 16);
  s.rows.forEach((ref, r) => {
    const y = HEADER_HEIGHT + r * ROW_HEIGHT + ROW_HEIGHT / 2;
    if (isGroupRef(ref)) p.text(8, y, s.data.groups[groupOf(ref)][G.title], s.pal.foreground, s.pal.boldFont, 'left', listWidth - 16);
    else {
      const t = s.data.tasks[ref];
      p.text(20, y, `${t[T.id]}  ${t[T.title]}`, s.pal.foreground, s.pal.font, 'left', listWidth - 28);
    }
  });
  p.line(listWidth - 0.5, 0, listWidth - 0.5, height, s.pal.grid, 1);
}
