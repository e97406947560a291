/**
 * The build's one entry into the full catalog: the manifest the page loads
 * with, the routes its loader and the call index its search load, and
 * catalog.json. Loaded once by vite.config.ts for all of them.
 */
import { catalog } from '../catalog/all';
import { buildCallIndex, buildManifest, buildRoutes } from '../catalog/manifest';
import { catalogJson as jsonOf } from './catalog-json';

export const catalogJson = () => jsonOf(catalog);
export const callIndex = buildCallIndex(catalog);
export const manifest = buildManifest(catalog);
export const routes = buildRoutes(catalog, callIndex);
