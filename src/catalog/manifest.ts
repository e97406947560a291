import { formatHex } from '../model/value';
import { callsFor, catalog, familyKeyOf } from './index';

/**
 * What the page must know about every convention and call before loading
 * their families: ids, names and where each lives (Manifest), and, for the
 * call search only, every call's name and numbers (the call index). Built from
 * the full catalog at build time (virtual:trapscope-manifest and
 * virtual:trapscope-calls), so neither can drift from the data.
 */
export interface ManifestConvention {
  id: string;
  name: string;
  familyName: string;
  key: string;
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
  conventions: ManifestConvention[];
  /** The family key of each call. */
  callKeys: Record<string, string>;
  /**
   * For each family, the other families holding calls that fit its
   * conventions (for SMCCC: 'smccc-more', the less-used SMCCC calls).
   */
  callFamilies: Record<string, string[]>;
  aliases: { conventions: Record<string, string>; calls: Record<string, string> };
}

/** The calls the pickers and search can reach: those that fit some convention. */
export function buildCallIndex(): ManifestCall[] {
  return catalog.calls
    .map((call) => ({
      id: call.id,
      name: call.name,
      number: formatHex(call.number.value),
      stated: formatHex(call.number.stated.value),
      key: familyKeyOf('call', call.id)!,
      conventions: catalog.conventions.filter((c) => callsFor(c).includes(call)).map((c) => c.id),
    }))
    .filter((c) => c.conventions.length > 0);
}

/** `calls`: the call index, when the caller has built it already. */
export function buildManifest(calls = buildCallIndex()): Manifest {
  const keyOfConvention = (id: string) => familyKeyOf('conv', id)!;
  const callFamilies: Record<string, string[]> = {};
  for (const call of calls) {
    for (const key of new Set(call.conventions.map(keyOfConvention))) {
      if (key !== call.key && !callFamilies[key]?.includes(call.key)) callFamilies[key] = [...(callFamilies[key] ?? []), call.key];
    }
  }
  return {
    conventions: catalog.conventions.map((c) => ({ id: c.id, name: c.name, familyName: c.familyName, key: keyOfConvention(c.id) })),
    callKeys: Object.fromEntries(calls.map((c) => [c.id, c.key])),
    callFamilies,
    aliases: { conventions: { ...catalog.aliases.conventions }, calls: { ...catalog.aliases.calls } },
  };
}
