import { useLayoutEffect, useRef } from 'react';
import type { Level } from '../../model/arch';
import { planLevels, type Plan } from '../../model/plan';
import { worldRuns } from '../../model/path';
import { motionMs, motionReduced } from '../player/motion';

/** Equal rows without a gap (classes, not a style attribute: the pre-rendered page's CSP allows no inline styles). */
const ROWS: Readonly<Record<number, string>> = { 2: 'grid-rows-2', 3: 'grid-rows-3', 4: 'grid-rows-4', 5: 'grid-rows-5', 6: 'grid-rows-6' };
const SPAN: Readonly<Record<number, string>> = { 1: 'row-span-1', 2: 'row-span-2', 3: 'row-span-3', 4: 'row-span-4', 5: 'row-span-5', 6: 'row-span-6' };
const LANE = { compact: 'min-h-10 text-sm', normal: 'min-h-14 py-1', large: 'min-h-20 py-1 text-2xl' } as const;
/**
 * A band's label sets the least height of its lanes ("NON-SECURE" on one lane), so a compact pane, whose
 * registers share its height with the lanes, gets the smallest type and no letter spacing.
 */
const BAND_TEXT = { compact: 'text-[0.55rem] leading-none', normal: 'text-[0.65rem] tracking-wide', large: 'text-sm tracking-wide' } as const;
/** A projector with four or more lanes (a path to S-EL1, through pKVM): a size down, who runs there on a line of its own instead of broken mid-phrase. */
const LANE_LARGE_MANY = 'min-h-16 py-1 text-xl leading-tight';

/** The lanes of a plan at a step: where the CPU is, which lanes the trap joins, and whether the route is taken now. */
export function lanesAt(plan: Plan, step: number) {
  const current = plan.steps[step]!;
  const path = plan.path;
  const levels = planLevels(plan);
  const index = (id: string) => Math.max(0, levels.findIndex((l) => l.id === id));
  const active: 'going' | 'returning' | 'idle' = current.phase === 'trap' ? 'going' : current.phase === 'return' ? 'returning' : 'idle';
  if (!path) return { levels, at: index(current.level), from: index(plan.trap.from), to: index(plan.trap.to), active };
  // On a path the route is the hop being taken (or, between hops, the next one out): from the level before to this one.
  const hop = current.hop ?? (current.phase === 'unpack' ? path.hops.length - 1 : 0);
  const origin = hop === 0 ? path.from.level : path.hops[hop - 1]!.level;
  const [from, to] = active === 'returning' ? [path.hops[hop]!.level, origin] : [origin, path.hops[hop]!.level];
  return { levels, at: index(current.level), from: index(from), to: index(to), active, worlds: worldRuns(path.lanes) };
}

/**
 * Exception levels as lanes, with the route the trap takes drawn beside them.
 * When the CPU changes level (the trap, the return, or a step back) its marker
 * travels along that route instead of jumping. Rows have no gap, so a lane's
 * middle is at (i + ½) / n of the height and the route can be drawn in those
 * units whatever the lanes' size.
 */
