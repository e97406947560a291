import { memorySentence } from '../../model/compare';
import { useApp } from '../../store/store';
import { AreaPlace, MemoryFields } from '../memory/MemoryFields';
import { Cite } from '../sources/cite';
import { paneColumns } from './columns';

/**
 * Arguments in memory, pane by pane, at the current moment: each area's
 * fields lit as that pane's caller writes them and its callee reads or
 * answers; a pane that uses registers only says so, so a GHCB page beside a
 * plain VMMCALL reads as the difference it is. Nothing when no pane uses memory.
 */
export function CompareMemory() {
  const plans = useApp((s) => s.plans);
  const moment = useApp((s) => s.moments[s.view.step]!);
  const sentence = memorySentence(plans);
  if (!sentence) return null;
  return (
    <section className="panel p-3 sm:p-4" aria-labelledby="compare-memory-title" data-testid="compare-memory">
      <h2 id="compare-memory-title" className="text-lg font-semibold">
        Memory side by side
      </h2>
      <p className="text-sm" data-testid="memory-sentence">
        {sentence}
      </p>
      <div className={`mt-3 grid gap-3 ${paneColumns(plans.length)}`}>
        {plans.map((p, i) => {
          const step = p.steps[moment.steps[i]!]!;
          return (
            <div key={i} className="min-w-0 rounded-lg border border-[var(--line)] p-2" data-testid={`pane-memory-${i + 1}`}>
              <p className="text-sm font-semibold">
                {i + 1}. {p.call.name}
              </p>
              {p.memory.length === 0 && <p className="mt-1 text-sm muted">Registers only: this call passes nothing in memory.</p>}
              {p.memory.map((m, n) => (
                <div key={m.arg.name} className="mt-2">
                  <p className="text-sm">
                    <span className="font-semibold">{m.arg.name}</span>
                    <Cite sources={m.arg.sources} />, <AreaPlace m={m} />
                    {m.carrier && (
                      <>
                        , its address in <span className="font-mono">{m.carrier}</span>
                      </>
                    )}
                  </p>
                  {m.arg.fields.length > 0 ? (
                    <div className="overflow-x-auto">
                      <MemoryFields plan={p} step={step} index={n} size="compact" />
                    </div>
                  ) : (
                    <p className="text-sm muted">Its contents depend on the calls that use it.</p>
                  )}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </section>
  );
}
