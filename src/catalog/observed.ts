import { observedLines, type ObservedData, type ObservedLine } from '../model/observed';
import type { Plan } from '../model/plan';
import first from 'virtual:trapscope-observed';
import { OBSERVED_NOTES, PLATFORM_NAMES } from './observed-notes';

/**
 * What `npm run check:cpu` saw calls do on emulated CPUs: observed.json,
 * which the check writes (`-- --write`) and compares. It is the project's
 * own file, not a reader's input: the build splits it (src/share/build-data.ts)
 * and observed-schema.ts's decoder checks its values in a unit test, so no
 * decoder (and no schema library) rides in the first load. The runs of the
 * first load's calls come with the first load, for the default view; the
 * rest are a chunk of their own, loaded with the families (the store's
 * ensureLoaded), so a link's view does not wait for them to be evaluated
 * before the app can start.
 */
export const firstObserved: ObservedData = first;

let all: Promise<ObservedData> | undefined;

/** Every run: the first load's and the rest. A chunk that cannot arrive is tried again next time. */
export function loadObserved(): Promise<ObservedData> {
  all ??= import('virtual:trapscope-observed-more').then(
    ({ default: more }) => ({ platforms: first.platforms, observations: [...first.observations, ...more] }),
    (error: unknown) => {
      all = undefined;
      throw error;
    },
  );
  return all;
}

/** What was observed of this plan's call, as lines to show beside its sources; conventionName names the other conventions it was made with. */
export function observedFor(plan: Plan, data: ObservedData, conventionName: (id: string) => string): ObservedLine[] {
  return observedLines(plan, data, OBSERVED_NOTES, PLATFORM_NAMES, conventionName);
}
