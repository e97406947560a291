import { formatHex } from '../model/value';
import { ALIASES, callsFor, familyKeyOf, type Catalog } from './index';

/**
 * What the page must know about every convention and call before loading
 * their families: the conventions' names for the pickers (Manifest), which
 * family holds each id for loading them (Routes), and, for the call search,
 * every call's name and numbers (the call index). Built from the full catalog
 * at build time (virtual:trapscope-manifest, -routes and -calls), so none can
 * drift from the data; the manifest and the routes are in the first load.
 */
export interface ManifestConvention {
  id: string;
  name: string;
}

/** The conventions of one family name (the eras of one ABI), as the pickers group them. */
export interface ConventionGroup {
  name: string;
  conventions: ManifestConvention[];
}

/** One call as the search lists it. */
export interface ManifestCall {
  id: string;
  name: string;
  /** Hex: the number the model builds, and the value its source states. */
  number: string;
  stated: string;
  key: string;
  conventions: string[];
}

export interface Manifest {
  groups: ConventionGroup[];
}

export interface Routes {
  /** The family key of each convention and call. */
  conventionKeys: Record<string, string>;
  callKeys: Record<string, string>;
  /**
   * For each family, the other families holding calls that fit its
   * conventions (for SMCCC: 'smccc-more', the less-used SMCCC calls).
   */
  callFamilies: Record<string, string[]>;
  aliases: { conventions: Record<string, string>; calls: Record<string, string> };
}

/** The calls the pickers and search can reach: those that fit some convention. */
export function buildCallIndex(catalog: Catalog): ManifestCall[] {
  return catalog.calls
    .map((call) => ({
      id: call.id,
      name: call.name,
      number: formatHex(call.number.value),
      stated: formatHex(call.number.stated.value),
      key: familyKeyOf(catalog, 'call', call.id)!,
      conventions: catalog.conventions.filter((c) => callsFor(catalog, c).includes(call)).map((c) => c.id),
    }))
    .filter((c) => c.conventions.length > 0);
}

export function buildManifest(catalog: Catalog): Manifest {
  const groups = new Map<string, ManifestConvention[]>();
  for (const c of catalog.conventions) groups.set(c.familyName, [...(groups.get(c.familyName) ?? []), { id: c.id, name: c.name }]);
  return { groups: [...groups].map(([name, conventions]) => ({ name, conventions })) };
}

/** `calls`: the call index, when the caller has built it already. */
export function buildRoutes(catalog: Catalog, calls = buildCallIndex(catalog)): Routes {
  const keyOfConvention = (id: string) => familyKeyOf(catalog, 'conv', id)!;
  const callFamilies: Record<string, string[]> = {};
  for (const call of calls) {
    for (const key of new Set(call.conventions.map(keyOfConvention))) {
      if (key !== call.key && !callFamilies[key]?.includes(call.key)) callFamilies[key] = [...(callFamilies[key] ?? []), call.key];
    }
  }
  return {
    conventionKeys: Object.fromEntries(catalog.conventions.map((c) => [c.id, keyOfConvention(c.id)])),
    callKeys: Object.fromEntries(calls.map((c) => [c.id, c.key])),
    callFamilies,
    aliases: { conventions: { ...ALIASES.conventions }, calls: { ...ALIASES.calls } },
  };
}
