// Risk exposure on the usual 3x3 matrix: probability x impact, each
// low = 1, medium = 2, high = 3, so exposure runs 1..9. Ranked so the
// report and the tree can show the worst first; milestones learn which
// active high-exposure risks sit on their tasks (an input to their health).
import type { Level, Plan, Risk, RiskStatus } from './model';

export const LEVEL_SCORE: Readonly<Record<Level, number>> = { low: 1, medium: 2, high: 3 };

/** Exposure at or above this (medium x high, high x high) counts as high. */
export const HIGH_EXPOSURE = 6;

/** Risks that can still hurt the plan: not yet mitigated or closed. An occurred risk is hurting now. */
const ACTIVE: ReadonlySet<RiskStatus> = new Set<RiskStatus>(['open', 'occurred']);

/** A plan risk's own fields (as written), plus what ranking adds. */
export interface RankedRisk extends Pick<Risk, 'id' | 'title' | 'probability' | 'impact' | 'status' | 'owner' | 'tasks'> {
  /** probability x impact, 1..9. */
  readonly exposure: number;
  readonly level: 'low' | 'medium' | 'high';
  /** Open or occurred. */
  readonly active: boolean;
  /** Milestones whose tasks (or the milestone itself) the risk names, in plan order. */
  readonly milestones: readonly string[];
}

export interface RiskSummary {
  /** Active first, then by exposure (highest first), then file order. */
  readonly ranked: readonly RankedRisk[];
  /** Active risks with exposure >= HIGH_EXPOSURE, per milestone id. */
  readonly highByMilestone: ReadonlyMap<string, readonly RankedRisk[]>;
}

export function exposureOf(risk: Pick<Risk, 'probability' | 'impact'>): number {
  return (LEVEL_SCORE[risk.probability] ?? 1) * (LEVEL_SCORE[risk.impact] ?? 1);
}

/** 1-2 low, 3-4 medium, 6-9 high (the matrix has no 5, 7 or 8). */
export function exposureLevel(exposure: number): 'low' | 'medium' | 'high' {
  return exposure >= HIGH_EXPOSURE ? 'high' : exposure >= 3 ? 'medium' : 'low';
}

export function rankRisks(plan: Plan): RiskSummary {
  const order = new Map(plan.milestones.map((m, i) => [m.id, i]));
  const ranked = plan.risks.map((r, index) => {
    const milestones = new Set<string>();
    for (const id of r.tasks) {
      const item = plan.byId.get(id);
      if (item?.kind === 'task' && item.milestone !== undefined) milestones.add(item.milestone);
      else if (item?.kind === 'milestone') milestones.add(item.id);
    }
    const exposure = exposureOf(r);
    const risk: RankedRisk = {
      id: r.id,
      title: r.title,
      probability: r.probability,
      impact: r.impact,
      status: r.status,
      ...(r.owner !== undefined ? { owner: r.owner } : {}),
      exposure,
      level: exposureLevel(exposure),
      active: ACTIVE.has(r.status),
      tasks: r.tasks,
      milestones: [...milestones].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
    };
    return { risk, index };
  });
  ranked.sort((a, b) =>
    Number(b.risk.active) - Number(a.risk.active) || b.risk.exposure - a.risk.exposure || a.index - b.index);
  const highByMilestone = new Map<string, RankedRisk[]>();
  for (const { risk } of ranked) {
    if (!risk.active || risk.exposure < HIGH_EXPOSURE) continue;
    for (const m of risk.milestones) {
      const list = highByMilestone.get(m);
      if (list) list.push(risk);
      else highByMilestone.set(m, [risk]);
    }
  }
  return { ranked: ranked.map((x) => x.risk), highByMilestone };
}
