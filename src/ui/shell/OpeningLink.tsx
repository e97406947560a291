import { Header } from './Header';
import { LoadFailed } from './LoadFailed';

/**
 * What the page shows in the phases 'opening' and 'failed' (src/boot/boot.ts):
 * the pre-rendered default view is hidden under a link
 * (public/first-paint.js), and a blank page on a slow network says nothing. Drawn only when a link is slow to
 * open (src/boot/boot.ts), so a link that opens at once does not flash it. The page's header comes with
 * it, its controls disabled (Share would offer the default view's link), but
 * not in a frame, where the link is most likely an embedded view without
 * one. `failed`: a part of the app did not arrive.
 */
export function OpeningLink({ failed = false }: { failed?: boolean }) {
  return (
    <>
      {window.self === window.top && (
        <fieldset disabled className="contents">
          <Header />
        </fieldset>
      )}
      <main className="mx-auto max-w-[1400px] p-3 sm:p-4">
        {failed ? (
          <LoadFailed what="Trapscope could not open this link: a part of it" />
        ) : (
          <p role="status" className="muted">
            Trapscope is opening the linked view…
          </p>
        )}
      </main>
    </>
  );
}
