// The benchmark's floor: the same React, react-dom, zustand and Vite as the app,
// built the same way (relative base, es2022), saying hello. Built by scripts/bench.mjs.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
});
