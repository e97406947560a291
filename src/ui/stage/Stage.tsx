import type { Syndrome } from '../../model/encoding';
import { formatHex } from '../../model/value';
import { useApp } from '../../store/store';
import { Cite } from '../sources/cite';
import { FieldList } from './FieldList';

/** Exception levels as lanes, the CPU moving between them, and what the trap looks like to EL2. */
export function Stage() {
  const plan = useApp((s) => s.plan);
  const step = useApp((s) => s.view.step);
  const current = plan.steps[step]!;
  const levels = plan.convention.arch.levels;
  const at = Math.max(
    0,
    levels.findIndex((l) => l.id === current.level),
  );
  const trapIndex = plan.steps.findIndex((s) => s.phase === 'trap');
  const trapped = step >= trapIndex && current.phase !== 'unpack' && current.phase !== 'return';
  const { trap } = plan;
  const syn = trap.syndrome;

  return (
    <section className="panel grid gap-4 p-3 sm:p-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1.1fr)]" aria-label="Exception levels and trap">
      <div className="relative" role="img" aria-label={`The CPU is at ${current.level}`}>
        <ol className="space-y-2">
          {levels.map((l, i) => (
            <li
              key={l.id}
              className={`flex h-14 items-center justify-between rounded-lg border px-3 ${i === at ? 'border-[var(--focus)] bg-[var(--role-arg-bg)] text-[var(--role-arg-ink)]' : 'border-[var(--line)]'}`}
              data-level={l.id}
              data-active={i === at}
            >
              <span>
                <strong className="font-mono">{l.name}</strong> <span className={i === at ? '' : 'muted'}>· {l.who}</span>
              </span>
              {i === at && (
                <span className="cpu-token rounded-md bg-[var(--focus)] px-2 py-0.5 font-mono text-xs font-bold text-[var(--on-focus)]" data-testid="cpu-level">
                  CPU
                </span>
              )}
            </li>
          ))}
        </ol>
        {trap.trappedBy && (
          <p className="mt-2 text-sm muted">
            {trap.instruction.text} goes to {trap.to}; {trap.trappedBy.level} sees it only if <code className="font-mono">{trap.trappedBy.control}</code> traps
            it.
            <Cite sources={trap.trappedBy.sources} />
          </p>
        )}
      </div>

      <div className={`rounded-lg border p-3 ${trapped ? 'border-[var(--focus)]' : 'border-dashed border-[var(--line)]'}`} data-testid="trap-panel">
        <h2 className="text-sm font-semibold uppercase tracking-wide muted">The trap</h2>
        <p className="mt-1 font-mono text-lg sm:text-xl">
          <span data-testid="trap-instruction">{trap.instruction.text}</span> <span className="muted">=</span>{' '}
          <span data-testid="trap-encoding">{trap.instruction.hex}</span>
          <Cite sources={plan.convention.instruction.encoding.sources} />
        </p>
        <p className="text-sm muted">
          {trap.from} → {trap.to}
          {trap.trappedBy ? ` (or ${trap.trappedBy.level} when ${trap.trappedBy.control} = 1)` : ''}
        </p>
        {[syn, ...trap.alsoSyndromes].map((x) => x && <SyndromeView key={x.register} syndrome={x} />)}
      </div>
    </section>
  );
}

function SyndromeView({ syndrome: syn }: { syndrome: Syndrome }) {
  return (
    <div className="mt-3">
      <p className="font-mono text-base sm:text-lg">
        {syn.register} = <strong data-testid="syndrome-value">{formatHex(syn.value, 8)}</strong>
        <Cite sources={syn.sources} />
      </p>
      <FieldList layout={syn.layout} word={syn.value} variant="grid" />
      <p className="mt-2 text-sm muted">{syn.className}.</p>
    </div>
  );
}
