import type { Plugin } from 'vite';
import { resolvedId } from './manifest.ts';

/** The entry, and the app module it imports once the first paint is done (src/boot/main.tsx). */
export const ENTRY = '/src/boot/main.tsx';
export const APP = '/src/boot/start.tsx';

/** Every module `from` reaches through static imports, itself included. */
export function closure(from: string, importedIds: (id: string) => readonly string[]): Set<string> {
  const into = new Set<string>();
  const queue = [from];
  for (const id of queue) {
    if (into.has(id)) continue;
    into.add(id);
    queue.push(...importedIds(id));
  }
  return into;
}

interface Chunk {
  type: 'chunk';
  name: string;
  fileName: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: readonly string[];
  moduleIds: readonly string[];
  code: string;
}
type Bundle = Record<string, Chunk | { type: 'asset'; source: string | Uint8Array }>;

/**
 * V8's explicit compile hint (Chrome 136): every function of a file that starts with it is compiled as the file
 * streams in, on a background thread, instead of on the main thread when first called. The first load calls most
 * of the app's first-load functions (a link's decode and its view), so its chunks carry it; React's does not
 * (measured: no gain on the main thread, twice the background compiling).
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** The hint as the first line of a chunk, its source map moved down a line to match. */
export function withCompileHint(bundle: Bundle, fileName: string): void {
  const chunk = bundle[fileName];
  if (chunk?.type !== 'chunk') throw new Error(`${fileName} is not a chunk of the bundle`);
  chunk.code = `${COMPILE_HINT}\n${chunk.code}`;
  const map = bundle[`${fileName}.map`];
  if (map?.type === 'asset') {
    const source = JSON.parse(String(map.source)) as { mappings: string };
    map.source = JSON.stringify({ ...source, mappings: `;${source.mappings}` });
  }
}

/** What is wrong with the bundle: an entry that imports the app's chunk statically would hold the first paint for it (it did once). */
export function firstPaintProblems(bundle: Bundle, app: ReadonlySet<string>, entry: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const chunk of Object.values(bundle)) {
    if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
    for (const file of chunk.imports) {
      const dep = bundle[file];
      if (dep?.type === 'chunk' && dep.moduleIds.some((id) => app.has(id) && !entry.has(id)))
        problems.push(`the entry ${chunk.fileName} imports ${file}, the app's chunk, before the first paint`);
    }
  }
  return problems;
}

/** The module of the runs on emulated CPUs outside the first load: a view is drawn with its runs (src/catalog/observed.ts). */
export const OBSERVED_MORE = resolvedId('virtual:trapscope-observed-more');

/** The meta element that lists a link's chunks for public/first-paint.js. */
export const LINK_CHUNKS_META = 'trapscope-link-chunks';

/**
 * The files a link's first draw needs beyond what index.html loads: the chunks of these modules (the app and the
 * observed runs) and all they import. index.html names its entry and the entry's imports itself.
 */
export function linkChunks(bundle: Bundle, modules: readonly string[]): string[] {
  const chunks = Object.values(bundle).filter((c): c is Chunk => c.type === 'chunk');
  const importsOf = (file: string) => (bundle[file]?.type === 'chunk' ? (bundle[file] as Chunk).imports : []);
  const loaded = new Set(chunks.filter((c) => c.isEntry).flatMap((c) => [...closure(c.fileName, importsOf)]));
  const files = new Set<string>();
  for (const id of modules) {
    const own = chunks.find((c) => c.facadeModuleId === id);
    if (!own) throw new Error(`${id} has no chunk of its own in the bundle`);
    for (const file of closure(own.fileName, importsOf)) if (!loaded.has(file)) files.add(file);
  }
  return [...files];
}

const FIRST_PAINT = '<script src="./first-paint.js"></script>';

/** index.html with the link's chunks listed just before public/first-paint.js, which reads them. */
export function withLinkChunks(html: string, files: readonly string[]): string {
  if (!html.includes(FIRST_PAINT)) throw new Error(`index.html has no ${FIRST_PAINT} to list the link's chunks for`);
  return html.replace(FIRST_PAINT, `<meta name="${LINK_CHUNKS_META}" content="${files.map((file) => `./${file}`).join(' ')}" />\n    ${FIRST_PAINT}`);
}

/**
 * The app modules the first load needs (start.tsx and its static imports),
 * found in the module graph once it is built. They go into one chunk: split
 * across the small chunks that sharing with lazy views would otherwise make,
 * each gzipped alone, they cost 7 kB more. What the entry imports itself,
 * such as Vite's preload helper, is a chunk of its own: the entry must run,
 * and the first paint happen, without the app's chunk.
 */
export function firstLoadChunks(): { plugin: Plugin; groups: { name: string; test: (id: string) => boolean }[] } {
  let first = new Set<string>();
  let entry = new Set<string>();
  let appId = '';
  const hinted = new Set(['entry', 'start']);
  const plugin: Plugin = {
    name: 'trapscope-first-load',
    apply: 'build',
    buildEnd() {
      const find = (file: string) => {
        const id = [...this.getModuleIds()].find((m) => m.endsWith(file));
        if (!id) throw new Error(`${file} is not in the build`);
        return id;
      };
      const importedIds = (id: string) => this.getModuleInfo(id)?.importedIds ?? [];
      appId = find(APP);
      entry = closure(find(ENTRY), importedIds);
      first = closure(appId, importedIds);
    },
    // Under a link, public/first-paint.js asks for these from the head: the entry would ask only once the whole page
    // is parsed, and a link's view waits for nothing else (measured: navigation -> view 286 -> 269 ms).
    transformIndexHtml: {
      order: 'post',
      handler: (html, { bundle }) => withLinkChunks(html, linkChunks(bundle as unknown as Bundle, [appId, OBSERVED_MORE])),
    },
    augmentChunkHash: (chunk) => (hinted.has(chunk.name) ? COMPILE_HINT : undefined),
    generateBundle: {
      // After Vite's own generateBundle, which puts its preload list at the top of a chunk: the hint must come first.
      order: 'post',
      handler(_, output) {
        const bundle = output as unknown as Bundle;
        const problems = firstPaintProblems(bundle, first, entry);
        if (problems.length) throw new Error(problems.join('\n'));
        for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk' && hinted.has(chunk.name)) withCompileHint(bundle, chunk.fileName);
      },
    },
  };
  const app = (id: string) => !id.includes('node_modules') && !id.endsWith(ENTRY);
  return {
    plugin,
    groups: [
      { name: 'entry', test: (id) => entry.has(id) && app(id) },
      { name: 'start', test: (id) => first.has(id) && !entry.has(id) && app(id) },
    ],
  };
}
