import { capacity, type Carried } from '../../model/compare';
import { memoryBytes } from '../../model/memory';
import type { Plan } from '../../model/plan';
import { describeRegisters } from '../../model/narration';
import { useApp } from '../../store/store';

/** Bytes each call carries in registers, against what its convention allows, and what the caller loses. */
export function Capacity() {
  const plans = useApp((s) => s.plans);
  const rows = plans.map((p) => ({ plan: p, ...capacity(p) }));
  const max = Math.max(1, ...rows.flatMap((r) => [r.most.in.bytes, r.most.out.bytes]));
  return (
    <section className="panel p-3 sm:p-4" aria-labelledby="capacity-title">
      <h2 id="capacity-title" className="text-lg font-semibold">
        What fits in registers
      </h2>
      <p className="text-sm muted">
        Each call’s own arguments and results (the bar), against the most its convention carries (the track); and the registers its caller must treat as lost
        afterwards.
      </p>
      <ul className="mt-3 grid gap-3 md:grid-cols-2" data-testid="capacity">
        {rows.map((r, i) => {
          const arch = r.plan.convention.arch;
          return (
            <li key={i} className="rounded-lg border border-[var(--line)] p-2 text-sm" data-testid={`capacity-${i + 1}`}>
              <p className="font-semibold">
                {i + 1}. {r.plan.call.name} <span className="font-normal muted">under {r.plan.convention.name}</span>
              </p>
              <Bar title="In" carried={r.in} most={r.most.in} max={max} kind="argument" arch={arch} />
              <Bar title="Out" carried={r.out} most={r.most.out} max={max} kind="result" arch={arch} />
              {r.plan.memory.length > 0 && <InMemory plan={r.plan} />}
              <p className="mt-1">
                <span className="font-semibold">Lost after the call:</span>{' '}
                <span className="font-mono">
                  {r.lost.length} {r.lost.length === 1 ? 'register' : 'registers'}
                  {r.lost.length ? ` (${describeRegisters(arch, r.lost)})` : ''}
                </span>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** What a call moves outside its registers, beside what it carries in them. */
function InMemory({ plan }: { plan: Plan }) {
  const b = memoryBytes(plan.memory.map((m) => m.arg));
  return (
    <p className="mt-1 font-mono text-xs" data-testid="capacity-memory">
      <span className="font-sans font-semibold">In memory:</span> {b.in} B written, {b.out} B read back ({plan.memory.map((m) => m.arg.name).join(', ')})
    </p>
  );
}

function Bar({
  title,
  carried,
  most,
  max,
  kind,
  arch,
}: {
  title: string;
  carried: Carried;
  most: Carried;
  max: number;
  kind: 'argument' | 'result';
  arch: Parameters<typeof describeRegisters>[0];
}) {
  const n = carried.registers.length;
  return (
    <div className="mt-1">
      <div className="h-3 rounded-sm border border-[var(--line)]" style={{ width: `${Math.max(2, (most.bytes / max) * 100)}%` }} aria-hidden="true">
        <div className="cell h-full rounded-sm" data-role={kind} style={{ width: `${most.bytes ? (carried.bytes / most.bytes) * 100 : 0}%` }} />
      </div>
      <p className="font-mono text-xs">
        <span className="font-sans font-semibold">{title}:</span> {carried.bytes} B in {n} {n === 1 ? 'register' : 'registers'}
        {n ? ` (${describeRegisters(arch, carried.registers)})` : ''}; the convention allows {most.bytes} B
      </p>
    </div>
  );
}
