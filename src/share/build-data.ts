/**
 * The build's one entry into the full catalog: the manifest the page loads
 * with, and catalog.json. Loaded once by vite.config.ts for both.
 */
import '../catalog/all';
import { buildManifest } from '../catalog/manifest';

export { catalogJson } from './catalog-json';
export const manifest = buildManifest();
