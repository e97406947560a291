import { useEffect } from 'react';

/**
 * The page's keyboard shortcuts and file drops. Their code is not in the
 * first load: both answer a person's action, never the first paint, and
 * arrive a moment after the page is drawn (or adopted).
 */
export function usePageListeners(): void {
  useEffect(() => {
    let stopped = false;
    const stops: (() => void)[] = [];
    void Promise.all([import('./keyboard'), import('./drop')]).then(([keys, drops]) => {
      if (!stopped) stops.push(keys.listenToKeys(window), drops.listenToDrops(window));
    });
    return () => {
      stopped = true;
      for (const stop of stops) stop();
    };
  }, []);
}
