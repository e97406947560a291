import type { CellState } from './plan';
import { formatHex } from './value';

/** What a cell holds, in words where there is no value: one wording for the screen, the text and the picture. */
export function cellValue(c: CellState): string {
  if (c.value !== undefined) return formatHex(c.value);
  if (c.role === 'result') return 'pending';
  if (c.role === 'clobbered') return 'unknown';
  if (c.role === 'preserved') return 'kept';
  return '—';
}
