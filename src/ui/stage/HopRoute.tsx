import type { Plan, Step } from '../../model/plan';

/**
 * The levels a call crosses, in order, as one line ("NS-EL1 → EL3 → S-EL2 →
 * EL3 → NS-EL1"), with the one the CPU is at now marked: a comparison pane's
 * short form of the lanes.
 */
export function HopRoute({ plan, step }: { plan: Plan; step: Step }) {
  const path = plan.path;
  if (!path) return null;
  const stops = [path.from, ...path.hops];
  const now = step.hop !== undefined ? step.hop + 1 : step.phase === 'unpack' ? stops.length - 1 : 0;
  return (
    <ol className="mt-1 flex flex-wrap items-center gap-x-1 font-mono text-xs" aria-label="Levels the call crosses" data-testid="hop-route">
      {stops.map((s, i) => (
        <li key={i} className="flex items-center gap-1" aria-current={i === now ? 'step' : undefined}>
          {i > 0 && <span aria-hidden="true">→</span>}
          <span className={i === now ? 'rounded bg-[var(--focus)] px-1 font-bold text-[var(--on-focus)]' : ''} title={s.who}>
            {s.level}
          </span>
        </li>
      ))}
    </ol>
  );
}
