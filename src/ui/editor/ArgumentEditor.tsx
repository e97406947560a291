import { editableFields, type EditableField } from '../../model/memory';
import type { PlannedRun } from '../../model/pair';
import { formatRun, orderSentence, runBits } from '../../model/pair';
import { memoryBeforeAfter, type Slot } from '../../model/plan';
import { formatHex } from '../../model/value';
import { memoryTextKey, runTextKey, useApp } from '../../store/store';
import { Cite } from '../sources/cite';

const boxClass = (err: string | undefined, size = 'h-10') =>
  `mt-1 ${size} w-full rounded-lg border bg-[var(--panel)] px-2 font-mono ${err ? 'border-red-600 dark:border-red-400' : 'border-[var(--line)]'}`;

function Help({ id, err, text }: { id: string; err?: string; text: string }) {
  return (
    <p id={`${id}-help`} className={`mt-1 text-xs ${err ? 'font-medium text-red-700 dark:text-red-300' : 'muted'}`} role={err ? 'alert' : undefined}>
      {err ?? text}
    </p>
  );
}

/** One box per input register; what is typed stays, with a message, until it is a valid value. */
function SlotInput({ s }: { s: Slot }) {
  const err = useApp((st) => st.argErrors[s.register]);
  const text = useApp((st) => st.argText[s.register]);
  const id = `arg-${s.register}`;
  return (
    <li data-travel-from={s.register}>
      <label htmlFor={id} className="flex items-baseline justify-between gap-2 text-sm">
        <span>
          <span className="font-mono font-semibold">{s.register}</span> · {s.name}
          <Cite sources={s.sources} />
        </span>
        <span className="font-mono text-xs muted">{s.bits}-bit</span>
      </label>
      <input
        id={id}
        className={boxClass(err)}
        value={text ?? formatHex(s.value)}
        onChange={(e) => useApp.getState().setArgText(s.register, e.target.value)}
        readOnly={s.kind === 'fixed'}
        spellCheck={false}
        autoComplete="off"
        inputMode="text"
        aria-invalid={err ? true : undefined}
        aria-describedby={`${id}-help`}
      />
      <Help id={id} err={err} text={s.kind === 'fixed' ? `${s.meaning} (fixed by the convention)` : s.meaning} />
    </li>
  );
}

/** One box for a value that spans several registers, and the part each register receives. */
function RunInput({ run }: { run: PlannedRun }) {
  const key = runTextKey(run.def.id);
  const err = useApp((st) => st.argErrors[key]);
  const text = useApp((st) => st.argText[key]);
  const id = `run-${run.def.id}`;
  const first = run.parts[0]!.register;
  const last = run.parts.at(-1)!.register;
  return (
    <li data-travel-from={first}>
      <label htmlFor={id} className="flex items-baseline justify-between gap-2 text-sm">
        <span>
          <span className="font-mono font-semibold">
            {first}–{last}
          </span>{' '}
          · {run.def.name}
          <Cite sources={run.def.sources} />
        </span>
        <span className="font-mono text-xs muted">{runBits(run.def) / 8} bytes</span>
      </label>
      <textarea
        id={id}
        rows={Math.ceil((runBits(run.def) / 4 + 2) / 30)}
        className={boxClass(err, 'py-2 break-all')}
        value={text ?? formatRun(run.def, run.value)}
        onChange={(e) => useApp.getState().setRunText(run.def.id, e.target.value)}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={err ? true : undefined}
        aria-describedby={`${id}-help`}
      />
      <Help id={id} err={err} text={`${orderSentence(run.def)}.`} />
      <ol
        className="mt-1 space-y-0.5 text-xs"
        aria-label={`${run.def.name}: the part in each register`}
        data-testid={`run-parts-${run.def.id}`}
      >
        {run.parts.map((p) => (
          <li key={p.register} className="flex justify-between gap-2 font-mono" data-travel-from={p.register}>
            <span className="whitespace-nowrap">
              {p.register} <span className="muted font-sans">{p.label}</span>
            </span>
            <span>{formatHex(p.value, run.def.partBits / 4)}</span>
          </li>
        ))}
      </ol>
    </li>
  );
}

/** One box for a memory field the caller writes, showing the value the caller writes now. */
function FieldInput({ e }: { e: EditableField }) {
  const key = memoryTextKey(e.key);
  const err = useApp((st) => st.argErrors[key]);
  const text = useApp((st) => st.argText[key]);
  const value = useApp((st) => memoryBeforeAfter(st.plan).written[e.key]);
  const id = `mem-${e.index}-${e.field.name.replace(/[^a-z0-9_]/gi, '_')}`;
  return (
    <li>
      <label htmlFor={id} className="flex items-baseline justify-between gap-2 text-sm">
        <span>
          <span className="font-mono font-semibold">{e.field.name}</span> <span className="font-mono text-xs muted">+{formatHex(BigInt(e.field.offset))}</span>
          <Cite sources={e.field.sources} />
        </span>
        <span className="shrink-0 font-mono text-xs whitespace-nowrap muted">{e.field.bytes} bytes</span>
      </label>
      <input
        id={id}
        className={boxClass(err)}
        value={text ?? (value !== undefined ? formatHex(value) : '')}
        onChange={(ev) => useApp.getState().setMemoryText(e.key, ev.target.value)}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={err ? true : undefined}
        aria-describedby={`${id}-help`}
        data-testid={`mem-input-${e.field.name}`}
      />
      <Help id={id} err={err} text={e.field.meaning} />
    </li>
  );
}

export function ArgumentEditor() {
  const plan = useApp((s) => s.plan);
  const conv = plan.convention;
  const runs = (plan.runs ?? []).filter((r) => r.def.direction === 'in');
  const inRun = new Set(runs.flatMap((r) => r.parts.map((p) => p.register)));
  const fields = editableFields(plan.call.memory ?? []);

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
          if (!inRun.has(s.register)) return <SlotInput key={s.register} s={s} />;
          const run = runs.find((r) => r.parts[0]!.register === s.register);
          return run ? <RunInput key={run.def.id} run={run} /> : null;
        })}
        {plan.inputs.length === 0 && fields.length === 0 && <li className="text-sm muted">This call takes no inputs.</li>}
      </ul>
      {plan.memory.map(
        (m, i) =>
          fields.some((f) => f.index === i) && (
            <div key={m.arg.name} className="mt-4">
              <h3 className="text-base font-semibold">
                {m.arg.name} <span className="font-normal muted">in memory: the fields the caller writes</span>
              </h3>
              <ul className="mt-2 space-y-3">
                {fields
                  .filter((f) => f.index === i)
                  .map((f) => (
                    <FieldInput key={f.key} e={f} />
                  ))}
              </ul>
            </div>
          ),
      )}
    </section>
  );
}
