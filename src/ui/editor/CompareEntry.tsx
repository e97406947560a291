import { guideList } from '../../catalog/guide-panes';
import { useApp } from '../../store/store';

/** Ways into the comparison view: this call beside another convention, or a curated comparison. */
export function CompareEntry() {
  const { openCompare, openGuide } = useApp.getState();
  return (
    <section className="panel space-y-2 p-3 sm:p-4" aria-labelledby="compare-title">
      <h2 id="compare-title" className="text-lg font-semibold">
        Compare
      </h2>
      <button type="button" className="w-full rounded-lg border border-[var(--focus)] px-3 py-2 text-left text-sm font-medium" onClick={() => openCompare()}>
        Compare this call side by side
      </button>
      <p className="text-sm muted">Guided comparisons:</p>
      <ul className="space-y-1 text-sm">
        {guideList.map((g) => (
          <li key={g.id}>
            <button type="button" className="text-left underline decoration-dotted" onClick={() => void openGuide(g.id)}>
              {g.title}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
