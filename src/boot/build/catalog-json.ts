import type { Plugin } from 'vite';
import { forgetBuildData, loadBuildData } from './build-data.ts';

/**
 * Publishes the catalog as data next to index.html (catalog.json), from the
 * same model the app draws; served by the dev server too.
 */
export function catalogJsonPlugin(): Plugin {
  // Compact: with every call laid out under every convention it fits, indentation alone would add more than a megabyte.
  const body = async () => `${JSON.stringify((await loadBuildData()).catalogJson())}\n`;
  return {
    name: 'trapscope-catalog-json',
    configureServer(server) {
      server.watcher.on('change', forgetBuildData);
      server.middlewares.use('/catalog.json', (_req, res, next) => {
        body().then((text) => {
          res.setHeader('Content-Type', 'application/json');
          res.end(text);
        }, next);
      });
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'catalog.json', source: await body() });
    },
  };
}
