import { alignRegisters, clobberDiff, sameArchitecture } from '../../model/compare';
import { describeRegisters } from '../../model/narration';
import { formatHex } from '../../model/value';
import { useApp } from '../../store/store';
import { ROLE_TEXT } from '../registers/roles';

/** Registers in rows across panes: by name on one architecture, by role across architectures. */
export function AlignedRegisters() {
  const plans = useApp((s) => s.plans);
  const moment = useApp((s) => s.moments[s.view.step]!);
  const all = alignRegisters(plans, moment.steps).filter((r) => r.cells.some((c) => c && c.role !== 'unused'));
  const byName = sameArchitecture(plans);
  // Registers every pane keeps say nothing about the difference; they are summed up in one line.
  const keptEverywhere = (r: (typeof all)[number]) => !r.differs && r.cells.every((c) => c?.role === 'preserved' && c.value === undefined);
  const rows = all.filter((r) => !keptEverywhere(r));
  const kept = all.filter(keptEverywhere).map((r) => r.key);
  return (
    <section className="panel p-3 sm:p-4" aria-labelledby="aligned-title">
      <h2 id="aligned-title" className="text-lg font-semibold">
        Registers side by side
      </h2>
      <p className="text-sm muted">
        {byName ? 'Matched by register name.' : 'Different architectures: matched by role (call id, argument n, result n).'} Rows marked “differs” disagree
        between panes.
      </p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full border-separate border-spacing-1 text-sm" data-testid="aligned-registers">
          <thead>
            <tr>
              <th scope="col" className="text-left">
                {byName ? 'Register' : 'Role'}
              </th>
              {plans.map((p, i) => (
                <th key={i} scope="col" className="text-left font-normal">
                  <span className="font-semibold">{i + 1}.</span> {p.convention.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-differs={r.differs}>
                <th scope="row" className="whitespace-nowrap pr-2 text-left font-mono">
                  {r.key}
                  {r.differs && <span className="ml-1 rounded border border-current px-1 text-[0.65rem] font-bold text-[var(--role-lost-ink)]">differs</span>}
                </th>
                {r.cells.map((c, i) => (
                  <td key={i} className="cell rounded-md px-2 py-1" data-role={c?.role ?? 'unused'}>
                    {c ? (
                      <>
                        <span className="mr-1 text-[0.65rem] font-bold">{ROLE_TEXT[c.role].badge}</span>
                        <span className="font-mono">{byName ? '' : `${c.label} `}</span>
                        <span className="font-mono font-semibold">
                          {c.value !== undefined ? formatHex(c.value) : c.role === 'clobbered' ? 'unknown' : c.role === 'preserved' ? 'kept' : '—'}
                        </span>
                      </>
                    ) : (
                      <span className="muted">none</span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {kept.length > 0 && (
        <p className="mt-2 text-sm">
          <strong>Kept by every pane:</strong> <span className="font-mono">{describeRegisters(plans[0]!.convention.arch, kept)}</span>
        </p>
      )}
      {byName && plans.length >= 2 && (
        <ul className="mt-3 space-y-1 text-sm" data-testid="clobber-diff">
          {plans.slice(1).map((p, j) => {
            const d = clobberDiff(plans[0]!, p);
            const arch = p.convention.arch;
            return (
              <li key={j}>
                <strong>1 vs {j + 2}:</strong> {d.lostOnlyInA.length ? `1 may clobber ${describeRegisters(arch, d.lostOnlyInA)}, which ${j + 2} keeps. ` : ''}
                {d.lostOnlyInB.length ? `${j + 2} may clobber ${describeRegisters(arch, d.lostOnlyInB)}, which 1 keeps.` : ''}
                {!d.lostOnlyInA.length && !d.lostOnlyInB.length ? 'the same registers survive the call.' : ''}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
