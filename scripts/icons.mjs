// Renders the app icons (PNG, and a maskable one with a safe zone) from the SVGs in public/.
// Run after changing an icon: node scripts/icons.mjs
import { chromium } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';

const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'] });
for (const [svg, out, size] of [
  ['icon.svg', 'icon-192.png', 192],
  ['icon.svg', 'icon-512.png', 512],
  ['icon-maskable.svg', 'icon-maskable-512.png', 512],
  ['icon.svg', 'apple-touch-icon.png', 180],
]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img width="${size}" height="${size}" src="data:image/svg+xml;base64,${readFileSync(`public/${svg}`).toString('base64')}">`);
  await page.screenshot({ path: `public/${out}`, omitBackground: true });
  await page.close();
}
await browser.close();
