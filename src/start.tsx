import { StrictMode, startTransition, type ReactNode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { hasStoredDefinitions } from './store/custom-links';
import { App } from './ui/App';
import { Committed } from './ui/committed';
import { FirstScreenFirst, loadPanels, panelsDrawn } from './ui/deferred';
import { OpeningLink } from './ui/shell/OpeningLink';
import { loadPageListeners } from './ui/shell/page-listeners';
import { loadTheme } from './ui/shell/theme';

/**
 * Starts the app in `root`. `shown`: the pre-rendered default view is on screen (no link), so React may adopt
 * it, if it is exactly what the first render draws.
 */
export async function start(root: HTMLElement, win: Window, shown: boolean): Promise<void> {
  loadTheme();
  const panels = loadPanels();
  void loadPageListeners();
  // The address is read and written by the permalink codec, which the pre-rendered view needs only once adopted.
  const syncUrl = () => import('./store/url-sync').then((m) => m.startUrlSync(win));
  const app = (
    <StrictMode>
      <App />
    </StrictMode>
  );
  // With no stored convention to add to the pickers, the first render is the store's initial state, which is
  // what the build pre-rendered (src/prerender.tsx).
  if (shown && !hasStoredDefinitions()) {
    // As a transition, hydration yields to the browser between components instead of holding the main thread.
    // The link is synced only once it is done, so the page is adopted exactly as built before anything changes
    // (syncing loads more calls into the pickers).
    await new Promise<void>((adopted) => startTransition(() => void hydrateRoot(root, <Committed onCommit={adopted}>{app}</Committed>)));
    // The deferred panels are adopted each on its own as their chunk arrives; the page is live once they are
    // too (tests and the benchmark wait for this).
    await panelsDrawn();
    delete root.dataset.prerendered;
    await syncUrl();
    return;
  }
  const reactRoot = createRoot(root);
  const draw = (node: ReactNode) => {
    if (root.dataset.prerendered !== undefined) {
      root.replaceChildren();
      delete root.dataset.prerendered;
    }
    reactRoot.render(node);
  };
  // Under a link the pre-rendered view is hidden: while the link's families load, a status says what is
  // happening, and React's own start-up (its first render) is done by the time the view is drawn.
  if (!shown) draw(<OpeningLink />);
  try {
    // The families a link names load before the view is drawn, so a permalink never flashes another view.
    if (hasStoredDefinitions()) await (await import('./store/custom')).loadStoredDefinitions();
    // The deferred panels' chunk too, so that no part of the view waits on it: the first render draws the first
    // screen, and the panels below it follow at once (FirstScreenFirst).
    await Promise.all([syncUrl(), panels]);
  } catch (error) {
    draw(<OpeningLink failed />);
    throw error;
  }
  draw(<FirstScreenFirst value>{app}</FirstScreenFirst>);
}
