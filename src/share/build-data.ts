/**
 * The build's one entry into the full catalog: the manifest the page loads
 * with, the routes its loader and the call index its search load, and
 * catalog.json. Loaded once by vite.config.ts for all of them.
 */
import '../catalog/all';
import { buildCallIndex, buildManifest, buildRoutes } from '../catalog/manifest';

export { catalogJson } from './catalog-json';
export const callIndex = buildCallIndex();
export const manifest = buildManifest();
export const routes = buildRoutes(callIndex);
