import { findGuide } from '../../catalog/guides';
import { useApp } from '../../store/store';
import { AlignedRegisters } from './AlignedRegisters';
import { Capacity } from './Capacity';
import { CompareMemory } from './CompareMemory';
import { ComparePanes } from './ComparePanes';
import { CompareStage } from './CompareStage';

/** The comparison view: loaded only when a comparison is opened. */
export default function CompareView() {
  const view = useApp((s) => s.view);
  const guide = view.kind === 'compare' && view.guide ? findGuide(view.guide) : undefined;
  return (
    <div className="space-y-4">
      {guide && (
        <section className="panel p-3 sm:p-4" aria-labelledby="guide-title">
          <h2 id="guide-title" className="text-xl font-semibold">
            {guide.title}
          </h2>
          <p className="mt-1 max-w-prose leading-relaxed">{guide.intro}</p>
          {guide.sources.length > 0 && (
            <ul className="mt-2 space-y-0.5 text-sm muted">
              {guide.sources.map((s) => (
                <li key={s.title + s.where}>
                  {s.url ? (
                    <a className="underline decoration-dotted" href={s.url} target="_blank" rel="noopener noreferrer">
                      {s.title}
                    </a>
                  ) : (
                    s.title
                  )}
                  : {s.where}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {/* As the single view reads: what each call does now, then the registers, then the pickers that change the panes. */}
      <CompareStage />
      <AlignedRegisters />
      <CompareMemory />
      <Capacity />
      <ComparePanes />
    </div>
  );
}
