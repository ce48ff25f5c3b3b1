// Mutants of a plan text for the fuzz and equivalence tests: fragments that
// matter to YAML or to the plan rules inserted, runs deleted, characters
// replaced, lines duplicated, re-indented or swapped. Deterministic for a
// seeded random source.
import { lineEndAfterBreak, lineStartOf } from '../../src/core/yamlUtil';

/** Fragments that matter to YAML or to the plan rules. */
const FRAGMENTS = [
  '*a', '&a ', '*nosuch', '!!binary ZG9uZQ==', '!!merge <<', '!x ', '<<: *a', '\t', '\r', '\r\n', ':', ': ', '- ', '[', ']', '{', '}', ',', '"', "'", '#', '|', '>', '%', '@', '`',
  '\u0000', '\x1b[2J', '\x9b', '\u202e', '\ufeff', '\ud800', 'é', '😀', '---\n', '...\n', '? ', '~', 'null', 'true', '1e-9', '.inf', '-1',
  'status: done', 'status: "done"', 'estimate: 400000w', 'estimate: 20000000w', 'capacity: 1e-9', 'capacity: 0', 'hoursPerDay: 0.0001', 'depends: [RET-1]',
  'depends: RET-12', 'due: 2026-02-30', 'start: 9999-12-31', 'holidays: [2026-01-01..2036-01-01]', 'id: RET-1', 'title: https://example.com/a_b', '  ', '\n', '\n  - ',
];

export function mutate(text: string, r: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  let out = text;
  const n = 1 + Math.floor(r() * 3);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(r() * (out.length + 1));
    switch (Math.floor(r() * 6)) {
      case 0: out = out.slice(0, at) + pick(FRAGMENTS) + out.slice(at); break; // insert a fragment
      case 1: out = out.slice(0, at) + out.slice(at + 1 + Math.floor(r() * 40)); break; // delete a run
      case 2: out = out.slice(0, at) + String.fromCharCode(Math.floor(r() * 128)) + out.slice(at + 1); break; // replace a character
      case 3: { // duplicate a line
        const s = lineStartOf(out, at); const e = lineEndAfterBreak(out, at);
        out = out.slice(0, e) + out.slice(s, e) + out.slice(e);
        break;
      }
      case 4: { // indent or dedent a line
        const s = lineStartOf(out, at);
        out = r() < 0.5 ? `${out.slice(0, s)}  ${out.slice(s)}` : out.slice(0, s) + out.slice(s).replace(/^ {1,2}/, '');
        break;
      }
      default: { // swap two lines
        const lines = out.split('\n');
        const i = Math.floor(r() * lines.length); const j = Math.floor(r() * lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        out = lines.join('\n');
      }
    }
  }
  return out;
}
