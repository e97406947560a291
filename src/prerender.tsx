import { renderToString } from 'react-dom/server';
import { App } from './ui/App';
import { Committed } from './ui/committed';
import { loadPanels } from './ui/deferred';

// With the panels chunk loaded first, no boundary suspends: each deferred panel is rendered in place, marked as a
// Suspense boundary that the page can hydrate on its own (and while the build's module runner is still open).
await loadPanels();

/**
 * The default view as HTML, written into index.html at build time so the
 * first paint needs no script; main.tsx then hydrates it. Rendered from the
 * store's initial state, which is what the page starts from too.
 */
export function prerender(): string {
  // The tree start.tsx adopts: the page in a Committed of its own (its controls wait for that).
  return renderToString(
    <Committed onCommit={() => {}}>
      <App />
    </Committed>,
  );
}