export function Lanes({
  levels,
  at,
  from,
  to,
  active,
  worlds,
  size = 'normal',
}: {
  levels: readonly Level[];
  /** Index of the lane the CPU is in. */
  at: number;
  /** Lanes the trap leaves and enters. */
  from: number;
  to: number;
  /** The route is being taken now (trap or return step), or is one still to come / already taken. */
  active: 'going' | 'returning' | 'idle';
  /** On a path: runs of neighbouring lanes in the same world, labelled as one band beside them. */
  worlds?: readonly { world: string; name: string; lanes: number }[];
  /** large for a projector, compact for a pane of a comparison on one. */
  size?: 'compact' | 'normal' | 'large';
}) {
  const list = useRef<HTMLOListElement>(null);
  const token = useRef<HTMLSpanElement>(null);
  const route = useRef<SVGPathElement>(null);
  const before = useRef(at);
  const n = levels.length;
  const stacked = size === 'large' && n >= 4;
  const y = (i: number) => (i + 0.5) * 100;
  const [a, b] = active === 'returning' ? [to, from] : [from, to];
  const d = `M 0 ${y(a)} C 95 ${y(a)}, 95 ${y(b)}, 0 ${y(b)}`;

  useLayoutEffect(() => {
    const was = before.current;
    before.current = at;
    if (was === at || motionReduced() || !list.current || !token.current) return;
    const lanes = list.current.children;
    const rectOf = (i: number) => (lanes[i] as HTMLElement).getBoundingClientRect();
    const dy = rectOf(was).top - rectOf(at).top;
    const svg = route.current?.ownerSVGElement?.getBoundingClientRect();
    const bulge = svg ? svg.right - token.current.getBoundingClientRect().right : 40;
    const duration = motionMs(1100);
    token.current.animate(
      [
        { transform: `translate(0, ${dy}px)` },
        { transform: `translate(${bulge * 0.75}px, ${dy / 2}px)`, offset: 0.5 },
        { transform: 'translate(0, 0)' },
      ],
      { duration, easing: 'ease-in-out' },
    );
    route.current?.animate([{ strokeDashoffset: 1 }, { strokeDashoffset: 0 }], { duration, easing: 'ease-in-out' });
  }, [at]);

  return (
    <div className={`grid ${worlds ? 'grid-cols-[auto_minmax(0,1fr)_3rem]' : 'grid-cols-[minmax(0,1fr)_3rem]'}`}>
      {worlds && (
        <ul className={`grid ${ROWS[n] ?? ''} mr-1`} aria-label="Worlds" data-testid="world-bands">
          {worlds.map((w, i) => (
            <li key={i} className={`world-band ${SPAN[w.lanes] ?? ''} my-1 flex items-center justify-center rounded-l-md px-0.5`} data-world={w.world}>
              <span className={`font-semibold uppercase [writing-mode:vertical-rl] rotate-180 ${BAND_TEXT[size]}`}>{w.name}</span>
            </li>
          ))}
        </ul>
      )}
      <ol ref={list} className={`grid ${ROWS[n] ?? ''}`}>
        {levels.map((l, i) => (
          <li key={l.id} className="py-1" data-level={l.id} data-active={i === at}>
            <div
              className={`flex h-full items-center justify-between gap-2 rounded-lg border px-3 ${stacked ? LANE_LARGE_MANY : LANE[size]} ${i === at ? 'border-[var(--focus)] bg-[var(--role-arg-bg)] text-[var(--role-arg-ink)]' : 'border-[var(--line)]'}`}
            >
              {stacked ? (
                <span>
                  <strong className="block font-mono">{l.name}</strong> <span className={`block ${i === at ? '' : 'muted'}`}>{l.who}</span>
                </span>
              ) : (
                <span>
                  <strong className="font-mono">{l.name}</strong> <span className={i === at ? '' : 'muted'}>· {l.who}</span>
                </span>
              )}
              {i === at && (
                <span
                  ref={token}
                  className={`cpu-token rounded-md bg-[var(--focus)] px-2 py-0.5 font-mono font-bold text-[var(--on-focus)] ${size === 'large' ? 'text-xl' : 'text-xs'}`}
                  data-testid="cpu-level"
                >
                  CPU
                </span>
              )}
            </div>
          </li>
        ))}
      </ol>
      <svg className="h-full w-full overflow-visible" viewBox={`0 0 100 ${n * 100}`} preserveAspectRatio="none" aria-hidden="true" data-testid="trap-route">
        <path
          ref={route}
          d={d}
          pathLength={1}
          fill="none"
          vectorEffect="non-scaling-stroke"
          className={active === 'idle' ? 'trap-route' : 'trap-route trap-route-taken'}
          strokeDasharray={active === 'idle' ? '0.02 0.02' : '1'}
        />
      </svg>
    </div>
  );
}
