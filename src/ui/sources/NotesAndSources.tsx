import type { Note } from '../../model/source';
import { planNotes } from '../../model/plan';
import { useApp } from '../../store/store';
import { Cite } from './cite';
import { Observed } from './Observed';

const KIND: Record<Note['kind'], string> = {
  disagreement: 'Sources disagree',
  unconfirmed: 'Not confirmed',
  history: 'History',
  info: 'Note',
};

/** What the reader should know about these facts, and every source the view relies on. */
export function NotesAndSources() {
  const plan = useApp((s) => s.plan);
  const notes = planNotes(plan);
  return (
    <section className="panel grid grid-cols-[minmax(0,1fr)] gap-4 p-3 [overflow-wrap:anywhere] sm:p-4 lg:grid-cols-2" aria-label="Notes and sources">
      <div>
        <h2 className="text-lg font-semibold">Notes</h2>
        {notes.length === 0 ? (
          <p className="text-sm muted">No caveats recorded for this call.</p>
        ) : (
          <ul className="mt-2 space-y-2 text-sm">
            {notes.map((n) => (
              <li key={n.text} className="rounded-lg border border-[var(--line)] p-2" data-note-kind={n.kind}>
                <strong className={n.kind === 'disagreement' || n.kind === 'unconfirmed' ? 'text-[var(--role-lost-ink)]' : ''}>{KIND[n.kind]}:</strong> {n.text}
                <Cite sources={n.sources} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h2 className="text-lg font-semibold">Sources</h2>
        <ol className="mt-2 space-y-1 text-sm">
          {plan.sources.map((s, i) => (
            <li key={`${s.title}${s.where}`} id={`source-${i + 1}`} tabIndex={-1} className="rounded px-1 focus:bg-[var(--role-arg-bg)]">
              <span className="font-mono text-xs muted">[{i + 1}]</span>{' '}
              {s.url ? (
                <a href={s.url} className="underline decoration-dotted" target="_blank" rel="noopener noreferrer">
                  {s.title}
                </a>
              ) : (
                s.title
              )}
              <span className="muted">: {s.where}</span>
            </li>
          ))}
        </ol>
      </div>
      <Observed />
    </section>
  );
}
