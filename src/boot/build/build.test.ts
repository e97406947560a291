import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP, withCsp } from './csp';
import { APP, closure, COMPILE_HINT, ENTRY, firstPaintProblems, linkChunks, withCompileHint, withLinkChunks } from './first-load';
import { manifestPlugin, VIRTUAL_MODULES } from './manifest';
import { withPrerendered } from './prerender';

const INDEX = '<head>\n    <meta charset="UTF-8" />\n  </head>\n  <body><div id="root"></div></body>';

describe('the Content-Security-Policy', () => {
  it('goes right after the charset, before anything it governs', () => {
    const html = withCsp(INDEX);
    expect(html).toContain(`<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it('fails the build when index.html has no charset to follow', () => {
    expect(() => withCsp('<head></head>')).toThrow('no <meta charset="UTF-8" />');
  });
});

describe('the pre-rendered view', () => {
  const markup = '<fieldset data-boot="static"><p id="narration">The guest…</p></fieldset>';

  it('fills the empty root, marked as pre-rendered, and holds the first paint until the narration is parsed', () => {
    const { html, tags } = withPrerendered(INDEX, markup);
    expect(html).toContain(`<div id="root" data-prerendered>${markup}</div>`);
    expect(tags).toEqual([{ tag: 'link', attrs: { rel: 'expect', href: '#narration', blocking: 'render' }, injectTo: 'head' }]);
  });

  it.each([
    ['a script', '<p id="narration"></p><script>x()</script>', 'a script or a style attribute'],
    ['a style attribute', '<p id="narration" style="width:3px"></p>', 'a script or a style attribute'],
    ['no narration', '<p>hello</p>', 'no #narration'],
  ])('fails the build on markup with %s', (_what, bad, message) => {
    expect(() => withPrerendered(INDEX, bad)).toThrow(message);
  });

  it('fails the build when index.html has no empty root', () => {
    expect(() => withPrerendered('<body><div id="root">x</div></body>', markup)).toThrow('no empty <div id="root"></div>');
  });
});

describe('the first load', () => {
  const graph: Record<string, string[]> = { entry: ['helper'], app: ['store', 'ui'], ui: ['store', 'helper'], store: [], helper: [] };

  it('is every module reached through static imports, once each, cycles included', () => {
    expect([...closure('app', (id) => graph[id] ?? [])].sort()).toEqual(['app', 'helper', 'store', 'ui']);
    expect([...closure('a', (id) => (id === 'a' ? ['b'] : ['a']))]).toEqual(['a', 'b']);
  });

  const chunk = (fileName: string, moduleIds: string[], imports: string[] = [], isEntry = false, facadeModuleId: string | null = null) => ({
    type: 'chunk' as const,
    name: fileName.replace(/\.js$/, ''),
    code: 'export{};',
    fileName,
    isEntry,
    facadeModuleId,
    imports,
    moduleIds,
  });
  const app = new Set(['app', 'ui', 'store', 'helper']);
  const entry = new Set(['entry', 'helper']);

  it('passes an entry that imports only its own helper chunk', () => {
    const bundle = {
      'index.js': chunk('index.js', ['entry'], ['helper.js'], true),
      'helper.js': chunk('helper.js', ['helper']),
      'start.js': chunk('start.js', ['app', 'ui', 'store']),
    };
    expect(firstPaintProblems(bundle, app, entry)).toEqual([]);
  });

  it("fails an entry that imports the app's chunk statically: the first paint would wait for it", () => {
    const bundle = { 'index.js': chunk('index.js', ['entry'], ['start.js'], true), 'start.js': chunk('start.js', ['app', 'ui', 'store', 'helper']) };
    expect(firstPaintProblems(bundle, app, entry)).toEqual(["the entry index.js imports start.js, the app's chunk, before the first paint"]);
  });

  it("lists what a link's view needs that index.html does not load: each module's chunk and all it imports, once", () => {
    const bundle = {
      'index.js': chunk('index.js', ['entry'], ['helper.js'], true, 'entry'),
      'helper.js': chunk('helper.js', ['helper']),
      'app.js': chunk('app.js', [], ['start.js'], false, 'app'),
      'start.js': chunk('start.js', ['app', 'ui', 'store'], ['react.js', 'helper.js']),
      'react.js': chunk('react.js', ['react-dom']),
      'runs.js': chunk('runs.js', ['runs'], [], false, 'runs'),
      'family.js': chunk('family.js', ['family'], ['start.js'], false, 'family'),
    };
    expect(linkChunks(bundle, ['app', 'runs'])).toEqual(['app.js', 'start.js', 'react.js', 'runs.js']);
    expect(() => linkChunks(bundle, ['ui'])).toThrow('ui has no chunk of its own in the bundle');
  });

  it('lists them in index.html just before first-paint.js, which reads them, and fails the build without it', () => {
    const html = '<head>\n    <meta charset="UTF-8" />\n    <script src="./first-paint.js"></script>\n  </head>';
    expect(withLinkChunks(html, ['assets/app.js', 'assets/react.js'])).toContain(
      '<meta name="trapscope-link-chunks" content="./assets/app.js ./assets/react.js" />\n    <script src="./first-paint.js"></script>',
    );
    expect(readFileSync('public/first-paint.js', 'utf8')).toContain('meta[name="trapscope-link-chunks"]');
    expect(() => withLinkChunks(INDEX, [])).toThrow('index.html has no <script src="./first-paint.js"></script>');
  });

  it("puts V8's compile hint on a chunk's first line and moves its source map down a line", () => {
    const bundle = { 'start.js': { ...chunk('start.js', ['app']), code: 'const a=1;' }, 'start.js.map': { type: 'asset' as const, source: '{"version":3,"mappings":"AAAA"}' } };
    withCompileHint(bundle, 'start.js');
    expect(bundle['start.js'].code).toBe(`${COMPILE_HINT}\nconst a=1;`);
    expect(JSON.parse(bundle['start.js.map'].source)).toEqual({ version: 3, mappings: ';AAAA' });
    expect(() => withCompileHint(bundle, 'start.js.map')).toThrow('start.js.map is not a chunk of the bundle');
  });

  it('looks for the entry index.html loads, and the app module that entry imports', () => {
    expect(readFileSync('index.html', 'utf8')).toContain(`<script type="module" src="${ENTRY}"></script>`);
    expect(readFileSync(`.${ENTRY}`, 'utf8')).toContain(`await import('./${basename(APP, '.tsx')}')`);
  });
});

describe('the virtual modules', () => {
  const data = { manifest: { groups: [] }, routes: { conventionKeys: {} }, callIndex: [{ id: 'psci-version' }], observedMore: [{ call: 'hvc-x' }] };
  const plugin = manifestPlugin(async () => data as never);
  const resolve = plugin.resolveId as (source: string) => string | undefined;
  const load = plugin.load as (id: string) => Promise<string | undefined>;

  it('each module exports its part of the catalog as data', async () => {
    expect([...VIRTUAL_MODULES.keys()]).toEqual([
      'virtual:trapscope-manifest',
      'virtual:trapscope-routes',
      'virtual:trapscope-calls',
      'virtual:trapscope-observed',
      'virtual:trapscope-observed-more',
    ]);
    expect(await load(resolve('virtual:trapscope-observed-more')!)).toBe('export default [{"call":"hvc-x"}];');
    expect(await load(resolve('virtual:trapscope-calls')!)).toBe('export default [{"id":"psci-version"}];');
    expect(await load(resolve('virtual:trapscope-routes')!)).toBe('export default {"conventionKeys":{}};');
  });

  it('leaves every other module to Vite', async () => {
    expect(resolve('./store')).toBeUndefined();
    expect(await load('/src/store/store.ts')).toBeUndefined();
  });
});
