import manifest from 'virtual:trapscope-manifest';
import type { Catalog } from '../catalog';
import type { ConventionGroup } from '../catalog/manifest';
import { customConventions } from './custom-links';

export { manifest };

/** Conventions grouped for the pickers by family name (the eras of one ABI together), loaded or not. */
export function conventionGroups(cat: Catalog): ConventionGroup[] {
  const custom = customConventions(cat).map((c) => ({ id: c.id, name: c.name }));
  return custom.length ? [...manifest.groups, { name: 'Custom (unverified)', conventions: custom }] : manifest.groups;
}
