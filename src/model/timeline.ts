import { PHASES, type Phase, type Plan } from './plan';

/**
 * Side by side: plans advance together by phase, so the trap happens at the
 * same moment in every pane even when one call loads more arguments.
 */
export interface Moment {
  phase: Phase;
  /** Index within the phase. */
  k: number;
  /** The step each pane shows at this moment. */
  steps: number[];
}

export function alignTimeline(plans: readonly Plan[]): Moment[] {
  const moments: Moment[] = [];
  for (const phase of PHASES) {
    const per = plans.map((p) => p.steps.filter((s) => s.phase === phase).map((s) => s.index));
    const longest = Math.max(0, ...per.map((x) => x.length));
    for (let k = 0; k < longest; k++) {
      moments.push({
        phase,
        k,
        // A pane with fewer steps in this phase holds its last one; a pane with none holds the step before.
        steps: per.map((idx, i) => idx[Math.min(k, idx.length - 1)] ?? lastBefore(plans[i]!, phase)),
      });
    }
  }
  return moments;
}

function lastBefore(plan: Plan, phase: Phase): number {
  const order = PHASES.indexOf(phase);
  const before = plan.steps.filter((s) => PHASES.indexOf(s.phase) < order);
  return before.at(-1)?.index ?? 0;
}
