import { Fragment } from 'react';
import { answeredBy, fieldRole, memoryKey, type PlannedMemory } from '../../model/memory';
import type { Plan, Step } from '../../model/plan';
import { formatHex } from '../../model/value';
import { Cite } from '../sources/cite';

const DIRECTION = { in: 'in', out: 'out', inout: 'in/out' } as const;

/** How the table is drawn: `full` beside the register file (with each field's meaning and source), `compact` where room is short (a comparison pane, an embedded view). */
export type FieldsSize = 'full' | 'compact';

/** Each field of a memory argument at a step: its value, and the attributes that colour and light it as a register cell is. */
function fieldsAt(plan: Plan, step: Step, index: number) {
  const mem = step.memory;
  const answered = answeredBy(plan.steps, step.index);
  return plan.memory[index]!.arg.fields.map((f) => {
    const key = memoryKey(index, f.name);
    const value = mem?.values[key];
    const lit = {
      'data-role': fieldRole(f, value, answered),
      'data-written': mem?.writes.includes(key) ?? false,
      'data-read': mem?.reads.includes(key) ?? false,
      'data-field': f.name,
    };
    return { f, value, lit };
  });
}

/**
 * The fields as cells, for a projector: as many to a row as fit, so a page
 * of fields takes a strip of the screen rather than a column. Large (one
 * call on the screen): the name over the value in large type and its offset; small
 * (a comparison pane, where room is short): name and value on one line.
 */
export function MemoryCells({ plan, step, index, large }: { plan: Plan; step: Step; index: number; large: boolean }) {
  return (
    <ul
      className={`grid ${large ? 'grid-cols-[repeat(auto-fill,minmax(8.5rem,1fr))] gap-1.5' : 'grid-cols-[repeat(auto-fill,minmax(12rem,1fr))] gap-1'}`}
      data-testid={`memory-cells-${index}`}
    >
      {fieldsAt(plan, step, index).map(({ f, value, lit }) => {
        const shown = value !== undefined ? formatHex(value) : '—';
        // A value wider than 64 bits (the GHCB's valid bitmap) takes two cells' width in smaller type rather than three lines.
        const wide = f.bytes > 8 ? 'col-span-2' : '';
        return large ? (
          <li key={f.name} className={`cell min-w-0 rounded-lg px-2 py-0.5 ${wide}`} {...lit}>
            <div className="font-mono text-base font-semibold">{breakable(f.name)}</div>
            <div className="flex flex-wrap items-baseline justify-between gap-x-1.5">
              <span className={`font-mono font-semibold break-all tabular-nums ${f.bytes > 8 ? 'text-base' : 'text-xl'}`} data-testid={`mem-value-${f.name}`}>
                {shown}
              </span>
              <span className="font-mono text-sm opacity-90">+{formatHex(BigInt(f.offset))}</span>
            </div>
          </li>
        ) : (
          <li key={f.name} className={`cell flex min-w-0 items-baseline justify-between gap-2 rounded-md px-1.5 py-0.5 text-sm ${wide}`} title={`+${formatHex(BigInt(f.offset))}`} {...lit}>
            <span className="truncate font-mono font-semibold">{f.name}</span>
            <span className="font-mono tabular-nums" data-testid={`mem-value-${f.name}`}>
              {shown}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** A field's name with a line break allowed after each _ and . (sw_exit_ info_1, ep[0]. composite_off), never inside a word. */
function breakable(name: string) {
  return name.split(/(?<=[_.])/).map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

/**
 * One memory argument's fields at their offsets, with the value each holds
 * at this step, coloured by role as the register cells are (an argument the
 * caller wrote, a result the callee answered) and lit as a step writes or
 * reads them.
 */
export function MemoryFields({ plan, step, index, size }: { plan: Plan; step: Step; index: number; size: FieldsSize }) {
  const full = size === 'full';
  return (
    <table className={`w-full border-separate border-spacing-y-1 text-left text-sm`} data-testid={`memory-fields-${index}`}>
      <thead className={`text-xs muted`}>
        <tr>
          <th scope="col" className="pr-2 font-normal">
            offset
          </th>
          <th scope="col" className="pr-2 font-normal">
            field
          </th>
          <th scope="col" className="pr-2 font-normal">
            value
          </th>
          {full && (
            <th scope="col" className="font-normal">
              meaning
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {fieldsAt(plan, step, index).map(({ f, value, lit }) => (
          <tr key={f.name} className="cell" {...lit}>
            <td className={`rounded-l-md px-1.5 py-1 font-mono text-xs`}>+{formatHex(BigInt(f.offset))}</td>
            <td className="px-1.5 py-1">
              <span className="font-mono font-semibold">{f.name}</span>{' '}
              <span className={`text-xs whitespace-nowrap opacity-90`}>
                {f.bytes} B, {DIRECTION[f.direction]}
              </span>
            </td>
            <td className={`${full ? '' : 'rounded-r-md'} px-1.5 py-1 font-mono break-all`} data-testid={`mem-value-${f.name}`}>
              {value !== undefined ? formatHex(value) : '—'}
            </td>
            {full && (
              <td className="rounded-r-md px-1.5 py-1 text-xs">
                {f.meaning}
                <Cite sources={f.sources} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Where an area lies, as both the single view and a comparison say it: "4,096 bytes in the TX buffer at 0x8A000000". */
export function AreaPlace({ m }: { m: PlannedMemory }) {
  return (
    <>
      {m.arg.size.toLocaleString('en')} bytes{m.arg.buffer ? ` in the ${m.arg.buffer}` : ''}
      {m.address !== undefined && (
        <>
          {' '}
          at <span className="font-mono">{formatHex(m.address)}</span>
        </>
      )}
    </>
  );
}
