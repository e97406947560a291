import type { Call } from '../model/call';
import type { Convention } from '../model/convention';

/** What each convention family's module contributes to the catalog. */
export interface Family {
  conventions: readonly Convention[];
  calls: readonly Call[];
}

export const emptyFamily: Family = { conventions: [], calls: [] };
