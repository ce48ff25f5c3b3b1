// The one text toolkit (src/core/text.ts): Markdown escaping of plan text for
// reports, hovers and tooltips alike, code spans, percentages, clipping.
import * as assert from 'node:assert/strict';
import { clip, codeSpan, escapeMarkdown, percent, signedPercent } from '../../src/core/text';

describe('text: escapeMarkdown', () => {
  it('escapes what any of the three earlier escapers escaped where it has a meaning', () => {
    // report/markdown.ts md, language/hoverText.ts and tree/model.ts each missed some of these.
    assert.equal(escapeMarkdown('a *b* _c_ `d` ~e~ \\ [l](u) ![i](u) <b> &amp; | {x} #1 +2 $x$'),
      'a \\*b\\* \\_c\\_ \\`d\\` \\~e\\~ \\\\ \\[l\\]\\(u\\) \\!\\[i\\]\\(u\\) \\<b\\> \\&amp; \\| \\{x\\} \\#1 \\+2 \\$x\\$');
  });

  it('leaves no autolink and no emoji: URLs, www. and shortcodes stay text', () => {
    assert.equal(escapeMarkdown('see https://evil.example, WWW.evil.example and :tada:'),
      'see https\\://evil.example, WWW\\.evil.example and \\:tada:');
    assert.equal(escapeMarkdown('[x](javascript:alert(1))'), '\\[x\\]\\(javascript:alert\\(1\\)\\)');
  });

  it('cannot open a block where the caller puts it at a line start', () => {
    assert.equal(escapeMarkdown('- item'), '\\- item');
    assert.equal(escapeMarkdown('=== heading'), '\\=== heading');
    assert.equal(escapeMarkdown('12. ordered'), '12\\. ordered');
    assert.equal(escapeMarkdown('3) ordered'), '3\\) ordered');
    assert.equal(escapeMarkdown('> quote'), '\\> quote');
    assert.equal(escapeMarkdown('# heading'), '\\# heading');
    assert.equal(escapeMarkdown('+ item'), '\\+ item');
  });

  it('keeps ids, versions, times and prose readable: - . : \' " = inside a line mean nothing', () => {
    assert.equal(escapeMarkdown('PAY-12 ships v1.0 at 10:30 = "Ana\'s" fix: it 3.5d --force'),
      'PAY-12 ships v1.0 at 10:30 = "Ana\'s" fix: it 3.5d --force');
  });

  it('puts everything on one line and drops control characters', () => {
    assert.equal(escapeMarkdown('two\r\nlines\tand  \u000b\u0007bell\u007f'), 'two lines and bell');
    assert.equal(escapeMarkdown('a\n\n- b'), 'a - b'); // only the start of the text can be a line start
  });
});

describe('text: codeSpan, percent, clip', () => {
  it('a code span no backtick can break out of, on one line', () => {
    assert.equal(codeSpan('m1'), '`m1`');
    assert.equal(codeSpan('a`b'), '``a`b``');
    assert.equal(codeSpan('`x'), '`` `x ``');
    assert.equal(codeSpan('a\nb'), '`a b`');
  });

  it('percentages are whole and unclamped', () => {
    assert.deepEqual([0, 0.456, 1, 1.25, -0.1].map(percent), ['0%', '46%', '100%', '125%', '-10%']);
    assert.deepEqual([0.25, -0.1, 0].map(signedPercent), ['+25%', '-10%', '0%']);
  });

  it('clips to max characters with an ellipsis, on one line', () => {
    assert.equal(clip('short'), 'short');
    assert.equal(clip('a\n b', 10), 'a b');
    assert.equal(clip('abcdefghij', 5), 'abcd…');
    assert.equal(clip('x'.repeat(60)), 'x'.repeat(60));
    assert.equal(clip('x'.repeat(61)).length, 60);
  });
});
