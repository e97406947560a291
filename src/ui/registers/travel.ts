import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { Step } from '../../model/plan';
import { formatHex } from '../../model/value';
import { motionMs, motionReduced } from '../player/motion';

/** An element that is drawn (display: none and presenter-hidden panels have no boxes). */
function shown(scope: ParentNode, selector: string): Element | null {
  const el = scope.querySelector(selector);
  return el && el.getClientRects().length > 0 ? el : null;
}

/**
 * Moving forward one step, each value written flies from where it comes from
 * (its argument box, else the caller's lane; the callee's lane for results)
 * into its register, and the register shows the value when it lands. The
 * flight lasts longer at slower speeds. Readers who prefer reduced motion get
 * the highlight alone, and the value at once.
 */
export function useTravel(step: Step, guestLevel: string, within: RefObject<HTMLElement | null>): void {
  const before = useRef(step.index);
  // A layout effect: the register hides its new value before the page is painted with it.
  useLayoutEffect(() => {
    const forward = step.index === before.current + 1;
    before.current = step.index;
    if (!forward || motionReduced()) return;
    // A pane of a comparison has its own lanes and cells: look inside it first.
    const scope: ParentNode = within.current?.closest('[data-pane]') ?? document;
    const flights: { chip: HTMLElement; cell: HTMLElement }[] = [];
    for (const w of step.writes) {
      if (w.value === undefined) continue;
      const from =
        w.by === 'caller'
          ? (shown(document, `[data-travel-from="${w.label}"]`) ?? shown(scope, `[data-level="${guestLevel}"]`))
          : shown(scope, `[data-level="${step.level}"]`);
      const cell = shown(scope, `[data-cell="${w.cell}"]`) as HTMLElement | null;
      if (!from || !cell) continue;
      const a = from.getBoundingClientRect();
      const b = cell.getBoundingClientRect();
      const chip = document.createElement('span');
      chip.className = 'travel-chip';
      chip.textContent = formatHex(w.value);
      chip.style.left = `${a.left + 8}px`;
      chip.style.top = `${a.top + 8}px`;
      chip.setAttribute('aria-hidden', 'true');
      document.body.appendChild(chip);
      cell.dataset.arriving = 'true';
      flights.push({ chip, cell });
      const land = () => {
        chip.remove();
        delete cell.dataset.arriving;
      };
      chip
        .animate(
          [
            { transform: 'translate(0, 0) scale(1.15)' },
            { transform: `translate(${b.left - a.left}px, ${b.top - a.top}px) scale(1)` },
          ],
          { duration: motionMs(900), easing: 'cubic-bezier(0.45, 0.05, 0.25, 1)' },
        )
        .finished.then(land, land);
    }
    return () =>
      flights.forEach(({ chip, cell }) => {
        chip.remove();
        delete cell.dataset.arriving;
      });
  }, [step, guestLevel, within]);
}
