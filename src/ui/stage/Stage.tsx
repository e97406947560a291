import { useMemo } from 'react';
import { exceptionFor, handlerPathFor } from '../../model/exception';
import type { Plan } from '../../model/plan';
import { useApp } from '../../store/store';
import { Cite } from '../sources/cite';
import { ExceptionPanel } from './ExceptionPanel';
import { HopPanel } from './HopPanel';
import { Lanes, lanesAt } from './Lanes';

/** Exception levels as lanes, the CPU moving between them, and what the CPU does at the trap and the return. */
export function Stage() {
  const plan = useApp((s) => s.plan);
  const step = useApp((s) => s.view.step);
  return (
    <section className="panel grid gap-4 p-3 sm:p-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1.1fr)]" aria-label="Exception levels and trap">
      <StageParts plan={plan} step={step} />
    </section>
  );
}

/** The lanes and the trap panel for one plan at one step: the single view's stage, and each presenter pane. */
export function StageParts({ plan, step, large = false }: { plan: Plan; step: number; large?: boolean }) {
  const flow = useMemo(() => exceptionFor(plan), [plan]);
  const handler = handlerPathFor(plan);
  const current = plan.steps[step]!;
  const { trap } = plan;
  return (
    <>
      <div role="img" aria-label={`The CPU is at ${current.level}`}>
        <Lanes {...lanesAt(plan, step)} size={large ? 'large' : 'normal'} />
        {trap.trappedBy && !large && (
          <p className="mt-2 text-sm muted">
            {trap.instruction.text} goes to {trap.to}; {trap.trappedBy.level} sees it only if <code className="font-mono">{trap.trappedBy.control}</code> traps
            it.
            <Cite sources={trap.trappedBy.sources} />
          </p>
        )}
        {!large && <HopPanel plan={plan} step={current} />}
      </div>
      <ExceptionPanel
        trap={trap}
        flow={flow}
        handler={handler}
        callId={plan.call.id}
        phase={current.phase}
        encodingSources={plan.convention.instruction.encoding.sources}
        large={large}
      />
    </>
  );
}
