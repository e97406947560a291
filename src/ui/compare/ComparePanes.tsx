import { paneColumns } from './columns';
import { ConventionSelect } from '../editor/ConventionSelect';
import { MAX_PANES } from '../../share/view';
import { useApp } from '../../store/store';

const select = 'mt-1 h-10 w-full rounded-lg border border-[var(--line)] bg-[var(--panel)] px-2 text-sm';

/** One column of pickers per pane, plus adding, removing and opening panes. */
export function ComparePanes() {
  const plans = useApp((s) => s.plans);
  const offered = useApp((s) => s.offered);
  const { setPane, addPane, removePane, openPane } = useApp.getState();
  return (
    <section className="panel p-3 sm:p-4" aria-label="Panes">
      <div className={`grid gap-3 ${paneColumns(plans.length)}`}>
        {plans.map((p, i) => (
          <div key={i} className="rounded-lg border border-[var(--line)] p-2" data-testid={`pane-${i + 1}`}>
            <p className="text-xs font-semibold uppercase tracking-wide muted">Pane {i + 1}</p>
            <label htmlFor={`pane-${i}-conv`} className="mt-1 block text-sm font-semibold">
              Convention {i + 1}
            </label>
            <ConventionSelect id={`pane-${i}-conv`} className={select} value={p.convention.id} onChange={(id) => void setPane(i, { convention: id })} />
            <label htmlFor={`pane-${i}-call`} className="mt-2 block text-sm font-semibold">
              Call {i + 1}
            </label>
            <select id={`pane-${i}-call`} className={select} value={p.call.id} onChange={(e) => void setPane(i, { call: e.target.value })}>
              {offered[i]!.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <div className="mt-2 flex flex-wrap gap-2 text-sm">
              <button type="button" className="rounded-md border border-[var(--line)] px-2 py-1" onClick={() => openPane(i)}>
                Open alone
              </button>
              {plans.length > 2 && (
                <button
                  type="button"
                  className="rounded-md border border-[var(--line)] px-2 py-1"
                  onClick={() => removePane(i)}
                  aria-label={`Remove pane ${i + 1}`}
                >
                  Remove
                </button>
              )}
            </div>
          </div>
        ))}
      </div>
      {plans.length < MAX_PANES && (
        <button type="button" className="mt-3 rounded-lg border border-[var(--line)] px-3 py-1.5 text-sm font-medium" onClick={addPane}>
          Add a pane
        </button>
      )}
    </section>
  );
}
