#!/usr/bin/env node
/**
 * The performance benchmark (`npm run bench`): measures Trapscope against the
 * budgets in DESIGN.md ("Budgets") and against a hello-world React + zustand
 * page built with the same Vite (bench/reference/).
 *
 *   1. builds the app into bench/dist and the reference into bench/reference/dist
 *      (not dist/, so a concurrent `npm test` keeps its own build);
 *   2. serves each build from its own static server on 127.0.0.1 (a free port);
 *   3. runs Lighthouse 12 (default config = mobile preset, simulated throttling)
 *      LH_RUNS times per page, interleaved, and takes the median of each number;
 *   4. sums the gzip size of the JS and CSS index.html loads at start (the
 *      scripts and stylesheets it names, the app module the entry always
 *      imports (src/boot/start.tsx), and their static imports, from Vite's build
 *      manifest; lazy chunks are not counted), and, for information, every
 *      JS file the default view fetches until it is live and idle;
 *   5. in Playwright's Chromium: long tasks during 4x playback of the call with
 *      the most inputs + outputs, the time of each step commit (ArrowRight), and
 *      the time from DOMContentLoaded (and from the app's trapscope:decode mark)
 *      to a permalink's register file and to its whole view;
 *   6. prints one Markdown table and writes it to bench/results.md.
 *
 * Exit status: 0 when everything was measured (budgets may be missed: this is
 * a measurement), 1 when a measurement failed.
 *
 * Environment: CHROMIUM_PATH (browser), LH_RUNS (default 3), BENCH_SKIP_BUILD=1
 * (reuse the existing builds).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const APP_DIST = join(ROOT, 'bench', 'dist');
const REF_DIR = join(ROOT, 'bench', 'reference');
const REF_DIST = join(REF_DIR, 'dist');
const RESULTS = join(ROOT, 'bench', 'results.md');

const LH_RUNS = Math.max(1, Number(process.env.LH_RUNS) || 3);
const PERMALINK_RUNS = 9; // the machine is noisy: a median of more runs
const SWEEPS = 3; // ArrowRight sweeps through the call; each step's commit time is its median
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
const PW_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update'];
const KB = 1000; // kB as Vite and Chrome print them
const GZIP = process.env.BENCH_GZIP !== '0';

// ---------------------------------------------------------------- cleanup

/** Things to undo on exit, newest first: servers, browsers. */
const cleanups = new Set();
function onCleanup(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}
async function cleanupAll() {
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn);
    try {
      await fn();
    } catch {
      // best effort
    }
  }
}
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.on(signal, () => {
    console.error(`\nbench: ${signal}, cleaning up`);
    cleanupAll().finally(() => process.exit(code));
  });
}

// ---------------------------------------------------------------- helpers

const log = (...a) => console.log('bench:', ...a);

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: timed out after ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function run(cmd, args, what, timeoutMs = 10 * 60_000) {
  return withTimeout(
    new Promise((resolveRun, reject) => {
      const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
      const undo = onCleanup(() => child.kill('SIGTERM'));
      child.on('error', (e) => {
        undo();
        reject(e);
      });
      child.on('exit', (code, signal) => {
        undo();
        if (code === 0) resolveRun();
        else reject(new Error(`${what} failed (${signal ?? `exit ${code}`})`));
      });
    }),
    timeoutMs,
    what,
  );
}

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function browserPath(playwrightChromium) {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    const own = playwrightChromium?.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // no bundled browser registered
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error('no Chromium: set CHROMIUM_PATH or install /usr/bin/chromium');
}

// ---------------------------------------------------------------- 1. build

async function build() {
  log('building the app into bench/dist');
  await run('npx', ['vite', 'build', '--outDir', APP_DIST, '--emptyOutDir', '--manifest', '--logLevel', 'warn'], 'app build');
  log('building the reference into bench/reference/dist');
  await run('npx', ['vite', 'build', '--config', join(REF_DIR, 'vite.config.mjs'), '--manifest', '--logLevel', 'warn'], 'reference build');
}

// ---------------------------------------------------------------- 2. serve

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.webmanifest', '.svg', '.txt', '.xml']);

/**
 * A static server for one build directory, on a free port of 127.0.0.1. Resolves to its base URL.
 * Text is sent gzipped to clients that accept it, as any static host does: Lighthouse's
 * simulated network charges the bytes actually sent (BENCH_GZIP=0 sends everything raw).
 */
