import { formatHex } from '../../model/value';
import { useApp } from '../../store/store';
import { FieldList } from './FieldList';

/** What comes back, register by register, with the fields of values that have a layout. Shown once the callee has answered. */
export function Results() {
  const plan = useApp((s) => s.plan);
  const step = useApp((s) => s.view.step);
  const answered = plan.steps.findIndex((s) => s.phase === 'handle' && s.writes.some((w) => w.by === 'callee' && w.value !== undefined));
  return (
    <section className="panel p-3 sm:p-4" aria-labelledby="results-title">
      <h2 id="results-title" className="text-lg font-semibold">
        Results
      </h2>
      {step < answered ? (
        <p className="text-sm muted">The callee has not answered yet: step on to see what comes back.</p>
      ) : (
        <ul className="mt-2 space-y-2 text-sm" data-testid="results">
          {plan.outputs.map((o) => (
            <li key={o.register}>
              <span className="font-mono font-semibold">{o.register}</span> = <span className="font-mono">{formatHex(o.value)}</span> · {o.name}: {o.meaning}{' '}
              <span className="muted">(example: {o.valueMeaning})</span>
              {o.layout && <FieldList layout={o.layout} word={o.value} variant="inline" />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
