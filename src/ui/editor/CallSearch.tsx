import { Suspense, useState } from 'react';
import { lazyPart } from '../shell/LoadFailed';

const CallHits = lazyPart(() => import('./CallHits'), 'The call index');

/** Find a call by name or number across every convention: typing 0xC4000003 finds PSCI CPU_ON. */
export function CallSearch() {
  const [query, setQuery] = useState('');
  // The index of every call is a chunk of its own, fetched once the box is focused, before anything is typed.
  const [used, setUsed] = useState(false);
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
        onFocus={() => setUsed(true)}
        onChange={(e) => setQuery(e.target.value)}
        aria-describedby={used ? 'call-search-status' : undefined}
        autoComplete="off"
      />
      {used && (
        <Suspense fallback={query && <p className="mt-1 text-sm muted">Loading the call index…</p>}>
          <CallHits query={query} done={() => setQuery('')} />
        </Suspense>
      )}
    </div>
  );
}
