import { useId, useState } from 'react';
import { cellValue } from '../../model/cell-value';
import { alignRegisters, clobberSentences, sameArchitecture, telling } from '../../model/compare';
import { describeRegisters } from '../../model/narration';
import { useApp } from '../../store/store';
import { handedOn, SeenMark } from '../registers/MaskBits';
import { ROLE_TEXT } from '../registers/roles';
import { useOverflows } from './overflow';

/** Registers in rows across panes: by name on one architecture, by role across architectures. */
export function AlignedRegisters() {
  const plans = useApp((s) => s.plans);
  const moment = useApp((s) => s.moments[s.view.step]!);
  const [onlyDiffering, setOnlyDiffering] = useState(false);
  const toggleId = useId();
  const { ref, overflows } = useOverflows<HTMLDivElement>();
  const { rows: all, keptEverywhere: kept } = telling(alignRegisters(plans, moment.steps));
  const differing = all.filter((r) => r.differs).length;
  const rows = onlyDiffering ? all.filter((r) => r.differs) : all;
  const byName = sameArchitecture(plans);
  const clobber = clobberSentences(plans);
  const masks = plans.map(handedOn);
  return (
    <section className="panel p-3 sm:p-4" aria-labelledby="aligned-title">
      <h2 id="aligned-title" className="text-lg font-semibold">
        Registers side by side
      </h2>
      <p className="text-sm muted">
        {byName ? 'Matched by register name.' : 'Different architectures: matched by role (call id, argument n, result n).'} Each cell is what that pane’s
        caller sees at this moment; “differs” marks rows whose roles disagree now ({differing} of {all.length}).
      </p>
      <label htmlFor={toggleId} className="mt-2 inline-flex items-center gap-2 text-sm">
        <input
          id={toggleId}
          type="checkbox"
          className="h-4 w-4 accent-[var(--focus)]"
          checked={onlyDiffering}
          onChange={(e) => setOnlyDiffering(e.target.checked)}
        />
        Only rows that differ
      </label>
      {overflows && (
        <p className="mt-1 text-sm font-medium" data-testid="aligned-scroll-cue">
          Scroll the table sideways to see all {plans.length} panes →
        </p>
      )}
      <div
        ref={ref}
        className="relative mt-2 overflow-x-auto"
        tabIndex={overflows ? 0 : undefined}
        role={overflows ? 'region' : undefined}
        aria-label={overflows ? 'Registers side by side, scrolls sideways' : undefined}
      >
        <table className="w-full border-separate border-spacing-1 text-sm" data-testid="aligned-registers">
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 z-10 bg-[var(--panel)] text-left">
                {byName ? 'Register' : 'Role'}
              </th>
              {plans.map((p, i) => (
                <th key={i} scope="col" className="min-w-36 text-left font-normal" data-testid={`aligned-pane-${i + 1}`}>
                  <span className="font-semibold">{i + 1}.</span> {p.convention.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-differs={r.differs} data-key={r.key}>
                <th scope="row" className="sticky left-0 z-10 whitespace-nowrap bg-[var(--panel)] pr-2 text-left font-mono">
                  {r.key}
                  {r.differs && <span className="ml-1 rounded border border-current px-1 text-[0.65rem] font-bold text-[var(--role-lost-ink)]">differs</span>}
                </th>
                {r.cells.map((c, i) => (
                  <td key={i} className="cell whitespace-nowrap rounded-md px-2 py-1" data-role={c?.role ?? 'unused'}>
                    {c ? (
                      <>
                        <span className="mr-1 text-[0.65rem] font-bold">{ROLE_TEXT[c.role].badge}</span>
                        <span className="font-mono">{c.label !== r.key ? `${c.label} ` : ''}</span>
                        <span className="font-mono font-semibold">{cellValue(c)}</span>
                        {masks[i]?.cells.has(c.cell) && (
                          <>
                            {' '}
                            <SeenMark to={masks[i]!.to} testId={`pane-${i + 1}-sees-${c.cell}`} />
                          </>
                        )}
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
      {clobber.length > 0 && (
        <ul className="mt-3 space-y-1 text-sm" data-testid="clobber-diff">
          {clobber.map((c) => (
            <li key={c.other}>
              <strong>1 vs {c.other}:</strong> {c.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
