import { formatHex } from '../model/value';
import { callsFor, catalog, familyKeyOf } from './index';

/**
 * What the page must know about every convention and call before loading
 * their families: ids, names, numbers and where each lives. Built from the
 * full catalog at build time (virtual:trapscope-manifest), so it cannot
 * drift from the data.
 */
export interface ManifestConvention {
  id: string;
  name: string;
  familyName: string;
  key: string;
}

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
  calls: ManifestCall[];
  aliases: { conventions: Record<string, string>; calls: Record<string, string> };
}

export function buildManifest(): Manifest {
  return {
    conventions: catalog.conventions.map((c) => ({ id: c.id, name: c.name, familyName: c.familyName, key: familyKeyOf('conv', c.id)! })),
    calls: catalog.calls
      .map((call) => ({
        id: call.id,
        name: call.name,
        number: formatHex(call.number.value),
        stated: formatHex(call.number.stated.value),
        key: familyKeyOf('call', call.id)!,
        conventions: catalog.conventions.filter((c) => callsFor(c).includes(call)).map((c) => c.id),
      }))
      .filter((c) => c.conventions.length > 0),
    aliases: { conventions: { ...catalog.aliases.conventions }, calls: { ...catalog.aliases.calls } },
  };
}
