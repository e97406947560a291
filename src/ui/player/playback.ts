import { useEffect } from 'react';
import { useApp } from '../../store/store';

/** Advances one step per tick while playing; stops at the last step. CSS motion reads the speed from --motion-scale. */
export function usePlayback(): void {
  const playing = useApp((s) => s.playing);
  const speed = useApp((s) => s.speed);
  useEffect(() => {
    // At the normal speed the stylesheet's default (1) holds and nothing is set: a property set on <html> makes the
    // browser restyle the whole page, which on start-up is a long task for nothing.
    const style = document.documentElement.style;
    if (speed === 1) style.removeProperty('--motion-scale');
    else style.setProperty('--motion-scale', String(1 / speed));
  }, [speed]);
  useEffect(() => {
    if (!playing) return;
    const id = window.setInterval(() => {
      const app = useApp.getState();
      if (app.view.step >= app.moments.length - 1) app.setPlaying(false);
      else app.stepBy(1);
    }, 1400 / speed);
    return () => window.clearInterval(id);
  }, [playing, speed]);
}
