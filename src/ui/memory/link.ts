/** Brings a register cell into view and points at it briefly: the link from a memory argument to the cell carrying its address. */
export function showCell(cell: string): void {
  const el = document.querySelector<HTMLElement>(`[data-testid="register-file"] [data-cell="${CSS.escape(cell)}"], [data-testid="msr-cell"]`);
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.setAttribute('data-pointed', 'true');
  window.setTimeout(() => el.removeAttribute('data-pointed'), 1500);
}

/** Brings a memory argument into view: the link from the register cell that carries its address. */
export function showMemory(index: number): void {
  document.getElementById(`memory-${index}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}
