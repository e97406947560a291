import { observedLines, type ObservedData, type ObservedLine } from '../model/observed';
import type { Plan } from '../model/plan';
import raw from './observed.json';
import { OBSERVED_NOTES, PLATFORM_NAMES } from './observed-notes';

/**
 * What `npm run check:cpu` saw calls do on emulated CPUs: observed.json,
 * which the check writes (`-- --write`) and compares. It is the project's
 * own file, not a reader's input: the type checker holds it to
 * ObservedData here, and observed-schema.ts's decoder checks its values in
 * a unit test, so no decoder (and no schema library) rides in the first load.
 */
export const observed: ObservedData = raw;

/** What was observed of this plan's call, as lines to show beside its sources; conventionName names the other conventions it was made with. */
export function observedFor(plan: Plan, conventionName: (id: string) => string): ObservedLine[] {
  return observedLines(plan, observed, OBSERVED_NOTES, PLATFORM_NAMES, conventionName);
}
