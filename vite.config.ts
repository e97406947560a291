/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig, runnerImport, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** The full catalog, loaded once through Vite's module runner for the manifest and catalog.json alike. */
let buildData: Promise<typeof import('./src/share/build-data')> | undefined;
const loadBuildData = () =>
  (buildData ??= runnerImport<typeof import('./src/share/build-data')>('./src/share/build-data.ts', { configFile: false, logLevel: 'error' }).then(
    (r) => r.module,
  ));

/**
 * The manifest of every convention (ids and names for the pickers), the routes
 * (which family chunk holds each convention and call) and the call index the
 * search reads, built from the full catalog so the page can list and search
 * everything while loading only the families it shows. Three modules: only the
 * manifest is in the first load; the routes go with the loader, the index with
 * the search.
 */
function manifestPlugin(): Plugin {
  const modules = new Map<string, (data: typeof import('./src/share/build-data')) => unknown>([
    ['virtual:trapscope-manifest', (data) => data.manifest],
    ['virtual:trapscope-routes', (data) => data.routes],
    ['virtual:trapscope-calls', (data) => data.callIndex],
  ]);
  return {
    name: 'trapscope-manifest',
    resolveId: (source) => (modules.has(source) ? `\0${source}` : undefined),
    async load(resolved) {
      const make = resolved.startsWith('\0') ? modules.get(resolved.slice(1)) : undefined;
      if (!make) return undefined;
      return `export default ${JSON.stringify(make(await loadBuildData()))};`;
    },
  };
}

/**
 * Writes the default view, rendered by the app's own components, into
 * index.html: the first paint (and the largest one) then needs no script,
 * and main.tsx hydrates it. Build only; the dev server renders as usual.
 */
function prerenderPlugin(): Plugin {
  return {
    name: 'trapscope-prerender',
    apply: 'build',
    async transformIndexHtml(html) {
      const { module } = await runnerImport<typeof import('./src/prerender')>('./src/prerender.tsx', {
        configFile: false,
        logLevel: 'error',
        plugins: [manifestPlugin()],
      });
      const markup = module.prerender();
      // The CSP below allows no inline script and no style attribute: the page would be drawn wrong until hydrated.
      if (/<script|\sstyle="/.test(markup)) throw new Error('the pre-rendered markup has a script or a style attribute, which the CSP blocks');
      if (!html.includes('<div id="root"></div>')) throw new Error('index.html has no empty <div id="root"> to pre-render into');
      if (!markup.includes('id="narration"')) throw new Error('the pre-rendered markup has no #narration, which the first paint waits for');
      return {
        html: html.replace('<div id="root"></div>', `<div id="root" data-prerendered>${markup}</div>`),
        // No paint before the parser reaches the call's narration, the largest text (a first paint of the header
        // alone made the largest paint come frames later).
        tags: [{ tag: 'link', attrs: { rel: 'expect', href: '#narration', blocking: 'render' }, injectTo: 'head' }],
      };
    },
  };
}

/**
 * A strict Content-Security-Policy for the built site: no inline script, no
 * eval, nothing from another origin. As a <meta> tag, because a static site
 * has no headers of its own; added at build time only, since the dev server
 * injects inline scripts.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function cspPlugin(): Plugin {
  return {
    name: 'trapscope-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

/**
 * Publishes the catalog as data next to index.html, from the same model the
 * app draws. The module is loaded through Vite's module runner, as the app's
 * own code is, rather than bundled into this config.
 */
function catalogJsonPlugin(): Plugin {
  const body = async () => {
    return `${JSON.stringify((await loadBuildData()).catalogJson(), null, 2)}\n`;
  };
  return {
    name: 'trapscope-catalog-json',
    configureServer(server) {
      // In development a catalog edit must show up in the next catalog.json.
      server.watcher.on('change', () => (buildData = undefined));
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

/**
 * The app modules the first load needs (src/start.tsx and its static
 * imports), found in the module graph once it is built. They go into one
 * chunk: split across the small chunks that sharing with lazy views would
 * otherwise make, each gzipped alone, they cost 7 kB more. What the
 * entry (main.tsx) imports itself, such as Vite's preload helper, is a chunk
 * of its own: the entry must run, and the first paint happen, without the
 * app's chunk.
 */
function firstLoadChunks(): { plugin: Plugin; groups: { name: string; test: (id: string) => boolean }[] } {
  const first = new Set<string>();
  const entry = new Set<string>();
  const plugin: Plugin = {
    name: 'trapscope-first-load',
    apply: 'build',
    buildEnd() {
      const find = (file: string) => {
        const id = [...this.getModuleIds()].find((m) => m.endsWith(file));
        if (!id) throw new Error(`${file} is not in the build`);
        return id;
      };
      const closure = (from: string, into: Set<string>) => {
        const queue = [from];
        for (const id of queue) {
          if (into.has(id)) continue;
          into.add(id);
          queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
      };
      closure(find('/src/main.tsx'), entry);
      closure(find('/src/start.tsx'), first);
    },
    generateBundle(_, bundle) {
      // A static import of the app's chunk from the entry would hold the first paint for it (it did once).
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
        for (const file of chunk.imports) {
          const dep = bundle[file];
          if (dep?.type === 'chunk' && dep.moduleIds.some((id) => first.has(id) && !entry.has(id)))
            throw new Error(`the entry ${chunk.fileName} imports ${file}, the app's chunk, before the first paint`);
        }
      }
    },
  };
  const app = (id: string) => !id.includes('node_modules') && !id.endsWith('/src/main.tsx');
  return {
    plugin,
    groups: [
      { name: 'entry', test: (id) => entry.has(id) && app(id) },
      { name: 'start', test: (id) => first.has(id) && !entry.has(id) && app(id) },
    ],
  };
}
const firstLoad = firstLoadChunks();

export default defineConfig({
  // Relative base so the static build works from any path (a project page, a USB stick).
  base: './',
  plugins: [
    react(),
    tailwindcss(),
    catalogJsonPlugin(),
    manifestPlugin(),
    cspPlugin(),
    prerenderPlugin(),
    firstLoad.plugin,
    // Workbox precaches everything the app needs, so it and any permalink open offline after one visit.
    // 'prompt': a new version waits for the reader's click, never reloading a page mid-animation.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icon.svg', 'first-paint.js', 'apple-touch-icon.png'],
      manifest: {
        name: 'Trapscope',
        short_name: 'Trapscope',
        description: 'How a guest calls its hypervisor or firmware, register by register.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#0b1120',
        theme_color: '#1e293b',
        icons: [
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,json,webmanifest}'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: true,
    // The polyfill only fetches <link rel="modulepreload"> targets early where the browser does not (Safari before
    // 17): those browsers still load every module, a little later; the rest would carry its bytes for nothing.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          // React apart from the app, so that main.tsx can have the two evaluated in separate tasks.
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 1 }, ...firstLoad.groups],
        },
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Tests see the whole catalog, as the command line and the build do.
    setupFiles: ['src/catalog/all.ts'],
    environment: 'node',
  },
});
