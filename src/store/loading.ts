import manifest from 'virtual:trapscope-manifest';
import { loadFamilies } from '../catalog/families';
import type { ManifestConvention } from '../catalog/manifest';
import { customConventions } from './custom-links';

export { manifest };

const keyOfConvention = new Map(manifest.conventions.map((c) => [c.id, c.key]));

/** Conventions grouped for the pickers by family name (the eras of one ABI together), loaded or not. */
export function conventionGroups(): { name: string; conventions: ManifestConvention[] }[] {
  const groups = new Map<string, ManifestConvention[]>();
  for (const c of manifest.conventions) groups.set(c.familyName, [...(groups.get(c.familyName) ?? []), c]);
  const custom = customConventions().map((c) => ({ id: c.id, name: c.name, familyName: c.familyName, key: 'custom' }));
  if (custom.length) groups.set('Custom (unverified)', custom);
  return [...groups.entries()].map(([name, conventions]) => ({ name, conventions }));
}

/** Loads the families that hold these conventions; ids no family holds are left for the decoder to report. */
export function ensureConventions(ids: Iterable<string>): Promise<void> {
  const keys = [...ids].map((id) => keyOfConvention.get(manifest.aliases.conventions[id] ?? id)).filter((k): k is string => k !== undefined);
  return loadFamilies(keys);
}
