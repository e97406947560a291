import { useRef, useState } from 'react';
import { callsFor } from '../../catalog';
import { customConventions } from '../../store/custom-links';
import { useApp } from '../../store/store';
import { download } from '../shell/download';

/** Ways into the convention editor, and the custom conventions kept in this browser. */
export function DesignEntry() {
  const plan = useApp((s) => s.plan);
  const { setEditorText, reportMessage, reportMissing, openLink } = useApp.getState();
  const file = useRef<HTMLInputElement>(null);
  const draft = useApp((s) => s.draft);
  // The conventions kept here are registered in the catalog once the page is live (src/boot/boot.ts); reading
  // them sooner would draw what the build's markup does not have while React hydrates it.
  const live = useApp((s) => s.phase === 'live');
  const [, setRevision] = useState(0);
  const mine = live ? customConventions() : [];
  const remove = async (id: string) => {
    const { deleteDefinition } = await import('../../store/custom');
    deleteDefinition(id);
    setRevision((r) => r + 1);
  };
  const btn = 'w-full rounded-lg border border-[var(--line)] px-3 py-1.5 text-left text-sm';

  const copyCurrent = async () => {
    const { copyOfBuiltIn } = await import('../../share/custom/copy');
    setEditorText(JSON.stringify(copyOfBuiltIn(plan.convention, callsFor(plan.convention)), null, 2));
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
    if (errors.length) reportMessage(`Imported ${added.length} convention${added.length === 1 ? '' : 's'}; could not read: ${errors.join('; ')}`);
    if (added[0]) await openLink(`#/${added[0]}`);
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
      {mine.length > 0 && (
        <ul className="space-y-1 text-sm" aria-label="Your conventions">
          {mine.map((c) => (
            <li key={c.id} className="flex items-center justify-between gap-2">
              <button type="button" className="text-left underline decoration-dotted" onClick={() => void openLink(`#/${c.id}`)}>
                {c.name}
              </button>
              {c.id !== plan.convention.id && (
                <button
                  type="button"
                  className="rounded-md border border-[var(--line)] px-2 py-0.5 text-xs"
                  onClick={() => void remove(c.id)}
                  aria-label={`Delete ${c.name}`}
                >
                  Delete
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-2 text-sm">
        <button type="button" className="rounded-md border border-[var(--line)] px-2 py-1" onClick={() => file.current?.click()}>
          Import…
        </button>
        <button type="button" className="rounded-md border border-[var(--line)] px-2 py-1" onClick={() => void exportAll()}>
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
            if (f) void importFile(f);
            e.target.value = '';
          }}
        />
      </div>
    </section>
  );
}
