/**
 * The build's one entry into the full catalog: the manifest the page loads
 * with, the call index its search loads, and catalog.json. Loaded once by
 * vite.config.ts for all three.
 */
import '../catalog/all';
import { buildCallIndex, buildManifest } from '../catalog/manifest';

export { catalogJson } from './catalog-json';
export const callIndex = buildCallIndex();
export const manifest = buildManifest(callIndex);
