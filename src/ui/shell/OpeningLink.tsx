/**
 * What a link shows while its families load: the pre-rendered default view is
 * hidden under a link (public/first-paint.js), and a blank page on a slow
 * network says nothing. Shown only after a moment (.after-a-moment), so a
 * link that opens at once does not flash it. `failed`: a part of the app did
 * not arrive (a first visit that lost the network), which only a reload can
 * mend.
 */
export function OpeningLink({ failed = false }: { failed?: boolean }) {
  return (
    <main className="mx-auto max-w-[1400px] p-3 sm:p-4">
      {failed ? (
        <div role="alert" className="space-y-2">
          <p>Trapscope could not open this link: a part of it did not load. Are you offline?</p>
          <button type="button" className="rounded-lg border border-[var(--focus)] px-3 py-1.5 text-sm font-semibold" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      ) : (
        <p role="status" className="after-a-moment muted">
          Trapscope is opening the linked view…
        </p>
      )}
    </main>
  );
}
