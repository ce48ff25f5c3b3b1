// Risk exposure on the 3x3 matrix and its link to milestones.
import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import { exposureLevel, exposureOf, rankRisks } from '../../src/core/risk';

const TEXT = `version: 1
project:
  name: Risks
milestones:
  - id: beta
    title: Beta
    tasks:
      - { id: T1, title: T1 }
  - id: ga
    title: GA
    tasks:
      - { id: T2, title: T2 }
risks:
  - { id: R1, title: Low, probability: low, impact: low, status: open, tasks: [T1] }
  - { id: R2, title: Worst, probability: high, impact: high, status: open, tasks: [T2] }
  - { id: R3, title: Closed big, probability: high, impact: high, status: closed, tasks: [T1] }
  - { id: R4, title: Medium high, probability: medium, impact: high, status: occurred, tasks: [T1, ga] }
  - { id: R5, title: Medium, probability: medium, impact: medium, status: mitigated, tasks: [T1] }
`;

describe('risk: exposure', () => {
  it('multiplies probability by impact on a 1..3 scale', () => {
    assert.equal(exposureOf({ probability: 'low', impact: 'low' }), 1);
    assert.equal(exposureOf({ probability: 'medium', impact: 'high' }), 6);
    assert.equal(exposureOf({ probability: 'high', impact: 'high' }), 9);
    assert.deepEqual([1, 2, 3, 4, 6, 9].map(exposureLevel), ['low', 'low', 'medium', 'medium', 'high', 'high']);
  });

  it('ranks active risks first, then by exposure, then file order', () => {
    const { ranked } = rankRisks(parsePlan(TEXT).plan!);
    assert.deepEqual(ranked.map((r) => [r.id, r.exposure, r.active]), [
      ['R2', 9, true], ['R4', 6, true], ['R1', 1, true], ['R3', 9, false], ['R5', 4, false],
    ]);
    assert.deepEqual(ranked.find((r) => r.id === 'R4')!.milestones, ['beta', 'ga']);
  });

  it('attaches active high-exposure risks to milestones through their tasks', () => {
    const { highByMilestone } = rankRisks(parsePlan(TEXT).plan!);
    assert.deepEqual([...highByMilestone].map(([m, rs]) => [m, rs.map((r) => r.id)]), [['ga', ['R2', 'R4']], ['beta', ['R4']]]);
  });
});
