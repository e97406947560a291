import { describeRegisters } from '../../model/narration';
import { WORLD_NAMES } from '../../model/path';
import type { Plan, Step } from '../../model/plan';
import { hopEntryText } from '../../share/path-text';
import { Cite } from '../sources/cite';

/**
 * On a call that crosses several levels, the level the step happens at: how
 * the call got there, what that level sees, what it received and what it
 * hands on to the next. The step's sentence says the move; this says the
 * level's side of it.
 */
export function HopPanel({ plan, step }: { plan: Plan; step: Step }) {
  const path = plan.path;
  if (!path || step.hop === undefined) return null;
  const hop = path.hops[step.hop]!;
  const arch = plan.convention.arch;
  const regs = (cells: readonly string[]) => (cells.length === arch.registers.length ? 'every register' : describeRegisters(arch, cells));
  const from = step.hop === 0 ? path.from : path.hops[step.hop - 1]!;
  return (
    <section className="mt-3 rounded-lg border border-[var(--line)] p-2 text-sm" aria-label={`At ${hop.level}`} data-testid="hop-panel">
      <p>
        <strong className="font-mono">{hop.level}</strong> · {hop.who}{' '}
        <span className="muted">
          ({WORLD_NAMES[hop.world]} world; stop {step.hop + 2} of {path.hops.length + 1} on the path)
        </span>
      </p>
      <p className="mt-1">
        <span className="muted">Entered by</span> {hopEntryText(hop)} from {from.level}. {hop.sees}
        <Cite sources={hop.sources} />
      </p>
      <p className="mt-1">
        <span className="muted">Receives</span> {regs(hop.receives)}
        {hop.passes && (
          <>
            ; <span className="muted">hands on to {hop.passes.to.level}</span> {regs(hop.passes.cells)}
            {hop.passes.how ? ` (${hop.passes.how})` : ''}
          </>
        )}
        .
      </p>
    </section>
  );
}
