import { useId, useState } from 'react';
import { findTerm, textParts } from '../../catalog/glossary';
import { Cite } from '../sources/cite';

/** Text whose [[terms]] show their definition, with its source, on hover and on tap. */
export function GlossaryText({ text }: { text: string }) {
  return (
    <>
      {textParts(text).map((p, i) => (p.kind === 'text' ? p.text : <Term key={i} term={p.term} shown={p.shown} />))}
    </>
  );
}

function Term({ term, shown }: { term: string; shown: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const t = findTerm(term);
  if (!t) return shown;
  return (
    // A click or tap opens (a toggle would close what the pointer's own mouseenter had just opened, on a phone too);
    // leaving with the mouse, focus moving out of the term and its definition, or Escape closes.
    <span
      className="relative"
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setOpen(false);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false);
      }}
    >
      <button
        type="button"
        className="underline decoration-dotted underline-offset-2"
        aria-expanded={open}
        aria-describedby={open ? id : undefined}
        onClick={() => setOpen(true)}
        data-term={t.term}
      >
        {shown}
      </button>
      {open && (
        <span
          id={id}
          role="tooltip"
          className="panel absolute top-full left-0 z-30 mt-1 block w-72 max-w-[80vw] p-2 text-left text-sm font-normal shadow-lg"
          data-testid="term-definition"
        >
          <strong>{t.term}</strong>: {t.definition}
          <Cite sources={t.sources} />
        </span>
      )}
    </span>
  );
}
