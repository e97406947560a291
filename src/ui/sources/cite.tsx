import { sourceKey, type Source } from '../../model/source';
import { useApp } from '../../store/store';

// Each source's number in a view's list, built once per list: a view has dozens of citations of some 50 sources.
const numberings = new WeakMap<readonly Source[], Map<string, number>>();
function numbering(all: readonly Source[]): Map<string, number> {
  let found = numberings.get(all);
  if (!found) {
    found = new Map();
    for (const [i, s] of all.entries()) if (!found.has(sourceKey(s))) found.set(sourceKey(s), i + 1);
    numberings.set(all, found);
  }
  return found;
}

/** Numbers pointing into the view's source list, which the plan assembles. */
export function Cite({ sources }: { sources: readonly Source[] }) {
  const all = useApp((s) => s.plan.sources);
  if (sources.length === 0) return null;
  const numberOf = numbering(all);
  const numbers = sources.map((s) => numberOf.get(sourceKey(s)) ?? 0).filter((n) => n > 0);
  // Sources of the CPU's side of the trap (the exception entry, the handler's path) are not in the call's list: linked directly.
  const unlisted = sources.filter((s) => !numberOf.has(sourceKey(s)));
  return (
    <sup className="ml-0.5 whitespace-nowrap">
      {unlisted.map((s) => (
        <a
          key={sourceKey(s)}
          href={s.url}
          target="_blank"
          rel="noopener noreferrer"
          className="mx-px rounded px-0.5 font-sans text-[0.7rem] text-[var(--focus)] underline decoration-dotted"
          title={`${s.title}: ${s.where}`}
          aria-label={`Source: ${s.title}, ${s.where}`}
        >
          src
        </a>
      ))}
      {[...new Set(numbers)].map((n) => {
        const s = all[n - 1]!;
        return (
          <button
            key={n}
            type="button"
            className="mx-px rounded px-0.5 font-mono text-[0.7rem] text-[var(--focus)] underline decoration-dotted"
            title={`${s.title}: ${s.where}`}
            aria-label={`Source ${n}: ${s.title}, ${s.where}`}
            onClick={() => {
              const el = document.getElementById(`source-${n}`);
              el?.scrollIntoView({ block: 'center' });
              el?.focus();
            }}
          >
            [{n}]
          </button>
        );
      })}
    </sup>
  );
}
