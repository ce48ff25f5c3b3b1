import * as assert from 'node:assert/strict';
import { buildMatcher, buildPrefilter, DEFAULT_CLOSING_WORDS } from '../../src/core/link';
import { planOf } from './planFixture';

const YAML = `version: 1
project:
  name: Checkout
  key: PAY
milestones:
  - id: beta
    title: Beta
    tasks:
      - id: PAY-1
        title: Schema
        issue: 12
      - id: PAY-4
        title: Refunds
      - id: PAY-12
        title: Webhooks
      - id: PAY-123
        title: Reports
        issue: acme/other#7
      - id: PAY-13
        title: Shared issue
        issue: 13
`;

describe('link: commit message -> task references', () => {
  const m = buildMatcher(planOf(YAML), { ownRepo: 'acme/shop' });

  it('matches a task id as a whole token in any case', () => {
    assert.deepEqual(m.match('Add webhook handler PAY-12'), [{ taskId: 'PAY-12', closing: false }]);
    assert.deepEqual(m.match('[pay-12] add handler'), [{ taskId: 'PAY-12', closing: false }]);
    assert.deepEqual(m.match('Pay-12: handler.'), [{ taskId: 'PAY-12', closing: false }]);
    assert.deepEqual(m.match('(PAY-12)'), [{ taskId: 'PAY-12', closing: false }]);
  });

  it('does not match inside a longer token', () => {
    assert.deepEqual(m.match('PAY-123 reports'), [{ taskId: 'PAY-123', closing: false }]);
    assert.deepEqual(m.match('xPAY-12 PAY-12x PAY-12a PAY-12-login PAY_12 PAY-1.2'), []);
    assert.deepEqual(m.match('feature/PAY-12 done'), [{ taskId: 'PAY-12', closing: false }]);
  });

  it('reads trailers, and Closes: is closing', () => {
    const msg = 'Refactor the client\n\nLonger body text.\n\nTask: PAY-4\nRefs: PAY-1\nCloses: PAY-12\n';
    assert.deepEqual(m.match(msg), [
      { taskId: 'PAY-4', closing: false },
      { taskId: 'PAY-1', closing: false },
      { taskId: 'PAY-12', closing: true },
    ]);
  });

  it('treats every default closing word (any case, optional colon) as closing', () => {
    for (const w of DEFAULT_CLOSING_WORDS) {
      assert.deepEqual(m.match(`${w.toUpperCase()} PAY-4`), [{ taskId: 'PAY-4', closing: true }], w);
      assert.deepEqual(m.match(`${w}: PAY-4`), [{ taskId: 'PAY-4', closing: true }], w);
    }
  });

  it('needs the closing word right before the reference', () => {
    assert.deepEqual(m.match('fix typo near PAY-4'), [{ taskId: 'PAY-4', closing: false }]);
    assert.deepEqual(m.match('unfixes PAY-4'), [{ taskId: 'PAY-4', closing: false }]);
    assert.deepEqual(m.match('fixes\n\nPAY-4'), [{ taskId: 'PAY-4', closing: false }]);
  });

  it('lets one closing word govern a list', () => {
    assert.deepEqual(m.match('fixes #12, #13 and PAY-4'), [
      { taskId: 'PAY-1', closing: true },
      { taskId: 'PAY-13', closing: true },
      { taskId: 'PAY-4', closing: true },
    ]);
    assert.deepEqual(m.match('Closes PAY-1, PAY-4, and PAY-12; see PAY-123'), [
      { taskId: 'PAY-1', closing: true },
      { taskId: 'PAY-4', closing: true },
      { taskId: 'PAY-12', closing: true },
      { taskId: 'PAY-123', closing: false },
    ]);
    assert.deepEqual(m.match('fixes PAY-1 while touching PAY-4'), [
      { taskId: 'PAY-1', closing: true },
      { taskId: 'PAY-4', closing: false },
    ]);
  });

  it('matches #N, gh-N and owner/repo#N for a task issue', () => {
    assert.deepEqual(m.match('See #12'), [{ taskId: 'PAY-1', closing: false }]);
    assert.deepEqual(m.match('see GH-12'), [{ taskId: 'PAY-1', closing: false }]);
    assert.deepEqual(m.match('resolves acme/shop#12'), [{ taskId: 'PAY-1', closing: true }]);
    assert.deepEqual(m.match('see acme/other#12, #120, a#12, 12'), []);
    assert.deepEqual(m.match('fixes acme/other#7'), [{ taskId: 'PAY-123', closing: true }]);
    assert.deepEqual(m.match('#7 is someone else'), []);
  });

  it('matches #N without knowing the own repository', () => {
    const plain = buildMatcher(planOf(YAML));
    assert.deepEqual(plain.match('Closes #13'), [{ taskId: 'PAY-13', closing: true }]);
    assert.deepEqual(plain.match('see acme/shop#12'), []);
  });

  it('gives the same answers with and without the prefix prefilter', () => {
    // 70 distinct prefixes switch the prefilter off; the answers must not change.
    const many = YAML + 'backlog:\n' + Array.from({ length: 70 }, (_, i) => `  - { id: K${String.fromCharCode(97 + (i % 26), 97 + Math.floor(i / 26))}-1, title: t }\n`).join('');
    const wide = buildMatcher(planOf(many), { ownRepo: 'acme/shop' });
    for (const msg of ['fixes #12, #13 and PAY-4', 'PAY-123 x', 'see GH-12', 'nothing here', 'Refs: pay-1\nCloses: PAY-12']) {
      assert.deepEqual(wide.match(msg), m.match(msg), msg);
    }
    assert.deepEqual(wide.match('closes kba-1'), [{ taskId: 'Kba-1', closing: true }]);
    assert.equal(buildPrefilter(planOf(many).tasks.map((t) => t.id.toLowerCase()), true, true), undefined);
    assert.equal(String(buildPrefilter(['pay-1', 'pay-2', 'ops-1'], true, true)), '/pay\\-|ops\\-|gh\\-|#/i');
  });

  it('sparse fast path and full tokenizer agree on 20k generated messages', () => {
    const fast = buildMatcher(planOf(YAML), { ownRepo: 'acme/shop' });
    const slow = buildMatcher(planOf(YAML), { ownRepo: 'acme/shop' }, { sparse: false });
    const parts = ['PAY-1', 'pay-12', 'PAY-123', 'Pay-4', 'PAY-13', 'fixes', 'Closes', 'closed', 'resolve', 'and', '&', ',', ':', ' ', ' ', '  ', '\t', '\n',
      '-', '.', '_', 'x', 'gh-12', 'GH-13', 'gh-', 'PAY-', '[', ']', '(', ')', '/', 'feature/', 'the', 'fix:', '12', 'PAY-1.', 'a-', '.fixes'];
    let seed = 7;
    const rnd = (): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
    let withRefs = 0;
    for (let i = 0; i < 20000; i++) {
      let msg = '';
      const n = 1 + Math.floor(rnd() * 12);
      for (let k = 0; k < n; k++) msg += parts[Math.floor(rnd() * parts.length)];
      const a = fast.matchAll(msg);
      assert.deepEqual(a, slow.matchAll(msg), JSON.stringify(msg));
      if (a.length) withRefs++;
    }
    assert.ok(withRefs > 5000, `only ${withRefs} messages had references`);
  });

  it('uses a configured closing-word list instead of the default', () => {
    const custom = buildMatcher(planOf(YAML), { closingWords: ['done'] });
    assert.deepEqual(custom.match('Done: PAY-4'), [{ taskId: 'PAY-4', closing: true }]);
    assert.deepEqual(custom.match('fixes PAY-4'), [{ taskId: 'PAY-4', closing: false }]);
    assert.notEqual(custom.key, m.key);
  });

  it('reports positions of every mention', () => {
    assert.deepEqual(m.matchAll('x PAY-4 fixes pay-12'), [
      { taskId: 'PAY-4', closing: false, start: 2, end: 7 },
      { taskId: 'PAY-12', closing: true, start: 14, end: 20 },
    ]);
  });

  it('keys the rules: same plan same key, another id another key', () => {
    assert.equal(buildMatcher(planOf(YAML), { ownRepo: 'acme/shop' }).key, m.key);
    assert.notEqual(buildMatcher(planOf(YAML.replace('PAY-4', 'PAY-5'))).key, m.key);
  });
});
