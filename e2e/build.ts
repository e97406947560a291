import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

/** The build's manifest (dist/.vite/manifest.json, written by the build the tests run against): the file of each module or chunk. */
export function builtFiles(): Record<string, { file: string; name?: string }> {
  return JSON.parse(readFileSync(fileURLToPath(new URL('../dist/.vite/manifest.json', import.meta.url)), 'utf8')) as Record<string, { file: string; name?: string }>;
}

/** The URL pattern of the built file that holds a source module, e.g. 'src/catalog/gunyah/index.ts'. */
export function chunkOf(source: string): RegExp {
  const file = builtFiles()[source]?.file;
  if (!file) throw new Error(`${source} is not a chunk of its own in the build's manifest`);
  return new RegExp(`/${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** Holds back the chunk of this source module until the returned function is called, as a slow network would. */
export async function holdChunk(page: Page, source: string): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(chunkOf(source), async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** The page is live: hydrated or drawn, its address synced, its controls taking input (src/boot/boot.ts). */
export const LIVE = '[data-boot="live"]';
