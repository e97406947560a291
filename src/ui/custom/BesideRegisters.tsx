import type { FieldError } from '../../share/custom/decode';
import { isObject, type Json } from './draft';
import { Field, input } from './Field';
import { fromRows, toRows, type Column } from './lines';
import { TypedText } from './TypedText';

/**
 * The form's parts for what travels beside the general-purpose registers
 * (SEV's GHCB MSR and page, FF-A's descriptors): MSR cells, what selects the
 * call when no register does, the bit-fields of a value and arguments in
 * memory. Each is edited as one line per entry, like a call's arguments.
 */

const MSR_COLUMNS: readonly Column[] = [{ key: 'register' }, { key: 'index' }, { key: 'name' }];
const BIT_COLUMNS: readonly Column[] = [{ key: 'key' }, { key: 'name' }, { key: 'hi', count: true }, { key: 'lo', count: true }];
const MEMORY_COLUMNS: readonly Column[] = [
  { key: 'name' },
  { key: 'offset', count: true },
  { key: 'bytes', count: true },
  { key: 'direction' },
  { key: 'example', optional: true },
  { key: 'result', optional: true },
  { key: 'meaning' },
];

/** A list from the JSON, each entry at its own position (so errors' paths match); an entry that is no object is edited as an empty one. */
const list = (x: unknown): Json[] => (Array.isArray(x) ? x.map((e) => (isObject(e) ? e : {})) : []);
type Errors = (path: string) => FieldError[];

export function ConventionBeside({ conv, setConv, errorsAt }: { conv: Json; setConv: (key: string, value: unknown) => void; errorsAt: Errors }) {
  const msrs = list(conv.msrs);
  return (
    <>
      <Field label="Selected by (when neither a register nor the immediate selects the call)" errors={errorsAt('convention.selectedBy')}>
        {(id) => <input id={id} className={input} value={String(conv.selectedBy ?? '')} onChange={(e) => setConv('selectedBy', e.target.value || undefined)} />}
      </Field>
      <Field label="MSR cells (x86): register | index | name" errors={errorsAt('convention.msrs')}>
        {(id) => (
          <TypedText
            id={id}
            rows={Math.max(1, msrs.length)}
            className={input}
            shown={toRows(msrs, MSR_COLUMNS)}
            onText={(t) => setConv('msrs', t.trim() ? fromRows(t, msrs, MSR_COLUMNS) : undefined)}
            describedBy="msr-help"
          />
        )}
      </Field>
      <p id="msr-help" className="text-xs muted">
        An MSR drawn as a 64-bit cell after the registers, one a line: the cell&apos;s name (used like a register name), the MSR index and the MSR&apos;s own
        name, e.g. <code>ghcb_msr | 0xC0010130 | MSR_AMD64_SEV_ES_GHCB</code>.
      </p>
    </>
  );
}

