// Screenshots of the built app in real Chromium, for the README and for looking at changes.
// Usage: node scripts/screenshot.mjs <url> <out.png> [width] [height] [dark|light]
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';

const [url, out, width = '1400', height = '1000', scheme = 'light'] = process.argv.slice(2);
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) }, colorScheme: scheme });
await page.goto(url);
await page.waitForSelector('main section');
await page.waitForTimeout(300);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
