/**
 * What a link shows while its families load: the pre-rendered default view is
 * hidden under a link (public/first-paint.js), and a blank page on a slow
 * network says nothing. Shown only after a moment (.after-a-moment), so a
 * link that opens at once does not flash it.
 */
export function OpeningLink() {
  return (
    <main className="mx-auto max-w-[1400px] p-3 sm:p-4">
      <p role="status" className="after-a-moment muted">
        Opening the linked view…
      </p>
    </main>
  );
}
