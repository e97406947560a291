import { dismissNotices, useKept, type StorageNotice } from '../../store/custom-links';
import { useApp } from '../../store/store';
import { download } from '../shell/download';

const json = (text: string) => new Blob([text], { type: 'application/json' });

/** What the reader can do about each notice: keep, as a file, what storage did not keep or could not read. */
async function act(kind: StorageNotice['kind']): Promise<void> {
  if (kind === 'draft') {
    const draft = useApp.getState().editorText ?? useApp.getState().draft;
    if (draft !== null) download('trapscope-draft.json', json(draft));
    return;
  }
  const custom = await import('../../store/custom');
  if (kind === 'unreadable') download('trapscope-conventions-as-stored.json', json(custom.unreadableStore() ?? ''));
  else download('trapscope-conventions.json', json(custom.exportDefinitions()));
}

const ACTION: Record<StorageNotice['kind'], string> = {
  unreadable: 'Download them as they are',
  unsaved: 'Export my conventions to a file',
  draft: 'Download the draft',
};

/** Says, under the header, what this browser's storage did not keep or could not read (custom conventions, the draft). */
export function StorageNotices() {
  const notices = useKept((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div role="alert" className="mx-auto mt-3 max-w-[1400px] px-3 sm:px-4" data-testid="storage-notices">
      <div className="flex flex-wrap items-start justify-between gap-3 rounded-lg border-2 border-[var(--role-lost-line)] bg-[var(--role-lost-bg)] p-3 text-[var(--role-lost-ink)]">
        <ul className="min-w-0 flex-1 space-y-2 text-sm">
          {notices.map((n) => (
            <li key={n.kind} className="break-words">
              {n.message}{' '}
              <button type="button" className="mt-1 rounded-md border border-current px-2 py-0.5 text-sm font-medium" onClick={() => void act(n.kind)}>
                {ACTION[n.kind]}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="rounded-md border border-current px-2 py-1 text-sm" onClick={dismissNotices}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
