import { findGuide } from '../../catalog/guides';
import { useApp } from '../../store/store';
import { AlignedRegisters } from './AlignedRegisters';
import { Capacity } from './Capacity';
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
        </section>
      )}
      <ComparePanes />
      <CompareStage />
      <AlignedRegisters />
      <Capacity />
    </div>
  );
}
