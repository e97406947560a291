import { formatHex } from '../../model/value';
import { useApp } from '../../store/store';
import { Cite } from '../sources/cite';

/** One box per input register; what is typed stays, with a message, until it is a valid value. */
export function ArgumentEditor() {
  const plan = useApp((s) => s.plan);
  const argText = useApp((s) => s.argText);
  const argErrors = useApp((s) => s.argErrors);
  const { setArgText } = useApp.getState();
  const conv = plan.convention;

  return (
    <section className="panel p-3 sm:p-4" aria-labelledby="args-title">
      <h2 id="args-title" className="text-lg font-semibold">
        Inputs
      </h2>
      <p className="text-sm muted">
        Hex with 0x, or decimal. Argument registers: {conv.args.length ? `${conv.args[0]}–${conv.args.at(-1)}` : 'none'}.
        <Cite sources={conv.roleSources.args} />
      </p>
      <ul className="mt-3 space-y-3">
        {plan.inputs.map((s) => {
          const err = argErrors[s.register];
          const id = `arg-${s.register}`;
          return (
            <li key={s.register} data-travel-from={s.register}>
              <label htmlFor={id} className="flex items-baseline justify-between gap-2 text-sm">
                <span>
                  <span className="font-mono font-semibold">{s.register}</span> · {s.name}
                  <Cite sources={s.sources} />
                </span>
                <span className="font-mono text-xs muted">{s.bits}-bit</span>
              </label>
              <input
                id={id}
                className={`mt-1 h-10 w-full rounded-lg border bg-[var(--panel)] px-2 font-mono ${err ? 'border-red-600 dark:border-red-400' : 'border-[var(--line)]'}`}
                value={argText[s.register] ?? formatHex(s.value)}
                onChange={(e) => setArgText(s.register, e.target.value)}
                readOnly={s.kind === 'fixed'}
                spellCheck={false}
                autoComplete="off"
                inputMode="text"
                aria-invalid={err ? true : undefined}
                aria-describedby={`${id}-help`}
              />
              <p id={`${id}-help`} className={`mt-1 text-xs ${err ? 'font-medium text-red-700 dark:text-red-300' : 'muted'}`} role={err ? 'alert' : undefined}>
                {err ?? (s.kind === 'fixed' ? `${s.meaning} (fixed by the convention)` : s.meaning)}
              </p>
            </li>
          );
        })}
        {plan.inputs.length === 0 && <li className="text-sm muted">This call takes no inputs.</li>}
      </ul>
    </section>
  );
}
