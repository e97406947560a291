import routes from 'virtual:trapscope-routes';
import { familyLoaders } from '../catalog/families';

// Maps, not the records themselves: ids come from links, and 'constructor' is no call.
const keyOfConvention = new Map(Object.entries(routes.conventionKeys));
const keyOfCall = new Map(Object.entries(routes.callKeys));
const callFamilies = new Map(Object.entries(routes.callFamilies));
const conventionAliases = new Map(Object.entries(routes.aliases.conventions));
const callAliases = new Map(Object.entries(routes.aliases.calls));

/**
 * The families a view of these conventions and calls needs: those that hold
 * them, and the families of every call that fits a convention of those
 * families (the routes say which), so the call pickers are complete. Ids no
 * family holds are left out, for the decoder to report.
 */
export function familyKeys(conventions: Iterable<string>, calls: Iterable<string> = []): Set<string> {
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
  return keys;
}

/**
 * Starts fetching the families of every convention or call id written in a link, before the app has run
 * (src/boot/main.tsx): the link is decoded only once the app's chunk is evaluated, and its families would be
 * fetched only then. Any word of the link that is an id counts, whatever the link's format version; a word that
 * only looks like one costs a fetch, nothing more. The decoder still decides what the link shows.
 */
export function prefetchFamilies(link: string): void {
  let text = link;
  try {
    text = decodeURIComponent(link);
  } catch {
    // A malformed escape: its words are read as they are, and the decoder reports the link.
  }
  const words = text.split(/[^\w.-]+/);
  for (const key of familyKeys(words, words)) if (key in familyLoaders) void familyLoaders[key as keyof typeof familyLoaders]().catch(() => {});
}
