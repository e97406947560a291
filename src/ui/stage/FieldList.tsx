import { decodeFields, fieldRange, fieldValueName, fieldWidth, type BitLayout } from '../../model/bits';
import { formatHex } from '../../model/value';
import { Cite } from '../sources/cite';

/**
 * A word as its fields, each with its bits, value, the name of that value and
 * its source: boxes in a grid for a syndrome, inline for a result value.
 */
export function FieldList({ layout, word, variant }: { layout: BitLayout; word: bigint; variant: 'grid' | 'inline' }) {
  const values = decodeFields(layout, word);
  const grid = variant === 'grid';
  return (
    <dl className={grid ? 'mt-2 grid grid-cols-3 gap-2 text-center font-mono text-sm' : 'mt-1 flex flex-wrap gap-1 font-mono text-xs'}>
      {layout.fields.map((f) => {
        const v = values[f.key] ?? 0n;
        const name = fieldValueName(f, v);
        return (
          <div key={f.key} className={grid ? 'rounded-md border border-[var(--line)] p-1' : 'rounded border border-[var(--line)] px-1'}>
            <dt className={grid ? 'text-xs muted' : 'inline muted'}>
              {grid ? f.key : f.name} [{fieldRange(f)}]<Cite sources={f.sources} />
            </dt>{' '}
            <dd className={grid ? '' : 'inline'}>
              {fieldWidth(f) === 1 ? v.toString() : formatHex(v, grid ? Math.min(4, Math.ceil(fieldWidth(f) / 4)) : 0)}
              {name && (grid ? <span className="block text-xs muted">{name}</span> : ` ${name}`)}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
