import type { Plugin } from 'vite';
import { loadBuildData } from './build-data.ts';

type BuildData = Awaited<ReturnType<typeof loadBuildData>>;

/** The virtual modules and what each holds of the full catalog (their types: src/virtual.d.ts). */
export const VIRTUAL_MODULES: ReadonlyMap<string, (data: BuildData) => unknown> = new Map<string, (data: BuildData) => unknown>([
  ['virtual:trapscope-manifest', (data) => data.manifest],
  ['virtual:trapscope-routes', (data) => data.routes],
  ['virtual:trapscope-calls', (data) => data.callIndex],
  ['virtual:trapscope-observed', (data) => data.observedFirst],
  ['virtual:trapscope-observed-more', (data) => data.observedMore],
]);

/** The id Rollup knows a virtual module by (the \0 keeps other plugins off it). */
export const resolvedId = (source: string): string => `\0${source}`;

/**
 * The manifest of every convention (ids and names for the pickers), the routes
 * (which family chunk holds each convention and call), the call index the
 * search reads and the runs on emulated CPUs, built from the full catalog so
 * the page can list and search everything while loading only the families it
 * shows. Only the manifest and the runs of the first load's calls are in the
 * first load; the routes go with the loader (in the entry), the index with the
 * search, the other runs with the families.
 */
export function manifestPlugin(load: () => Promise<BuildData> = loadBuildData): Plugin {
  return {
    name: 'trapscope-manifest',
    resolveId: (source) => (VIRTUAL_MODULES.has(source) ? resolvedId(source) : undefined),
    async load(resolved) {
      const make = resolved.startsWith('\0') ? VIRTUAL_MODULES.get(resolved.slice(1)) : undefined;
      if (!make) return undefined;
      return `export default ${JSON.stringify(make(await load()))};`;
    },
  };
}
