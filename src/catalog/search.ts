import { callFits, type Call } from '../model/call';
import type { Convention } from '../model/convention';
import { parseValue } from '../model/value';
import { catalog } from './index';

export interface CallHit {
  call: Call;
  /** Every convention the call can be made under, catalog order. */
  conventions: Convention[];
  /** Why it matched, for the result list. */
  matched: 'number' | 'name';
}

/**
 * Finds calls by name, id or number. A number (hex or decimal) matches a
 * call whose function id, call number or stated value is that number, so
 * typing 0xC4000003 finds PSCI CPU_ON.
 */
export function searchCalls(query: string, limit = 12): CallHit[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const asNumber = parseValue(q, 64, 'search');
  const words = q.split(/\s+/);
  const hits: CallHit[] = [];
  for (const call of catalog.calls) {
    const conventions = catalog.conventions.filter((c) => callFits(c, call));
    if (conventions.length === 0) continue;
    if (asNumber.ok && (call.number.value === asNumber.value || call.number.stated.value === asNumber.value)) {
      hits.push({ call, conventions, matched: 'number' });
      continue;
    }
    const hay = `${call.name} ${call.id} ${call.summary}`.toLowerCase();
    if (words.every((w) => hay.includes(w))) hits.push({ call, conventions, matched: 'name' });
  }
  hits.sort((a, b) => (a.matched === b.matched ? 0 : a.matched === 'number' ? -1 : 1));
  return hits.slice(0, limit);
}
