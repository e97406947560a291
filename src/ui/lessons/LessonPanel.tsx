import { lessons } from '../../catalog/lessons';
import { lessonOf } from '../../share/lesson-view';
import { useApp } from '../../store/store';
import { Cite } from '../sources/cite';
import { GlossaryText } from './GlossaryText';

const link = 'rounded-lg border border-[var(--line)] px-3 py-1.5 text-sm no-underline hover:bg-[var(--role-kept-bg)]';

/** The lesson step this view belongs to: its teaching text with sources, and the way to the previous and next steps. */
export function LessonPanel({ compact = false }: { compact?: boolean }) {
  const view = useApp((s) => s.view);
  const found = lessonOf(view);
  if (!found) return null;
  const { lesson, index } = found;
  const prev = lessons[index - 1];
  const next = lessons[index + 1];
  const keep = view.present ? '?present=1' : '';
  return (
    <section className={compact ? 'flex min-w-0 items-center gap-2' : 'panel p-3 sm:p-4'} aria-label="Lesson" data-testid="lesson">
      <h2 className={compact ? 'min-w-0 truncate text-lg' : 'text-lg font-semibold'}>
        <span className="muted">
          Lesson {index + 1}/{lessons.length}:
        </span>{' '}
        {lesson.title}
      </h2>
      {!compact && (
        <p className="mt-2 leading-relaxed" data-testid="lesson-text">
          <GlossaryText text={lesson.text} />
          <Cite sources={lesson.sources} />
        </p>
      )}
      <nav className={`flex shrink-0 gap-2 ${compact ? '' : 'mt-3'}`} aria-label="Lesson steps">
        {prev && (
          <a className={link} href={`#/lesson/${prev.id}${keep}`} title={prev.title}>
            ← Previous
          </a>
        )}
        {next && (
          <a className={link} href={`#/lesson/${next.id}${keep}`} title={next.title} data-next>
            Next: {compact ? '' : next.title} →
          </a>
        )}
      </nav>
      {!compact && <LessonList current={index} />}
    </section>
  );
}

/** The course's contents, each step a link. */
function LessonList({ current }: { current: number }) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer">All {lessons.length} lessons</summary>
      <ol className="mt-2 list-decimal space-y-1 pl-5">
        {lessons.map((l, i) => (
          <li key={l.id}>
            <a className="underline decoration-dotted" href={`#/lesson/${l.id}`} aria-current={i === current ? 'page' : undefined}>
              {l.title}
            </a>
          </li>
        ))}
      </ol>
    </details>
  );
}

export default LessonPanel;
