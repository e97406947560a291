import { useEffect } from 'react';
import { useApp } from '../../store/store';

/** Whether presenter mode asked for full screen, so that leaving full screen (the browser's own Esc) leaves it too. */
let ours = false;

/**
 * Enter or leave presenter mode. Entering asks for full screen, which a
 * browser grants only in answer to a click or a key; when it refuses (a link
 * opened with present=1, an iframe without allowfullscreen) presenter mode
 * works in the window as it is.
 */
export function togglePresenter(on: boolean): void {
  useApp.getState().setPresent(on);
  const root = document.documentElement;
  if (on && !document.fullscreenElement && root.requestFullscreen) {
    root.requestFullscreen().then(
      () => (ours = true),
      () => (ours = false),
    );
  } else if (!on && document.fullscreenElement && ours) {
    ours = false;
    void document.exitFullscreen().catch(() => undefined);
  }
}

/** Leaving the full screen presenter mode asked for (Esc, which the browser keeps for itself there) leaves presenter mode. */
export function useLeaveWithFullscreen(): void {
  useEffect(() => {
    const onChange = () => {
      if (document.fullscreenElement || !ours) return;
      ours = false;
      if (useApp.getState().view.present) useApp.getState().setPresent(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
}
