/**
 * The build's one entry into the full catalog: the manifest the page loads
 * with, the routes its loader and the call index its search load, the runs
 * on emulated CPUs split into the first load's and the rest, and
 * catalog.json. Loaded once by vite.config.ts for all of them.
 */
import { firstCatalog } from '../catalog';
import { catalog } from '../catalog/all';
import { buildCallIndex, buildManifest, buildRoutes } from '../catalog/manifest';
import observedJson from '../catalog/observed.json';
import { splitObserved, type ObservedData } from '../model/observed';
import { catalogJson as jsonOf } from './catalog-json';

export const catalogJson = () => jsonOf(catalog);
export const callIndex = buildCallIndex(catalog);
export const manifest = buildManifest(catalog);
export const routes = buildRoutes(catalog, callIndex);
const observed = splitObserved(observedJson satisfies ObservedData, new Set(firstCatalog.calls.map((c) => c.id)));
export const observedFirst = observed.first;
export const observedMore = observed.more;
