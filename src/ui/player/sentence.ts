import type { Plan } from '../../model/plan';
import type { Moment } from '../../model/timeline';

/**
 * The sentence for a moment: the step's own in a single view. In a comparison
 * each pane's call comes before its sentence, and panes that say the same
 * thing say it once ("1, 2. PSCI CPU_ON (SMC64): Load …").
 */
export function sentenceOf(plans: readonly Plan[], moment: Moment): string {
  if (plans.length === 1) return plans[0]!.steps[moment.steps[0]!]!.text;
  const groups = new Map<string, number[]>();
  plans.forEach((p, i) => {
    const said = `${p.call.name}: ${p.steps[moment.steps[i]!]!.text}`;
    groups.set(said, [...(groups.get(said) ?? []), i + 1]);
  });
  return [...groups].map(([said, panes]) => `${panes.join(', ')}. ${said}`).join(' ');
}
