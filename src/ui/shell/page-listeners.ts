import { useEffect } from 'react';
import { loadOnce } from '../load-once';

type Listen = (win: Window) => () => void;

const listeners = loadOnce<Listen[]>(() =>
  Promise.all([import('./keyboard'), import('./drop')]).then(([keys, drops]) => [keys.listenToKeys, drops.listenToDrops]),
);

/**
 * Fetches the keyboard shortcuts and file drops, once. Not in the first load
 * (both answer a person's action, never the first paint); start.tsx asks for
 * them at once, so they are there by the time the page is drawn.
 */
export const loadPageListeners = listeners.load;

/** Installs the page's keyboard shortcuts and file drops while the page is mounted. */
export function usePageListeners(): void {
  useEffect(() => {
    let stops: (() => void)[] | undefined;
    let unmounted = false;
    const install = (all: Listen[]) => {
      if (!unmounted) stops = all.map((listen) => listen(window));
    };
    // Already fetched (the usual case): installed in this same effect, so no key pressed after it is missed.
    const ready = listeners.loaded();
    if (ready) install(ready);
    else void listeners.load().then(install);
    return () => {
      unmounted = true;
      for (const stop of stops ?? []) stop();
    };
  }, []);
}
