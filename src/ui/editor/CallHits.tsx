import { useMemo } from 'react';
import calls from 'virtual:trapscope-calls';
import { searchCalls } from '../../catalog/search';
import { manifest } from '../../store/convention-groups';
import { useApp } from '../../store/store';

const familyName = (id: string) => manifest.groups.find((g) => g.conventions.some((c) => c.id === id))?.name ?? id;

/**
 * The call search's answers, with the index of every call (CallSearch.tsx loads this chunk when the search box is
 * first focused: a link's view does not wait for the index).
 */
export default function CallHits({ query, done }: { query: string; done: () => void }) {
  const hits = useMemo(() => searchCalls(query, calls), [query]);
  const { openCall } = useApp.getState();
  return (
    <>
      <p id="call-search-status" className="sr-only" aria-live="polite">
        {query ? `${hits.length} call${hits.length === 1 ? '' : 's'} found` : ''}
      </p>
      {query && (
        <ul className="mt-1 max-h-72 overflow-auto rounded-lg border border-[var(--line)]" aria-label="Matching calls">
          {hits.length === 0 && <li className="p-2 text-sm muted">No call matches.</li>}
          {hits.map((h) => (
            <li key={h.call.id}>
              <button
                type="button"
                className="w-full px-2 py-1.5 text-left text-sm hover:bg-[var(--role-arg-bg)]"
                onClick={() => {
                  void openCall(h.call.id, h.call.conventions);
                  done();
                }}
              >
                <span className="font-semibold">{h.call.name}</span> <span className="font-mono text-xs">{h.call.number}</span>
                <span className="block text-xs muted">
                  {familyName(h.call.conventions[0]!)} · {h.call.conventions.length} convention{h.call.conventions.length === 1 ? '' : 's'}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
