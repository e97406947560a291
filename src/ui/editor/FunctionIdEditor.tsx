import { useState, type ReactNode } from 'react';
import { decodeFields, fieldMax, fieldRange, fieldValueName, fieldWidth, type BitField } from '../../model/bits';
import { formatHex, parseValue } from '../../model/value';
import { useApp } from '../../store/store';
import { Cite } from '../sources/cite';

/** The function id as its bit-fields; editing one moves the id, and the call follows. */
export function FunctionIdEditor() {
  const plan = useApp((s) => s.plan);
  const { setFunctionIdField } = useApp.getState();
  const fid = plan.convention.functionId;
  if (!fid) return null;
  const fields = decodeFields(fid.layout, plan.callNumber);

  return (
    <section className="panel p-3 sm:p-4" aria-labelledby="fid-title">
      <h2 id="fid-title" className="text-lg font-semibold">
        <span className="capitalize">{plan.convention.selectorName}</span> <Cite sources={fid.layout.sources} />
      </h2>
      <p className="mt-1 font-mono text-2xl font-semibold" data-testid="fid-value">
        {formatHex(plan.callNumber, fid.layout.bits / 4)}
      </p>
      <p className="text-sm" data-testid="fid-call">
        {plan.callNumberIsCatalog ? plan.call.name : 'No call in the catalog has this ID here: the callee answers NOT_SUPPORTED.'}
      </p>
      <BitStrip fields={fid.layout.fields} values={fields} />
      <ul className="mt-3 space-y-2">
        {fid.layout.fields.map((f) => (
          <li key={f.key}>
            <FieldControl field={f} value={fields[f.key] ?? 0n} onChange={(v) => setFunctionIdField(f.key, v)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function BitStrip({ fields, values }: { fields: readonly BitField[]; values: Record<string, bigint> }) {
  return (
    <div className="mt-3 flex overflow-hidden rounded-md border border-[var(--line)] font-mono text-[0.7rem]" aria-hidden="true">
      {fields.map((f) => (
        // Widths in proportion to bits, as classes rather than a style attribute: the pre-rendered page is under
        // a CSP that allows no inline style (index.css generates grow-1 to grow-64).
        <div key={f.key} className={`basis-0 border-r border-[var(--line)] px-0.5 py-1 text-center last:border-r-0 grow-${fieldWidth(f)}`}>
          <div className="muted">{fieldRange(f)}</div>
          <div className="font-semibold">{fieldWidth(f) === 1 ? String(values[f.key]) : formatHex(values[f.key] ?? 0n)}</div>
        </div>
      ))}
    </div>
  );
}

function FieldControl({ field: f, value, onChange }: { field: BitField; value: bigint; onChange: (v: bigint) => void }) {
  const bits = `${fieldWidth(f) === 1 ? 'bit' : 'bits'} ${fieldRange(f)}`;
  const name = fieldValueName(f, value);
  const id = `fid-${f.key}`;
  const label = (
    <label htmlFor={id} className="text-sm">
      <span className="font-semibold">{f.name}</span> <span className="muted">({bits})</span>
      <Cite sources={f.sources} />
    </label>
  );
  if (f.names && Object.keys(f.names).length === Number(fieldMax(f)) + 1) {
    return (
      <div>
        {label}
        <select
          id={id}
          className="mt-1 h-10 w-full rounded-lg border border-[var(--line)] bg-[var(--panel)] px-2"
          value={value.toString()}
          onChange={(e) => onChange(BigInt(e.target.value))}
        >
          {Object.entries(f.names).map(([v, n]) => (
            <option key={v} value={v}>
              {v}: {n}
            </option>
          ))}
        </select>
      </div>
    );
  }
  return <FieldText id={id} field={f} value={value} name={name} label={label} onChange={onChange} />;
}

function FieldText(props: { id: string; field: BitField; value: bigint; name?: string; label: ReactNode; onChange: (v: bigint) => void }) {
  const { id, field: f, value, name, label, onChange } = props;
  const [text, setText] = useState<string | null>(null);
  const parsed = text === null ? null : parseValue(text, fieldWidth(f), f.name);
  return (
    <div>
      {label}
      <input
        id={id}
        className={`mt-1 h-10 w-full rounded-lg border bg-[var(--panel)] px-2 font-mono ${parsed && !parsed.ok ? 'border-red-600 dark:border-red-400' : 'border-[var(--line)]'}`}
        value={text ?? formatHex(value)}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          const p = parseValue(e.target.value, fieldWidth(f), f.name);
          if (p.ok) onChange(p.value);
        }}
        onBlur={() => setText(null)}
        aria-invalid={parsed && !parsed.ok ? true : undefined}
        aria-describedby={`${id}-note`}
      />
      <p id={`${id}-note`} className={`text-xs ${parsed && !parsed.ok ? 'text-red-700 dark:text-red-300' : 'muted'}`}>
        {parsed && !parsed.ok
          ? parsed.message
          : `${value.toString()} decimal${name ? ` · ${name}` : ''}${f.mustBe !== undefined && value !== f.mustBe ? ' · must be zero' : ''}`}
      </p>
    </div>
  );
}
