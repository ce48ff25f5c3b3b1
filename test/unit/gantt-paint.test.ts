import * as assert from 'node:assert/strict';
import { fitText, type Painter } from '../../webview/gantt/painter';
import { SvgPainter } from '../../webview/gantt/svg';

/** Measures every character as 7 px wide: enough to test ellipsis and escaping without a canvas. */
const fixedWidth = { measure: (s: string) => s.length * 7 } as unknown as Painter;

describe('gantt export: SVG painter', () => {
  it('escapes plan text and attribute values instead of emitting markup', () => {
    const p = new SvgPainter(fixedWidth);
    p.text(10, 12, '<script>alert("x")</script> & more', '#fff', '12px sans-serif');
    p.rect(0, 0, 5, 5, 'red" onload="x');
    const svg = p.toString(100, 50, '#000');
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"'));
    assert.ok(svg.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more</text>'));
    assert.ok(svg.includes('fill="red&quot; onload=&quot;x"'));
    assert.ok(!svg.includes('<script'));
  });
  it('control characters in plan text become U+FFFD: the export stays well-formed XML', () => {
    const p = new SvgPainter(fixedWidth);
    p.text(10, 12, 'a\x1bb\x00c', '#fff', '12px sans-serif');
    assert.ok(p.toString(100, 50, '#000').includes('>a\ufffdb\ufffdc</text>'));
  });
  it('shortens text to the room it has, with an ellipsis', () => {
    assert.equal(fitText(fixedWidth, 'Design the returns data model', 'f', 70), 'Design th…');
    assert.equal(fitText(fixedWidth, 'Short', 'f', 70), 'Short');
    assert.equal(fitText(fixedWidth, 'Anything', 'f', 5), '');
  });
  it('batches segments into one path and closes clip groups', () => {
    const p = new SvgPainter(fixedWidth);
    p.clip(0, 0, 10, 10);
    p.segments([0, 0, 10, 0, 0, 5, 10, 5], '#888', 1);
    const svg = p.toString(10, 10, '#fff');
    assert.ok(svg.includes('<path d="M0 0L10 0M0 5L10 5" stroke="#888" stroke-width="1" fill="none"/>'));
    assert.equal(svg.split('<g ').length - 1, svg.split('</g>').length - 1);
  });
});
