import { useEffect, useRef } from 'react';
import type { Step } from '../../model/plan';
import { formatHex } from '../../model/value';

/**
 * Moving forward one step, each value written flies from where it came from
 * (its argument box, or the level that handled the call) into its register.
 * Readers who prefer reduced motion get the highlight alone.
 */
export function useTravel(step: Step): void {
  const prev = useRef(step.index);
  useEffect(() => {
    const forward = step.index === prev.current + 1;
    prev.current = step.index;
    if (!forward || window.matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    const chips: HTMLElement[] = [];
    for (const w of step.writes) {
      if (w.value === undefined) continue;
      const from = document.querySelector(w.by === 'caller' ? `[data-travel-from="${w.label}"]` : `[data-level="${step.level}"]`);
      const to = document.querySelector(`[data-cell="${w.cell}"]`);
      if (!from || !to) continue;
      const a = from.getBoundingClientRect();
      const b = to.getBoundingClientRect();
      const chip = document.createElement('span');
      chip.className = 'travel-chip';
      chip.textContent = formatHex(w.value);
      chip.style.left = `${a.left + 8}px`;
      chip.style.top = `${a.top + 8}px`;
      chip.setAttribute('aria-hidden', 'true');
      document.body.appendChild(chip);
      chips.push(chip);
      chip
        .animate(
          [
            { transform: 'translate(0, 0)', opacity: 1 },
            { transform: `translate(${b.left - a.left}px, ${b.top - a.top}px)`, opacity: 0.2 },
          ],
          {
            duration: 550,
            easing: 'cubic-bezier(0.3, 0.7, 0.2, 1)',
          },
        )
        .finished.catch(() => undefined)
        .finally(() => chip.remove());
    }
    return () => chips.forEach((c) => c.remove());
  }, [step]);
}
