/** Entry for the build: the manifest of the full catalog. */
import './all';
import { buildManifest } from './manifest';

export const manifest = buildManifest();