async function serve(dir, name) {
  const root = resolve(dir);
  const gzipCache = new Map();
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      let path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      if (path.endsWith('/')) path += 'index.html';
      const file = resolve(root, `.${path}`);
      if (file !== root && !file.startsWith(root + sep)) throw new Error('outside root');
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      const ext = extname(file).toLowerCase();
      let body = await readFile(file);
      const headers = {
        'Content-Type': TYPES[ext] ?? 'application/octet-stream',
        'Cache-Control': /[-.][\w-]{8,}\.\w+$/.test(file) && file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        Vary: 'Accept-Encoding',
      };
      if (GZIP && COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        const key = `${file}:${info.mtimeMs}`;
        if (!gzipCache.has(key)) gzipCache.set(key, gzipSync(body, { level: 9 }));
        body = gzipCache.get(key);
        headers['Content-Encoding'] = 'gzip';
      }
      headers['Content-Length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  onCleanup(
    () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  );
  const url = `http://127.0.0.1:${server.address().port}/`;
  log(`serving ${name} (${dir.slice(ROOT.length)}) at ${url}`);
  return url;
}

// ---------------------------------------------------------------- 3. Lighthouse

async function lighthouseOnce(url, chromePath) {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: CHROME_FLAGS,
    logLevel: 'silent',
    handleSIGINT: false,
    maxConnectionRetries: 240,
    connectionPollInterval: 500,
  });
  const undo = onCleanup(() => chrome.kill());
  try {
    const result = await withTimeout(
      lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: CATEGORIES,
        maxWaitForLoad: 120_000,
        maxWaitForFcp: 60_000,
      }),
      5 * 60_000,
      `Lighthouse ${url}`,
    );
    const lhr = result?.lhr;
    if (!lhr) throw new Error('Lighthouse returned no result');
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    const scores = {};
    for (const c of CATEGORIES) {
      const s = lhr.categories[c]?.score;
      if (typeof s !== 'number') throw new Error(`Lighthouse: no ${c} score`);
      scores[c] = Math.round(s * 100);
    }
    const metric = (id) => {
      const v = lhr.audits[id]?.numericValue;
      if (typeof v !== 'number') throw new Error(`Lighthouse: no ${id}`);
      return v;
    };
    const failed = Object.values(lhr.audits)
      .filter((a) => typeof a.score === 'number' && a.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
      .map((a) => a.id);
    return {
      ...scores,
      fcp: metric('first-contentful-paint'),
      lcp: metric('largest-contentful-paint'),
      tbt: metric('total-blocking-time'),
      cls: metric('cumulative-layout-shift'),
      warnings: lhr.runWarnings ?? [],
      benchmarkIndex: lhr.environment?.benchmarkIndex,
      failed,
    };
  } finally {
    undo();
    await chrome.kill();
  }
}

async function lighthouseAll(pages, chromePath) {
  const runs = Object.fromEntries(pages.map((p) => [p.name, []]));
  for (let i = 0; i < LH_RUNS; i++) {
    for (const p of pages) {
      let r;
      for (let attempt = 1; ; attempt++) {
        try {
          r = await lighthouseOnce(p.url, chromePath);
          break;
        } catch (e) {
          if (attempt >= 2) throw e;
          log(`Lighthouse ${p.name} run ${i + 1} failed (${e.message}); retrying`);
        }
      }
      log(
        `Lighthouse ${p.name} run ${i + 1}/${LH_RUNS}: ${CATEGORIES.map((c) => r[c]).join('/')}, FCP ${r.fcp.toFixed(0)} ms, LCP ${r.lcp.toFixed(0)} ms, TBT ${r.tbt.toFixed(0)} ms, CLS ${r.cls.toFixed(3)}` +
          `, benchmarkIndex ${r.benchmarkIndex ?? '?'}` +
          (r.failed.length ? `; audits below 1: ${r.failed.join(', ')}` : ''),
      );
      for (const w of r.warnings) log(`  Lighthouse warning: ${typeof w === 'string' ? w : JSON.stringify(w)}`);
      runs[p.name].push(r);
    }
  }
  const out = {};
  for (const [name, rs] of Object.entries(runs)) {
    out[name] = {};
    for (const k of [...CATEGORIES, 'fcp', 'lcp', 'tbt', 'cls', 'benchmarkIndex']) out[name][k] = median(rs.map((r) => r[k]));
  }
  return out;
}

