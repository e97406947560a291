import { useMemo, useState } from 'react';
import { searchCalls } from '../../catalog/search';
import calls from 'virtual:trapscope-calls';
import { manifest } from '../../store/convention-groups';
import { useApp } from '../../store/store';

const familyName = (id: string) => manifest.groups.find((g) => g.conventions.some((c) => c.id === id))?.name ?? id;

/** Find a call by name or number across every convention: typing 0xC4000003 finds PSCI CPU_ON. */
export function CallSearch() {
  const [query, setQuery] = useState('');
  const hits = useMemo(() => searchCalls(query, calls), [query]);
  const { openCall } = useApp.getState();
  return (
    <div>
      <label htmlFor="call-search" className="text-sm font-semibold">
        Find a call
      </label>
      <input
        id="call-search"
        type="search"
        className="mt-1 h-10 w-full rounded-lg border border-[var(--line)] bg-[var(--panel)] px-2"
        placeholder="Name, id or number: cpu_on, 0xC4000003"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        aria-describedby="call-search-status"
        autoComplete="off"
      />
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
                  setQuery('');
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
    </div>
  );
}
