import { observedFor } from '../../catalog/observed';
import type { Source } from '../../model/source';
import { manifest } from '../../store/convention-groups';
import { useApp } from '../../store/store';

function SourceList({ sources }: { sources: readonly Source[] }) {
  return (
    <span className="muted">
      {' '}
      (
      {sources.map((s, i) => (
        <span key={`${s.title}${s.where}`}>
          {i > 0 && '; '}
          {s.url ? (
            <a href={s.url} className="underline decoration-dotted" target="_blank" rel="noopener noreferrer">
              {s.title}
            </a>
          ) : (
            s.title
          )}
          : {s.where}
        </span>
      ))}
      )
    </span>
  );
}

const conventionNames = new Map(manifest.groups.flatMap((g) => g.conventions.map((c) => [c.id, c.name] as const)));
const conventionName = (id: string) => conventionNames.get(id) ?? id;

/** What `npm run check:cpu` saw this call do on an emulated CPU (src/catalog/observed.json). */
export function Observed() {
  const plan = useApp((s) => s.plan);
  const observed = useApp((s) => s.observed);
  const lines = observedFor(plan, observed, conventionName);
  return (
    <div className="lg:col-span-2" data-testid="observed">
      <h2 className="text-lg font-semibold">Observed on emulated CPUs</h2>
      {lines.length === 0 ? (
        <p className="mt-1 text-sm muted">This call was not run on an emulated CPU by npm run check:cpu.</p>
      ) : (
        <ul className="mt-2 space-y-2 text-sm">
          {lines.map((l) => (
            <li key={l.key} className="rounded-lg border border-[var(--line)] p-2" data-observed={l.key}>
              <strong>Observed on {l.where}:</strong> {l.text}
              {l.differences.map((d) => (
                <p key={d.register} className="mt-1" data-observed-differs={d.register}>
                  <span className="text-[var(--role-lost-ink)]">Differs from the catalog:</span> {d.register} = <code>{d.observed}</code> observed; the
                  catalog's example, from its sources above, is <code>{d.expected}</code>.
                </p>
              ))}
              {l.note && (
                <p className="mt-1">
                  <strong>Why:</strong> {l.note.text}
                  <SourceList sources={l.note.sources} />
                </p>
              )}
              {l.why && <p className="mt-1 muted">{l.why}.</p>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
