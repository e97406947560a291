import { useApp } from '../../store/store';

/** How long a movement lasts at this speed: base milliseconds at 1×, twice as long at 0.5×. */
export function motionMs(base: number): number {
  return base / useApp.getState().speed;
}

/** Readers who ask for less motion get highlights alone: nothing is animated for them. */
export function motionReduced(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
