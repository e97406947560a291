import { findConvention, isCustomConvention } from '../../catalog';
import { ConventionSelect } from './ConventionSelect';
import { useApp } from '../../store/store';
import { manifest } from '../../store/convention-groups';
import { Cite } from '../sources/cite';
import { CallSearch } from './CallSearch';

const select = 'mt-1 h-11 w-full rounded-lg border border-[var(--line)] bg-[var(--panel)] px-2 text-base';

export function Pickers() {
  const plan = useApp((s) => s.plan);
  const catalog = useApp((s) => s.catalog);
  const offered = useApp((s) => s.offered[0]!);
  const { selectConvention, selectCall } = useApp.getState();
  const conv = plan.convention;

  return (
    <section className="panel space-y-3 p-3 sm:p-4" aria-label="What to call">
      <CallSearch />
      <div>
        <label htmlFor="pick-convention" className="text-sm font-semibold">
          Convention
        </label>
        <ConventionSelect id="pick-convention" className={select} value={conv.id} onChange={(id) => void selectConvention(id)} />
      </div>
      {isCustomConvention(catalog, conv) && (
        <p
          className="rounded-lg border-2 border-[var(--role-lost-line)] bg-[var(--role-lost-bg)] p-2 text-sm font-semibold text-[var(--role-lost-ink)]"
          data-testid="custom-banner"
        >
          Custom, unverified convention: written by a Trapscope user, not checked against any source.
        </p>
      )}
      <p className="text-sm muted">
        {conv.summary}
        <Cite sources={conv.sources} />
      </p>
      {conv.eraLinks && conv.eraLinks.length > 0 && (
        <ul className="space-y-1 text-sm break-words" aria-label="Other eras">
          {conv.eraLinks.map((l) => (
            <li key={l.id}>
              <button type="button" className="text-left underline decoration-dotted" onClick={() => void selectConvention(l.id)}>
                {l.relation === 'earlier' ? 'Earlier: ' : l.relation === 'later' ? 'Later: ' : 'See also: '}
                {findConvention(catalog, l.id)?.name ?? nameInManifest(l.id) ?? l.id}
              </button>{' '}
              <span className="muted">({l.why})</span>
            </li>
          ))}
        </ul>
      )}
      <div>
        <label htmlFor="pick-call" className="text-sm font-semibold">
          Call
        </label>
        <select id="pick-call" className={select} value={plan.call.id} onChange={(e) => selectCall(e.target.value)} data-testid="call-picker">
          {offered.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <p className="text-sm muted">
        {plan.call.summary}
        <Cite sources={plan.call.sources} />
      </p>
    </section>
  );
}

/** A convention's name before its family has loaded: the manifest lists every built-in one. */
function nameInManifest(id: string): string | undefined {
  return manifest.groups.flatMap((g) => g.conventions).find((c) => c.id === id)?.name;
}