// ---------------------------------------------------------------- 4. initial bytes

/** Modules the entry always imports at start-up, dynamically: counted with the initial bytes. */
const STARTUP = ['src/boot/start.tsx'];

/** Files index.html loads at start: its scripts and stylesheets, the start-up modules, and every static import of those scripts. */
async function initialBytes(dist) {
  const html = (await readFile(join(dist, 'index.html'), 'utf8')).replace(/<!--[\s\S]*?-->/g, '');
  const manifest = JSON.parse(await readFile(join(dist, '.vite', 'manifest.json'), 'utf8'));
  const byFile = new Map(Object.values(manifest).map((e) => [e.file, e]));
  const attr = (tag, name) =>
    tag
      .match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'))
      ?.slice(1)
      .find((v) => v !== undefined);
  const local = (href) => {
    if (!href || /^(?:[a-z]+:)?\/\//i.test(href) || href.startsWith('data:')) return undefined;
    return href.split(/[?#]/)[0].replace(/^\.?\//, '');
  };
  const js = new Set();
  const css = new Set();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = local(attr(tag, 'src'));
    if (src) js.add(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = local(attr(tag, 'href'));
    if (!href) continue;
    if (rel.includes('stylesheet')) css.add(href);
    if (rel.includes('modulepreload')) js.add(href);
  }
  // The entry imports the app (src/boot/start.tsx) after the first paint, but always: it is part of the initial load.
  for (const key of STARTUP) if (manifest[key]) js.add(manifest[key].file);
  // Static imports (not dynamicImports) and their CSS, transitively.
  const queue = [...js];
  while (queue.length) {
    const entry = byFile.get(queue.shift());
    if (!entry) continue;
    for (const c of entry.css ?? []) css.add(c);
    for (const key of entry.imports ?? []) {
      const f = manifest[key]?.file;
      if (f && !js.has(f)) {
        js.add(f);
        queue.push(f);
      }
    }
  }
  return { js: await sizes(dist, js), css: await sizes(dist, css) };
}

/** Raw and gzip bytes of these files of dist, and a line per file. */
async function sizes(dist, files) {
  let raw = 0;
  let gz = 0;
  const list = [];
  for (const f of files) {
    const buf = await readFile(join(dist, f));
    const g = gzipSync(buf).length;
    raw += buf.length;
    gz += g;
    list.push(`${f} ${(g / KB).toFixed(2)} kB gz`);
  }
  return { raw, gz, list };
}

/**
 * What a page fetches on its own, not only what it names up front: the JS
 * files it requests until the network is idle and the app is live, gzipped
 * (the deferred panels and the family chunks a view loads count here). The
 * service worker's own scripts are not the page's and are left out.
 */
async function fetchedJs(url, dist, chromium, executablePath) {
  const browser = await chromium.launch({ executablePath, args: PW_ARGS, timeout: 120_000 });
  const undo = onCleanup(() => browser.close());
  try {
    const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
    const files = new Set();
    const base = new URL(url);
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.origin === base.origin && u.pathname.endsWith('.js') && !/\/(sw|workbox-[^/]*)\.js$/.test(u.pathname))
        files.add(u.pathname.slice(base.pathname.length));
    });
    await page.goto(url, { waitUntil: 'networkidle', timeout: 120_000 });
    await page.waitForSelector('[data-boot="live"]', { state: 'attached', timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    return { gz: (await sizes(dist, files)).gz, files: [...files] };
  } finally {
    undo();
    await browser.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- 5. animation and permalink

async function longestCall(dist) {
  const catalog = JSON.parse(await readFile(join(dist, 'catalog.json'), 'utf8'));
  let best;
  for (const c of catalog.calls) {
    const n = (c.inputs?.length ?? 0) + (c.outputs?.length ?? 0);
    if (!best || n > best.n) best = { id: c.id, convention: c.convention, n };
  }
  if (!best) throw new Error('catalog.json has no calls');
  return best;
}

async function animation(appUrl, call, chromium, executablePath) {
  const browser = await chromium.launch({ executablePath, args: PW_ARGS, timeout: 120_000 });
  const undo = onCleanup(() => browser.close());
  try {
    const out = {};
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));

    const link = `${appUrl}#/${call.convention}/${call.id}`;
    await page.goto(link, { waitUntil: 'load', timeout: 120_000 });
    const counter = page.getByTestId('step-counter');
    await counter.waitFor();
    const total = Number((await counter.textContent()).split('/')[1]);
    if (!(total > 1)) throw new Error(`unreadable step counter at ${link}`);
    out.steps = total;
    await page.waitForTimeout(1000); // let start-up work settle

    // Long tasks during playback at 4x.
    await page.getByLabel('Speed').selectOption('4');
    await page.evaluate(() => {
      window.__benchLongTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__benchLongTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask' });
    });
    const playStart = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Play (Space)', exact: true }).click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="step-counter"]')?.textContent === `${n}/${n}`, total, {
      polling: 50,
      timeout: total * 1400 + 60_000,
    });
    await page.waitForTimeout(500); // observer callbacks are delivered asynchronously
    const longTasks = await page.evaluate((t0) => window.__benchLongTasks.filter((e) => e.start >= t0), playStart);
    out.longTasks = longTasks.length;
    out.worstLongTask = longTasks.reduce((m, e) => Math.max(m, e.duration), 0);

    // Step commits: Home, then ArrowRight through every step; SWEEPS times, the median per step.
    const sweeps = [];
    for (let sweep = 0; sweep < SWEEPS; sweep++)
      sweeps.push(
        await page.evaluate(
          async ({ total, gap }) => {
            const sel = '[data-testid="step-counter"]';
            const text = () => document.querySelector(sel)?.textContent ?? '';
            const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
            const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
            const press = (key) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key, code: key, bubbles: true, cancelable: true }));
            if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
            press('Home');
            for (let i = 0; text() !== `1/${total}`; i++) {
              if (i > 200) throw new Error(`Home did not reach step 1 (counter ${text()})`);
              await sleep(20);
            }
            await frame();
            await sleep(gap);
            const rows = [];
            for (let step = 2; step <= total; step++) {
              const want = `${step}/${total}`;
              const row = await new Promise((resolveStep, reject) => {
                let t0 = 0;
                const timer = setTimeout(() => {
                  mo.disconnect();
                  reject(new Error(`step ${want} did not appear (counter ${text()})`));
                }, 10_000);
                const mo = new MutationObserver(() => {
                  if (text() !== want) return;
                  mo.disconnect();
                  clearTimeout(timer);
                  const tDom = performance.now();
                  // Style and layout of the new step, which the next frame would do anyway.
                  void document.body.getBoundingClientRect();
                  const tLayout = performance.now();
                  requestAnimationFrame(() => {
                    const tFrame = performance.now();
                    resolveStep({ dom: tDom - t0, layout: tLayout - t0, frame: tFrame - t0 });
                  });
                });
                mo.observe(document.getElementById('root') ?? document.body, { subtree: true, childList: true, characterData: true });
                t0 = performance.now();
                press('ArrowRight');
              });
              rows.push(row);
              await frame();
              await sleep(gap);
            }
            return rows;
          },
          { total, gap: 100 },
        ),
      );
    const commits = sweeps[0].map((_, i) => ({
      layout: median(sweeps.map((sw) => sw[i].layout)),
      frame: median(sweeps.map((sw) => sw[i].frame)),
    }));
    out.commitLayout = Math.max(...commits.map((c) => c.layout));
    out.commitFrame = Math.max(...commits.map((c) => c.frame));
    out.commitFrameMedian = median(commits.map((c) => c.frame));
    out.commitSteps = commits.length;
    log(`step commits (ms, DOM+layout / next frame, median of ${SWEEPS}): ${commits.map((c) => `${c.layout.toFixed(1)}/${c.frame.toFixed(1)}`).join(' ')}`);
    if (longTasks.length) log(`long tasks during playback (ms): ${longTasks.map((e) => e.duration.toFixed(0)).join(' ')}`);
    if (errors.length) log(`page errors during playback: ${errors.join(' | ')}`);
    await context.close();

    // Permalink open, fresh context each time: navigation start -> the linked view's register file exists, and
    // the budgeted part, from the app's trapscope:decode mark (families loaded, link about to be decoded) to it.
    // (index.html also carries the default view pre-rendered, hidden under a link: that one does not count.)
    const permalink = `${appUrl}#/${call.convention}/${call.id}?step=${total - 1}`;
    const opens = [];
    for (let i = 0; i < PERMALINK_RUNS; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await ctx.addInitScript(() => {
        // The linked view is drawn once, live (src/boot/boot.ts); the notes and sources are its last section.
        // Says so on the console when both times are taken: waiting in the page (waitForFunction) would inject
        // Playwright's own script into the page while the view is still being drawn, and be timed with it.
        const done = () => {
          if (window.__benchRegFrame !== undefined && window.__benchAllAt !== undefined) console.log('trapscope-bench:drawn');
        };
        const all = () => {
          if (window.__benchAllAt === undefined && document.querySelector('[data-boot="live"] section[aria-label="Notes and sources"]')) {
            window.__benchAllAt = performance.now();
            done();
          }
          return window.__benchAllAt !== undefined;
        };
        const found = () => {
          if (window.__benchRegAt !== undefined) return all();
          if (!document.querySelector('[data-boot="live"] [data-testid="register-file"]')) return false;
          window.__benchRegAt = performance.now();
          requestAnimationFrame(() => {
            window.__benchRegFrame = performance.now();
            done();
          });
          return all();
        };
        const mo = new MutationObserver(() => {
          if (found()) mo.disconnect();
        });
        mo.observe(document, { childList: true, subtree: true });
      });
      const p = await ctx.newPage();
      const drawn = p.waitForEvent('console', { predicate: (m) => m.text() === 'trapscope-bench:drawn', timeout: 120_000 });
      await p.goto(permalink, { waitUntil: 'load', timeout: 120_000 });
      await drawn;
      // Under a link the pre-rendered view is hidden, so the first contentful paint is the linked view's (or the
      // opening status's): when its pixels appear, after style, layout and paint, which the DOM times above leave out.
      const fcp = await p.evaluate(
        () =>
          new Promise((resolve) =>
            new PerformanceObserver((list, observer) => {
              const entry = list.getEntriesByName('first-contentful-paint')[0];
              if (!entry) return;
              observer.disconnect();
              resolve(entry.startTime);
            }).observe({ type: 'paint', buffered: true }),
          ),
      );
      const r = await p.evaluate(() => ({
        dcl: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventStart,
        at: window.__benchRegAt,
        all: window.__benchAllAt,
        decoded: performance.getEntriesByName('trapscope:decode')[0]?.startTime,
        frame: window.__benchRegFrame,
        counter: document.querySelector('[data-testid="step-counter"]')?.textContent,
        messages: document.querySelector('[data-testid="link-messages"]')?.textContent ?? '',
      }));
      if (r.counter !== `${total}/${total}`) throw new Error(`permalink ${permalink} opened at ${r.counter}`);
      if (r.messages) log(`permalink messages: ${r.messages}`);
      if (r.decoded === undefined) throw new Error('the app set no trapscope:decode mark (src/store/store.ts openLink)');
      opens.push({ ...r, fcp });
      await ctx.close();
    }
    out.permalinkUrl = permalink;
    out.permalinkOpen = median(opens.map((o) => o.at));
    out.permalinkAfterDcl = median(opens.map((o) => o.at - o.dcl));
    out.permalinkAllAfterDcl = median(opens.map((o) => o.all - o.dcl));
    out.permalinkOpenFrame = median(opens.map((o) => o.frame));
    out.permalinkDecodeRender = median(opens.map((o) => o.at - o.decoded));
    out.permalinkDecodeAll = median(opens.map((o) => o.all - o.decoded));
    out.permalinkFcp = median(opens.map((o) => o.fcp));
    log(
      `permalink opens (ms, DOMContentLoaded / decode / register file / next frame / whole view / first contentful paint): ${opens.map((o) => `${o.dcl.toFixed(0)}/${o.decoded.toFixed(0)}/${o.at.toFixed(0)}/${o.frame.toFixed(0)}/${o.all.toFixed(0)}/${o.fcp.toFixed(0)}`).join('  ')}`,
    );
    return out;
  } finally {
    undo();
    await browser.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- 6. report

const fmt = {
  ms: (v) => (v === undefined ? 'n/a' : `${Math.round(v)} ms`),
  ms1: (v) => (v === undefined ? 'n/a' : `${v.toFixed(1)} ms`),
  kb: (v) => (v === undefined ? 'n/a' : `${(v / KB).toFixed(1)} kB`),
  score: (v) => (v === undefined ? 'n/a' : String(Math.round(v))),
  cls: (v) => (v === undefined ? 'n/a' : v.toFixed(3)),
  int: (v) => (v === undefined ? 'n/a' : String(v)),
};
const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(2)}×`);
const verdict = (ok) => (ok === undefined ? 'not measured' : ok ? 'pass' : '**miss**');

function table(m) {
  const app = m.lh?.app ?? {};
  const ref = m.lh?.ref ?? {};
  const rows = [];
  const row = (what, a, r, rat, budget, ok) => rows.push(`| ${what} | ${a} | ${r} | ${rat} | ${budget} | ${ok} |`);
  const has = (v) => v !== undefined;
  // The budget rows are DESIGN.md's, in what a user feels; the rest is information.
  row(
    `Lighthouse performance (mobile, median of ${LH_RUNS})`,
    fmt.score(app.performance),
    fmt.score(ref.performance),
    '–',
    '≥ reference − 2',
    verdict(has(app.performance) && has(ref.performance) ? app.performance >= ref.performance - 2 : undefined),
  );
  for (const c of CATEGORIES.filter((c) => c !== 'performance'))
    row(`Lighthouse ${c} (mobile, median of ${LH_RUNS})`, fmt.score(app[c]), fmt.score(ref[c]), '–', 'info', '–');
  row('First Contentful Paint', fmt.ms(app.fcp), fmt.ms(ref.fcp), ratio(app.fcp, ref.fcp), '–', '–');
  row(
    'Largest Contentful Paint',
    fmt.ms(app.lcp),
    fmt.ms(ref.lcp),
    ratio(app.lcp, ref.lcp),
    '≤ 1.10 × reference',
    verdict(has(app.lcp) && has(ref.lcp) ? app.lcp <= ref.lcp * 1.1 : undefined),
  );
  row('Total Blocking Time', fmt.ms(app.tbt), fmt.ms(ref.tbt), ratio(app.tbt, ref.tbt), '≤ 50 ms', verdict(has(app.tbt) ? app.tbt <= 50 : undefined));
  row('Cumulative Layout Shift', fmt.cls(app.cls), fmt.cls(ref.cls), '–', '0', verdict(has(app.cls) ? app.cls === 0 : undefined));
  const aj = m.bytes?.app?.js.gz;
  const rj = m.bytes?.ref?.js.gz;
  const ac = m.bytes?.app?.css.gz;
  const rc = m.bytes?.ref?.css.gz;
  row('Initial JS (gzip)', fmt.kb(aj), fmt.kb(rj), ratio(aj, rj), 'info', '–');
  row(
    'JS the default view fetches until idle (initial + link codec and families, gzip)',
    fmt.kb(m.fetched?.gz),
    fmt.kb(rj),
    ratio(m.fetched?.gz, rj),
    'info',
    '–',
  );
  row('Initial CSS (gzip)', fmt.kb(ac), fmt.kb(rc), ratio(ac, rc), 'info', '–');
  const a = m.anim ?? {};
  const steps = a.steps ? `, ${a.steps} steps` : '';
  row(`Long tasks during 4× playback${steps}`, fmt.int(a.longTasks), '–', '–', '0', verdict(has(a.longTasks) ? a.longTasks === 0 : undefined));
  row('Worst long task during playback', has(a.longTasks) ? (a.longTasks ? fmt.ms(a.worstLongTask) : 'none') : 'n/a', '–', '–', 'info', '–');
  row(
    `Worst step commit: ArrowRight → DOM + layout (median of ${SWEEPS} sweeps per step)`,
    fmt.ms1(a.commitLayout),
    '–',
    '–',
    'info (one frame: 16.7 ms)',
    '–',
  );
  row(
    'Worst step: ArrowRight → next animation frame (includes the wait for vsync; same sweeps)',
    has(a.commitFrame) ? `${fmt.ms1(a.commitFrame)} (median ${fmt.ms1(a.commitFrameMedian)})` : 'n/a',
    '–',
    '–',
    'info',
    '–',
  );
  row(
    `Permalink: DOMContentLoaded → the whole view drawn (median of ${PERMALINK_RUNS})`,
    fmt.ms1(a.permalinkAllAfterDcl),
    '–',
    '–',
    '≤ 150 ms',
    verdict(has(a.permalinkAllAfterDcl) ? a.permalinkAllAfterDcl <= 150 : undefined),
  );
  row('Permalink: link decoded → register file drawn (same runs)', fmt.ms1(a.permalinkDecodeRender), '–', '–', 'info', '–');
  row('Permalink: link decoded → the whole view drawn (same runs)', fmt.ms1(a.permalinkDecodeAll), '–', '–', 'info', '–');
  row(`Permalink open: navigation → register file (same runs)`, fmt.ms1(a.permalinkOpen), '–', '–', 'info', '–');
  row('Permalink: DOMContentLoaded → register file (same runs)', fmt.ms1(a.permalinkAfterDcl), '–', '–', 'info', '–');
  row('Permalink open: navigation → first contentful paint, the view on screen (same runs)', fmt.ms1(a.permalinkFcp), '–', '–', 'info', '–');
  return ['| metric | Trapscope | reference | ratio | budget | result |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

// ---------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  const m = {};
  const failures = [];
  const attempt = async (what, fn) => {
    try {
      return await fn();
    } catch (e) {
      failures.push(`${what}: ${e?.message ?? e}`);
      console.error(`bench: ${what} failed: ${e?.stack ?? e}`);
      return undefined;
    }
  };

  if (process.env.BENCH_SKIP_BUILD === '1') log('BENCH_SKIP_BUILD=1: reusing bench/dist and bench/reference/dist');
  else await build();

  const { chromium } = await import('@playwright/test');
  const chromePath = browserPath(chromium);
  log(`browser: ${chromePath}`);

  const appUrl = await serve(APP_DIST, 'Trapscope');
  const refUrl = await serve(REF_DIST, 'reference');

  m.bytes = await attempt('initial bytes', async () => {
    const app = await initialBytes(APP_DIST);
    const ref = await initialBytes(REF_DIST);
    log(`initial files, Trapscope: ${[...app.js.list, ...app.css.list].join('; ')}`);
    log(`initial files, reference: ${[...ref.js.list, ...ref.css.list].join('; ') || 'none'}`);
    return { app, ref };
  });

  m.fetched = await attempt('JS fetched by the default view', async () => {
    const r = await fetchedJs(appUrl, APP_DIST, chromium, chromePath);
    log(`JS the default view fetched until idle: ${r.files.join(', ')}`);
    return r;
  });

  const call = await attempt('catalog.json', () => longestCall(APP_DIST));
  if (call) {
    log(`longest call: ${call.convention}/${call.id} (${call.n} inputs + outputs)`);
    m.anim = await attempt('animation and permalink', () => withTimeout(animation(appUrl, call, chromium, chromePath), 15 * 60_000, 'animation and permalink'));
  }

  m.lh = await attempt('Lighthouse', () =>
    lighthouseAll(
      [
        { name: 'app', url: appUrl },
        { name: 'ref', url: refUrl },
      ],
      chromePath,
    ),
  );

  const md = table(m);
  const header = [
    '# Benchmark results',
    '',
    `Measured by \`npm run bench\` (scripts/bench.mjs) on ${new Date().toISOString()}, Node ${process.version}, ` +
      `Chromium at ${chromePath}. Reference: bench/reference (React, react-dom and zustand, hello world, same Vite). ` +
      `Lighthouse 12 default config (mobile preset, simulated throttling), served ${GZIP ? 'gzipped' : 'uncompressed'}` +
      (m.lh?.app?.benchmarkIndex ? `, Lighthouse benchmarkIndex ${Math.round(m.lh.app.benchmarkIndex)}` : '') +
      `. kB = 1000 bytes; initial bytes gzipped by node:zlib at its default level. ` +
      (call ? `Animation and permalink: \`#/${call.convention}/${call.id}\`, the catalog call with the most inputs + outputs.` : ''),
    '',
  ].join('\n');
  const foot = failures.length ? `\n\nNot measured:\n${failures.map((f) => `- ${f}`).join('\n')}\n` : '\n';
  console.log(`\n${md}\n`);
  await mkdir(join(ROOT, 'bench'), { recursive: true });
  await writeFile(RESULTS, `${header}\n${md}${foot}`);
  log(`wrote bench/results.md in ${Math.round((Date.now() - started) / 1000)} s`);
  if (failures.length) {
    console.error(`bench: measurement failed:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`bench: ${e?.stack ?? e}`);
  code = 1;
} finally {
  await cleanupAll();
}
process.exit(code);
