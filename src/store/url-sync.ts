import { encodePermalink } from '../share/permalink';
import { defValues } from './custom-links';
import { useApp, type AppState } from './store';

/** The link for the view on screen, with the definitions of any custom convention in it. */
export function linkFor({ view, defs }: Pick<AppState, 'view' | 'defs'>): string {
  return encodePermalink(view, defValues(defs, view.kind === 'single' ? [view.convention] : view.panes.map((p) => p.convention)));
}

/**
 * The URL fragment is the single source of truth for what is on screen.
 * Choosing a convention or call adds a history entry (so Back walks through
 * them); stepping and editing replace the current one, so playing a call
 * does not flood the history.
 */
export async function startUrlSync(win: Window): Promise<() => void> {
  // With no link, the view on screen is what the address gets: the default one, perhaps already stepped through
  // on the pre-rendered page before the address was synced.
  await useApp.getState().openLink(win.location.hash.length > 1 ? win.location.hash : linkFor(useApp.getState()));
  const opened = linkFor(useApp.getState());
  if (win.location.hash !== opened) win.history.replaceState(null, '', opened);

  const unsubscribe = useApp.subscribe((s, prev) => {
    if (s.view === prev.view) return;
    const hash = linkFor(s);
    if (hash === win.location.hash) return;
    if (s.history === 'push') win.history.pushState(null, '', hash);
    else win.history.replaceState(null, '', hash);
  });

  const onPop = () => {
    if (win.location.hash !== linkFor(useApp.getState())) void useApp.getState().openLink(win.location.hash);
  };
  win.addEventListener('popstate', onPop);
  win.addEventListener('hashchange', onPop);
  return () => {
    unsubscribe();
    win.removeEventListener('popstate', onPop);
    win.removeEventListener('hashchange', onPop);
  };
}
