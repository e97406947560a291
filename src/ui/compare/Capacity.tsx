import { capacity } from '../../model/compare';
import { useApp } from '../../store/store';

/** Bytes each convention can carry in registers, and what the caller loses, as numbers and bars. */
export function Capacity() {
  const plans = useApp((s) => s.plans);
  const rows = plans.map((p) => ({ name: p.convention.name, ...capacity(p.convention) }));
  const max = Math.max(1, ...rows.flatMap((r) => [r.bytesIn, r.bytesOut]));
  return (
    <section className="panel p-3 sm:p-4" aria-labelledby="capacity-title">
      <h2 id="capacity-title" className="text-lg font-semibold">
        What fits in registers
      </h2>
      <p className="text-sm muted">Computed from each convention’s argument, result, clobbered and preserved registers.</p>
      <table className="mt-3 w-full text-sm" data-testid="capacity">
        <thead>
          <tr className="text-left">
            <th scope="col">Convention</th>
            <th scope="col">Bytes in</th>
            <th scope="col">Bytes out</th>
            <th scope="col">Lost after a call</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="align-top">
              <th scope="row" className="py-1 pr-2 text-left font-normal">
                {i + 1}. {r.name}
              </th>
              <td className="py-1 pr-2">
                <Bar value={r.bytesIn} max={max} label={`${r.bytesIn} B in ${r.argRegisters} registers`} kind="argument" />
              </td>
              <td className="py-1 pr-2">
                <Bar value={r.bytesOut} max={max} label={`${r.bytesOut} B in ${r.resultRegisters} registers`} kind="result" />
              </td>
              <td className="py-1 font-mono">{r.lostRegisters} registers</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Bar({ value, max, label, kind }: { value: number; max: number; label: string; kind: 'argument' | 'result' }) {
  return (
    <div>
      <div className="cell h-3 rounded-sm" data-role={kind} style={{ width: `${Math.max(2, (value / max) * 100)}%` }} aria-hidden="true" />
      <span className="font-mono text-xs">{label}</span>
    </div>
  );
}
