import { useEffect, useRef, useState } from 'react';
import { TEXT_FORMS, type TextForm } from '../../share/text';
import { exportAs, FORMATS, LABEL, type Format } from './exports';
import { svgToPng } from './picture';
import { download } from '../shell/download';
import { useApp } from '../../store/store';

/** Everything the view can be shared as, each read from the same plans the screen draws. Loaded on demand. */
export default function SharePanel({ onClose }: { onClose: () => void }) {
  const plans = useApp((s) => s.plans);
  const moments = useApp((s) => s.moments);
  const view = useApp((s) => s.view); // the view, and so the link
  const catalog = useApp((s) => s.catalog);
  const [format, setFormat] = useState<Format>('link');
  // Short is what a reply wants; the full form keeps every note and source.
  const [textForm, setTextForm] = useState<TextForm>('short');
  const [copied, setCopied] = useState<Format | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const link = window.location.href;

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const step = useApp((s) => s.moments[s.view.step]!);
  // Each format is made when its tab is shown or copied, not all of them on every render.
  const shared = { catalog, view, derived: { plans: [...plans], plan: plans[0]!, moments: [...moments] }, link, textForm, steps: step.steps };
  const make = (f: Format) => exportAs(f, shared);
  const shown = make(format);
  const base = `trapscope-${plans[0]!.call.id}`;

  const copy = async (f: Format) => {
    try {
      await navigator.clipboard.writeText(f === format ? shown : make(f));
      setCopied(f);
    } catch {
      setCopied(null);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="m-auto w-[min(52rem,calc(100vw-1.5rem))] rounded-xl border border-[var(--line)] bg-[var(--panel)] p-0 text-[var(--ink)] backdrop:bg-black/50"
      aria-labelledby="share-title"
      onClose={onClose}
    >
      <div className="flex items-center justify-between border-b border-[var(--line)] px-4 py-3">
        <h2 id="share-title" className="text-lg font-semibold">
          Share this view
        </h2>
        <button type="button" className="rounded-md border border-[var(--line)] px-2 py-1 text-sm" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      <div className="p-4">
        <div role="tablist" aria-label="Format" className="flex flex-wrap gap-2">
          {FORMATS.map((f) => (
            <button
              key={f}
              type="button"
              role="tab"
              aria-selected={format === f}
              aria-controls="share-content"
              className={`rounded-md border px-3 py-1 text-sm ${format === f ? 'border-[var(--focus)] font-semibold' : 'border-[var(--line)]'}`}
              onClick={() => setFormat(f)}
            >
              {LABEL[f]}
            </button>
          ))}
        </div>
        <div id="share-content" role="tabpanel" className="mt-3">
          <p className="text-sm muted">
            {format === 'link'
              ? 'The whole view is in the link: nothing is stored anywhere, and old links keep opening.'
              : format === 'text'
                ? 'ASCII, at most 72 columns (the link alone on its line, never wrapped): paste it inline in a mailing-list reply. Short: the registers, the trap, the link and the sources that state the layout. Full: every note and source.'
                : format === 'json'
                  ? 'A call’s shape in catalog.json, with the values used here and its sources written out.'
                  : format === 'c'
                    ? 'The call as the Linux kernel makes it, through the helper the sources name.'
                    : format === 'asm'
                      ? 'A freestanding function that pins every register explicitly; it compiles with GCC for its architecture.'
                      : format === 'picture'
                        ? 'The register diagram at this step, every pane of a comparison. The picture carries its link: drop it onto Trapscope to reopen this view.'
                        : 'An iframe for slides or a blog post: this view with minimal chrome and a link back to the full app.'}
          </p>
          {format === 'picture' ? (
            <div className="mt-2">
              <img
                alt={`Register diagram: ${plans[0]!.call.name} under ${plans[0]!.convention.name}`}
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(shown)}`}
                className="max-h-72 w-full rounded-lg border border-[var(--line)] bg-white object-contain"
                data-testid="share-picture"
              />
              <div className="mt-2 flex gap-2">
                <button
                  type="button"
                  className="rounded-lg border border-[var(--focus)] px-3 py-1.5 text-sm font-medium"
                  onClick={() => download(`${base}.svg`, new Blob([shown], { type: 'image/svg+xml' }))}
                >
                  Download SVG
                </button>
                <button
                  type="button"
                  className="rounded-lg border border-[var(--focus)] px-3 py-1.5 text-sm font-medium"
                  onClick={() => void svgToPng(shown, link).then((b) => download(`${base}.png`, b))}
                >
                  Download PNG
                </button>
              </div>
            </div>
          ) : (
            <>
              {format === 'text' && (
                <fieldset className="mt-2 flex flex-wrap items-center gap-3 text-sm">
                  <legend className="sr-only">Length</legend>
                  {TEXT_FORMS.map((f) => (
                    <label key={f} className="inline-flex items-center gap-1">
                      <input
                        type="radio"
                        name="text-form"
                        value={f}
                        checked={textForm === f}
                        onChange={() => setTextForm(f)}
                        className="accent-[var(--focus)]"
                      />
                      {f === 'short' ? 'Short (for a reply)' : 'Full (every note and source)'}
                    </label>
                  ))}
                  <span className="muted">{shown.split('\n').length - 1} lines</span>
                </fieldset>
              )}
              {/* wrap=off: a mail's 72-column table must keep its lines on a phone; the box scrolls sideways instead */}
              <textarea
                readOnly
                wrap="off"
                aria-label={LABEL[format]}
                className="mt-2 h-72 w-full overflow-auto rounded-lg border border-[var(--line)] bg-[var(--bg)] p-2 font-mono text-xs"
                value={shown}
                data-testid={`share-${format}`}
              />
            </>
          )}
          <div className={`mt-2 flex items-center gap-3 ${format === 'picture' ? 'hidden' : ''}`}>
            <button type="button" className="rounded-lg border border-[var(--focus)] px-3 py-1.5 text-sm font-medium" onClick={() => copy(format)}>
              Copy
            </button>
            <span role="status" className="text-sm">
              {copied === format ? 'Copied.' : ''}
            </span>
          </div>
        </div>
      </div>
    </dialog>
  );
}
