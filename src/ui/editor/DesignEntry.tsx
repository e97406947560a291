import { useRef, useState } from 'react';
import { callsFor } from '../../catalog';
import { SHOWN_AT_START, useKept } from '../../store/custom-links';
import { useApp } from '../../store/store';
import { download } from '../shell/download';

/** How many kept conventions the panel lists before "Show all". */
const LISTED = 20;
/** Enough of an import's errors to act on; the count says how many more. */
const ERRORS_SHOWN = 5;

function importReport(added: number, errors: readonly string[]): string {
  const more = errors.length > ERRORS_SHOWN ? ` (and ${(errors.length - ERRORS_SHOWN).toLocaleString('en')} more)` : '';
  return `Imported ${added.toLocaleString('en')} convention${added === 1 ? '' : 's'}. Could not read: ${errors.slice(0, ERRORS_SHOWN).join(' ')}${more}`;
}

/** Ways into the convention editor, and the custom conventions kept in this browser. */
export function DesignEntry() {
  const plan = useApp((s) => s.plan);
  const { setEditorText, reportMessage, reportMissing, openLink } = useApp.getState();
  const file = useRef<HTMLInputElement>(null);
  const draft = useApp((s) => s.draft);
  // Filled by loadStoredDefinitions once the page is hydrated (src/boot/boot.ts): the build's markup has no list.
  const kept = useKept((s) => s.kept);
  const importing = useKept((s) => s.importing);
  const [all, setAll] = useState(false);
  const listed = all ? kept : kept.slice(-LISTED);
  const remove = async (id: string) => (await import('../../store/custom')).deleteDefinition(id);
  const open = async (id: string) => {
    const problem = await (await import('../../store/custom')).openKept(id);
    if (problem) reportMessage(problem);
    else await openLink(`#/${id}`);
  };
  const btn = 'w-full rounded-lg border border-[var(--line)] px-3 py-1.5 text-left text-sm';

  const copyCurrent = async () => {
    const { copyOfBuiltIn } = await import('../../share/custom/copy');
    setEditorText(JSON.stringify(copyOfBuiltIn(plan.convention, callsFor(useApp.getState().catalog, plan.convention)), null, 2));
  };
  const blank = async () => {
    const { blankDefinition } = await import('../../share/custom/copy');
    const { ARCH_IDS } = await import('../../share/custom/schema');
    const arch = (ARCH_IDS as readonly string[]).includes(plan.convention.arch.id) ? (plan.convention.arch.id as (typeof ARCH_IDS)[number]) : 'aarch64';
    setEditorText(JSON.stringify(blankDefinition(arch), null, 2));
  };
  const exportAll = async () => {
    const { exportDefinitions } = await import('../../store/custom');
    download('trapscope-conventions.json', new Blob([exportDefinitions()], { type: 'application/json' }));
  };
  const importFile = async (f: File) => {
    const { importDefinitions } = await import('../../store/custom');
    const { added, errors } = await importDefinitions(await f.text());
    // The first one opens, and then the report, which opening a view would clear.
    if (added[0]) await openLink(`#/${added[0]}`);
    if (errors.length) reportMessage(importReport(added.length, errors));
    else if (added.length > 1) reportMessage(`Imported ${added.length.toLocaleString('en')} conventions; they are listed under Design your own.`);
  };

  return (
    <section className="panel space-y-2 p-3 sm:p-4" aria-labelledby="design-title">
      <h2 id="design-title" className="text-lg font-semibold">
        Design your own
      </h2>
      <p className="text-sm muted">Describe a proposed ABI, watch it run, and compare it with the real ones.</p>
      <button type="button" className={btn} onClick={() => void copyCurrent().catch(reportMissing)}>
        Start from a copy of {plan.convention.name}
      </button>
      <button type="button" className={btn} onClick={() => void blank().catch(reportMissing)}>
        Start from a blank convention
      </button>
      {draft && (
        <button type="button" className={btn} onClick={() => setEditorText(draft)}>
          Resume your draft
        </button>
      )}
      {kept.length > 0 && (
        <>
          <ul className="space-y-1 text-sm" aria-label="Your conventions">
            {listed.map((c, i) => (
              <li key={c.id ?? `unnamed-${i}`} className="flex items-center justify-between gap-2">
                {c.id ? (
                  <button type="button" className="min-w-0 break-words text-left underline decoration-dotted" onClick={() => void open(c.id!).catch(reportMissing)}>
                    {c.name}
                  </button>
                ) : (
                  <span className="muted">{c.name} (it names no id, so it cannot be opened; it is kept as it is)</span>
                )}
                {c.id && c.id !== plan.convention.id && (
                  <button
                    type="button"
                    className="rounded-md border border-[var(--line)] px-2 py-0.5 text-xs"
                    onClick={() => void remove(c.id!).catch(reportMissing)}
                    aria-label={`Delete ${c.name}`}
                  >
                    Delete
                  </button>
                )}
              </li>
            ))}
          </ul>
          {kept.length > LISTED && (
            <button type="button" className="text-sm underline decoration-dotted" onClick={() => setAll(!all)}>
              {all ? `Show the last ${LISTED} only` : `Show all ${kept.length.toLocaleString('en')}`}
            </button>
          )}
          {kept.length > SHOWN_AT_START && (
            <p className="text-xs muted" data-testid="kept-cap">
              You keep {kept.length.toLocaleString('en')} conventions. The convention picker offers the last {SHOWN_AT_START} saved and those opened since
              the page loaded, so that the page starts as fast with many as with few; open the others from this list.
            </p>
          )}
        </>
      )}
      {importing && (
        <p role="status" className="text-sm" data-testid="import-progress">
          Importing: {importing.done.toLocaleString('en')} of {importing.total.toLocaleString('en')} definitions checked…
        </p>
      )}
      <div className="flex flex-wrap gap-2 text-sm">
        <button
          type="button"
          className="rounded-md border border-[var(--line)] px-2 py-1 disabled:opacity-40"
          disabled={importing !== null}
          onClick={() => file.current?.click()}
        >
          Import…
        </button>
        <button type="button" className="rounded-md border border-[var(--line)] px-2 py-1" onClick={() => void exportAll().catch(reportMissing)}>
          Export mine
        </button>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          className="sr-only"
          aria-label="Import conventions from a file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void importFile(f).catch(reportMissing);
            e.target.value = '';
          }}
        />
      </div>
    </section>
  );
}
