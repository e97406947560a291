import routes from 'virtual:trapscope-routes';
import type { Catalog } from '../catalog';
import { loadFamilies } from '../catalog/families';

// Maps, not the records themselves: ids come from links, and 'constructor' is no call.
const keyOfConvention = new Map(Object.entries(routes.conventionKeys));
const keyOfCall = new Map(Object.entries(routes.callKeys));
const callFamilies = new Map(Object.entries(routes.callFamilies));
const conventionAliases = new Map(Object.entries(routes.aliases.conventions));
const callAliases = new Map(Object.entries(routes.aliases.calls));

/**
 * Loads what a view of these conventions and calls needs: the families that
 * hold them, and the families of every call that fits a convention of those
 * families (the routes say which), so the call pickers are complete. The
 * one way every store action loads data. Ids no family holds are left for
 * the decoder to report. Not in the first load (store.ts imports it when
 * an action first needs it): the default view's family is there already.
 */
export function ensureLoaded(cat: Catalog, conventions: Iterable<string>, calls: Iterable<string> = []): Promise<Catalog> {
  const keys = new Set<string>();
  for (const id of conventions) {
    const key = keyOfConvention.get(conventionAliases.get(id) ?? id);
    if (key) keys.add(key);
  }
  for (const id of calls) {
    const key = keyOfCall.get(callAliases.get(id) ?? id);
    if (key) keys.add(key);
  }
  // A Set's iteration also visits what is added during it, so this follows the call families of call families too.
  for (const key of keys) for (const more of callFamilies.get(key) ?? []) keys.add(more);
  return loadFamilies(cat, keys);
}
