/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig, runnerImport, type Plugin } from 'vite';

/**
 * Publishes the catalog as data next to index.html, from the same model the
 * app draws. The module is loaded through Vite's module runner, as the app's
 * own code is, rather than bundled into this config.
 */
function catalogJsonPlugin(): Plugin {
  const body = async () => {
    const { module } = await runnerImport<typeof import('./src/share/catalog-json')>('./src/share/catalog-json.ts', { configFile: false, logLevel: 'error' });
    return `${JSON.stringify(module.catalogJson(), null, 2)}\n`;
  };
  return {
    name: 'trapscope-catalog-json',
    configureServer(server) {
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

export default defineConfig({
  // Relative base so the static build works from any path (a project page, a USB stick).
  base: './',
  plugins: [react(), tailwindcss(), catalogJsonPlugin()],
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
