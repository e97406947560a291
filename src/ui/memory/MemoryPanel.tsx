import { msrCells, type RegisterDef } from '../../model/arch';
import type { BitLayout } from '../../model/bits';
import type { Plan, Step } from '../../model/plan';
import { formatHex } from '../../model/value';
import { useApp } from '../../store/store';
import { Cite } from '../sources/cite';
import { FieldList } from '../stage/FieldList';
import { showCell } from './link';
import { AreaPlace, MemoryFields, type FieldsSize } from './MemoryFields';

/**
 * What travels outside the general-purpose registers, at the current step:
 * an MSR that carries the call (SEV's GHCB MSR) as a cell with its bit-field,
 * and arguments in memory field by field at their offsets, lit as the caller
 * writes them and the callee reads or answers. Nothing for a call that uses
 * registers only.
 */
export function MemoryPanel({ size = 'full' }: { size?: FieldsSize }) {
  const plan = useApp((s) => s.plan);
  const step = plan.steps[useApp((s) => s.view.step)]!;
  const msrs = msrCells(plan.convention.arch).filter((r) => plan.inputs.some((s) => s.cell === r.name));
  if (msrs.length === 0 && plan.memory.length === 0) return null;
  return (
    <section className="panel space-y-3 p-3 sm:p-4" aria-labelledby="memory-title" data-testid="memory-panel">
      <h2 id="memory-title" className="text-lg font-semibold">
        Beside the registers
      </h2>
      {msrs.map((r) => (
        <MsrCell key={r.name} plan={plan} step={step} reg={r} />
      ))}
      {plan.memory.map((m, i) => (
        <MemoryArea key={m.arg.name} plan={plan} index={i} step={step} size={size} />
      ))}
    </section>
  );
}

/** The layout that reads the MSR's value now: the callee's response once it has written one, else the caller's request. */
function layoutNow(plan: Plan, step: Step, cell: string): BitLayout | undefined {
  const answered = step.cells[cell]?.role === 'result' && step.cells[cell]?.value !== undefined;
  const output = plan.outputs.find((o) => o.cell === cell);
  return answered && output?.layout ? output.layout : plan.inputs.find((s) => s.cell === cell)?.layout;
}

function MsrCell({ plan, step, reg }: { plan: Plan; step: Step; reg: RegisterDef }) {
  const c = step.cells[reg.name]!;
  const written = step.writes.some((w) => w.cell === reg.name);
  const read = !written && step.highlight.includes(reg.name);
  const layout = c.value !== undefined ? layoutNow(plan, step, reg.name) : undefined;
  return (
    <div className="cell rounded-lg p-2" data-role={c.role} data-written={written} data-read={read} data-testid="msr-cell">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span>
          <span className="font-mono font-semibold">{reg.name}</span> = MSR {formatHex(BigInt(reg.msr!.index))} ({reg.msr!.name})
          <Cite sources={reg.msr!.sources} />
        </span>
        <span className="font-mono text-base font-semibold" data-testid="msr-value">
          {c.value !== undefined ? formatHex(c.value) : '—'}
        </span>
      </div>
      <p className="text-xs opacity-90">{c.meaning ?? 'not set by this call yet'}</p>
      {layout && (
        <>
          <p className="mt-1 text-xs font-semibold" data-testid="msr-layout">
            {layout.name}
            <Cite sources={layout.sources} />
          </p>
          <FieldList layout={layout} word={c.value!} variant="grid" />
        </>
      )}
    </div>
  );
}

function MemoryArea({ plan, index, step, size }: { plan: Plan; index: number; step: Step; size: FieldsSize }) {
  const m = plan.memory[index]!;
  return (
    <div id={`memory-${index}`} data-testid={`memory-${index}`}>
      <h3 className="text-base font-semibold">
        {m.arg.name}
        <Cite sources={m.arg.sources} />
      </h3>
      <p className="text-sm">
        <AreaPlace m={m} />
        {m.carrier && (
          <>
            {', its address in '}
            <button type="button" className="font-mono underline decoration-dotted" onClick={() => showCell(m.carrier!)} data-testid={`carrier-${index}`}>
              {m.carrier}
            </button>
          </>
        )}
        {m.arg.fields.length === 0 && <span className="muted">: its contents depend on the calls that use it.</span>}
      </p>
      {m.arg.fields.length > 0 && (
        <div className="mt-2 overflow-x-auto">
          <MemoryFields plan={plan} step={step} index={index} size={size} />
        </div>
      )}
    </div>
  );
}
