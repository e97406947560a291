import manifest from 'virtual:trapscope-manifest';
import { loadFamilies } from '../catalog/families';
import type { ManifestConvention } from '../catalog/manifest';
import { customConventions } from './custom-links';

export { manifest };

const keyOfConvention = new Map(manifest.conventions.map((c) => [c.id, c.key]));
// Maps, not the records themselves: ids come from links, and 'constructor' is no call.
const keyOfCall = new Map(Object.entries(manifest.callKeys));
const callFamilies = new Map(Object.entries(manifest.callFamilies));

/** Conventions grouped for the pickers by family name (the eras of one ABI together), loaded or not. */
export function conventionGroups(): { name: string; conventions: ManifestConvention[] }[] {
  const groups = new Map<string, ManifestConvention[]>();
  for (const c of manifest.conventions) groups.set(c.familyName, [...(groups.get(c.familyName) ?? []), c]);
  const custom = customConventions().map((c) => ({ id: c.id, name: c.name, familyName: c.familyName, key: 'custom' }));
  if (custom.length) groups.set('Custom (unverified)', custom);
  return [...groups.entries()].map(([name, conventions]) => ({ name, conventions }));
}

/**
 * Loads what a view of these conventions and calls needs: the families that
 * hold them, and the families of every call that fits a convention of those
 * families (the manifest says which), so the call pickers are complete. The
 * one way every store action loads data. Ids no family holds are left for
 * the decoder to report.
 */
export function ensureLoaded(conventions: Iterable<string>, calls: Iterable<string> = []): Promise<void> {
  const keys = new Set<string>();
  for (const id of conventions) {
    const key = keyOfConvention.get(manifest.aliases.conventions[id] ?? id);
    if (key) keys.add(key);
  }
  for (const id of calls) {
    const key = keyOfCall.get(manifest.aliases.calls[id] ?? id);
    if (key) keys.add(key);
  }
  // A Set's iteration also visits what is added during it, so this follows the call families of call families too.
  for (const key of keys) for (const more of callFamilies.get(key) ?? []) keys.add(more);
  return loadFamilies(keys);
}
