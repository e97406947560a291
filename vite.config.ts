/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { catalogJsonPlugin } from './src/boot/build/catalog-json.ts';
import { cspPlugin } from './src/boot/build/csp.ts';
import { firstLoadChunks } from './src/boot/build/first-load.ts';
import { manifestPlugin } from './src/boot/build/manifest.ts';
import { prerenderPlugin } from './src/boot/build/prerender.ts';

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
        // catalog.json grows with the catalog (2.8 MB with FF-A and pKVM's host calls, past Workbox's 2 MiB default,
        // which fails the build; 1.4 MB once it cited its sources by index); it must stay precached to work offline.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // The first visit's worker takes control of the tab that installed it, so "Ready to work offline" is true
        // there too (the parts that tab has not loaded yet come from the cache). Later versions still wait for the
        // reader's click (no skipWaiting): a tab that is already controlled is never taken over by itself.
        clientsClaim: true,
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: true,
    // .vite/manifest.json: which file holds each module, for the browser tests and the benchmark.
    manifest: true,
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
    environment: 'node',
    // The fuzz and every-call suites take a few seconds alone and several times that on a busy 2-core machine.
    testTimeout: 30_000,
  },
});
