import { encodePermalink } from '../share/permalink';
import type { ViewState } from '../share/view';
import { defValues } from './custom-links';

/** The link for a view, with the definitions of any custom convention on screen. */
export function linkFor(view: ViewState): string {
  return encodePermalink(view, defValues(view.kind === 'single' ? [view.convention] : view.panes.map((p) => p.convention)));
}
import { useApp } from './store';

/**
 * The URL fragment is the single source of truth for what is on screen.
 * Choosing a convention or call adds a history entry (so Back walks through
 * them); stepping and editing replace the current one, so playing a call
 * does not flood the history.
 */
export async function startUrlSync(win: Window): Promise<() => void> {
  // With no link, the view on screen is what the address gets: the default one, perhaps already stepped through
  // on the pre-rendered page before the address was synced.
  await useApp.getState().openLink(win.location.hash.length > 1 ? win.location.hash : linkFor(useApp.getState().view));
  const opened = linkFor(useApp.getState().view);
  if (win.location.hash !== opened) win.history.replaceState(null, '', opened);

  const unsubscribe = useApp.subscribe((s, prev) => {
    if (s.view === prev.view) return;
    const hash = linkFor(s.view);
    if (hash === win.location.hash) return;
    if (s.history === 'push') win.history.pushState(null, '', hash);
    else win.history.replaceState(null, '', hash);
  });

  const onPop = () => {
    if (win.location.hash !== linkFor(useApp.getState().view)) void useApp.getState().openLink(win.location.hash);
  };
  win.addEventListener('popstate', onPop);
  win.addEventListener('hashchange', onPop);
  return () => {
    unsubscribe();
    win.removeEventListener('popstate', onPop);
    win.removeEventListener('hashchange', onPop);
  };
}
