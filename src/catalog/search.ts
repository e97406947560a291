import { parseValue } from '../model/value';
import type { ManifestCall } from './manifest';

export interface CallHit {
  call: ManifestCall;
  /** Why it matched, for the result list. */
  matched: 'number' | 'name';
}

/**
 * Finds calls by name, id or number in the manifest, so that families not
 * loaded yet are found too. A number (hex or decimal) matches a call whose
 * function id, call number or stated value is that number: typing
 * 0xC4000003 finds PSCI CPU_ON.
 */
export function searchCalls(query: string, calls: readonly ManifestCall[], limit = 12): CallHit[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const asNumber = parseValue(q, 64, 'search');
  const words = q.split(/\s+/);
  const hits: CallHit[] = [];
  for (const call of calls) {
    if (asNumber.ok && (BigInt(call.number) === asNumber.value || BigInt(call.stated) === asNumber.value)) {
      hits.push({ call, matched: 'number' });
      continue;
    }
    const hay = `${call.name} ${call.id}`.toLowerCase();
    if (words.every((w) => hay.includes(w))) hits.push({ call, matched: 'name' });
  }
  hits.sort((a, b) => (a.matched === b.matched ? 0 : a.matched === 'number' ? -1 : 1));
  return hits.slice(0, limit);
}