/** A call's bit-fields (of the arguments and results that have them) and its memory arguments. */
export function CallBeside({ call, i, setCall, errorsAt }: { call: Json; i: number; setCall: (key: string, value: unknown) => void; errorsAt: Errors }) {
  const memory = list(call.memory);
  const setArea = (k: number, key: string, value: unknown) => setCall('memory', memory.map((m, j) => (j === k ? { ...m, [key]: value } : m)));
  return (
    <>
      {(['args', 'results'] as const).flatMap((side) =>
        list(call[side]).map((entry, j) => {
          const layout = isObject(entry.layout) ? entry.layout : undefined;
          if (!layout) return null;
          const fields = list(layout.fields);
          const setFields = (t: string) =>
            setCall(
              side,
              list(call[side]).map((e, k) => (k === j ? { ...e, layout: { ...layout, fields: fromRows(t, fields, BIT_COLUMNS) } } : e)),
            );
          return (
            <Field
              key={`${side}-${j}`}
              label={`Call ${i + 1} ${side === 'args' ? 'argument' : 'result'} ${String(entry.name ?? j + 1)} bit-fields: key | name | hi | lo`}
              errors={errorsAt(`calls[${i}].${side}[${j}].layout`)}
            >
              {(id) => <TypedText id={id} rows={fields.length} className={input} shown={toRows(fields, BIT_COLUMNS)} onText={setFields} />}
            </Field>
          );
        }),
      )}
      {memory.map((m, k) => {
        const fields = list(m.fields);
        const at = `calls[${i}].memory[${k}]`;
        const label = `Call ${i + 1} memory ${k + 1}`;
        return (
          <fieldset key={k} className="space-y-2 rounded-md border border-dashed border-[var(--line)] p-2" data-testid={`editor-memory-${i}-${k}`}>
            <legend className="px-1 text-sm">
              {label}: {String(m.name ?? '')}
            </legend>
            <div className="grid grid-cols-2 gap-2">
              <Field label="Name" name={`${label} name`} errors={errorsAt(`${at}.name`)}>
                {(id) => <input id={id} className={input} value={String(m.name ?? '')} onChange={(e) => setArea(k, 'name', e.target.value)} />}
              </Field>
              <Field label="Address in" name={`${label} address in`} errors={errorsAt(`${at}.register`)}>
                {(id) => <input id={id} className={input} value={String(m.register ?? '')} onChange={(e) => setArea(k, 'register', e.target.value || undefined)} />}
              </Field>
              <Field label="Size (bytes)" name={`${label} size`} errors={errorsAt(`${at}.size`)}>
                {(id) => (
                  <input
                    id={id}
                    className={input}
                    value={String(m.size ?? '')}
                    onChange={(e) => setArea(k, 'size', /^\d{1,9}$/.test(e.target.value) ? Number(e.target.value) : e.target.value)}
                  />
                )}
              </Field>
              <Field label="Direction" name={`${label} direction`} errors={errorsAt(`${at}.direction`)}>
                {(id) => (
                  <select id={id} className={input} value={String(m.direction ?? '')} onChange={(e) => setArea(k, 'direction', e.target.value)}>
                    {['in', 'out', 'inout'].map((d) => (
                      <option key={d}>{d}</option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <Field label="Fields: name | offset | bytes | direction | example | result | meaning" name={`${label} fields`} errors={errorsAt(`${at}.fields`)}>
              {(id) => (
                <TypedText
                  id={id}
                  rows={Math.min(8, Math.max(2, fields.length))}
                  className={input}
                  shown={toRows(fields, MEMORY_COLUMNS)}
                  onText={(t) => setArea(k, 'fields', fromRows(t, fields, MEMORY_COLUMNS))}
                  describedBy="memory-help"
                />
              )}
            </Field>
            <button
              type="button"
              className="rounded-md border border-[var(--line)] px-2 py-0.5 text-xs"
              onClick={() => setCall('memory', memory.length > 1 ? memory.filter((_, j) => j !== k) : undefined)}
            >
              Remove {label}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        className="rounded-md border border-[var(--line)] px-2 py-0.5 text-xs"
        onClick={() => setCall('memory', [...memory, { name: `area ${memory.length + 1}`, size: 4096, direction: 'in', fields: [] }])}
      >
        Add a memory argument to call {i + 1}
      </button>
    </>
  );
}

/** Said once under "Calls": how the memory and bit-field lines read. */
export function BesideHelp() {
  return (
    <p id="memory-help" className="text-xs muted">
      A memory argument&apos;s fields are one line each, <code>name | offset | bytes | direction | example | result | meaning</code>: offsets and sizes in
      bytes, direction <code>in</code> (the caller writes it), <code>out</code> (the callee does) or <code>inout</code>, the example and result left
      empty on the side that does not write. &ldquo;Address in&rdquo; names the register or MSR cell of the call that carries the area&apos;s address.
      Bit-fields (<code>key | name | hi | lo</code>) are shown for the arguments and results that have a <code>layout</code>; add one in the JSON.
    </p>
  );
}
