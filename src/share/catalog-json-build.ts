/** Entry for the build: catalog.json of the full catalog. */
import '../catalog/all';

export { catalogJson } from './catalog-json';
