import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering as an executable rule: data flows catalog -> model -> store
 * -> UI, the model stays pure (no React, no DOM, no browser globals), and
 * what is particular to one family lives in that family's folder. These are
 * static checks over the source text (comments and string contents removed
 * first); each test says what it looks for.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  model: [],
  catalog: ['model'],
  share: ['model', 'catalog'],
  store: ['model', 'catalog', 'share'],
  ui: ['model', 'catalog', 'share', 'store'],
  boot: ['model', 'catalog', 'share', 'store', 'ui'],
};

const SRC = join(import.meta.dirname, '.');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) && !/\.test\.ts$/.test(f) ? [p] : [];
  });
}

function layerOf(path: string): string {
  return relative(SRC, path).split(/[\\/]/)[0]!;
}

/** The source with comments removed and string contents emptied, so prose ("the document says") is not code. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, (s) => `${s[0]}${s[0]}`);
}

/** Static imports (import ... from '...', export ... from '...') and dynamic import('...'): every module a file reaches. */
function imports(text: string): string[] {
  return [...text.matchAll(/from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

/** A browser global used as code: window.x, document.x, localStorage.getItem(...), typeof navigator ... */
const BROWSER_GLOBAL =
  /\b(window|document|localStorage|sessionStorage|navigator|location|history|indexedDB|matchMedia|requestAnimationFrame)\b\s*[.[(]|\btypeof\s+(window|document|localStorage|navigator)\b/;

/**
 * Branching on a family's or a call's id, or reading a note's text, outside
 * src/catalog: conv.family === '...', conv.id !== '...', call.id.startsWith(...),
 * x.family.includes(...), n.text.includes(...), note.text === '...'.
 */
const FAMILY_SPECIFIC = [
  /\.(family|familyName)\s*(===|!==)\s*['"`]/,
  /\b(call|conv|convention)\.id\s*(===|!==)\s*['"`]/,
  /\.(family|id)\.(startsWith|endsWith|includes|match)\(/,
  /\.text\.(includes|startsWith|endsWith|match|indexOf|search)\(/,
  /(?<!typeof [\w.]*)\.text\s*(===|!==)\s*['"`]/,
];

describe('architecture', () => {
  for (const layer of Object.keys(MAY_IMPORT)) {
    it(`${layer}/ imports only from ${MAY_IMPORT[layer]!.join(', ') || 'itself'}, statically or with import()`, () => {
      for (const file of files(join(SRC, layer))) {
        for (const path of imports(readFileSync(file, 'utf8'))) {
          const target = layerOf(join(file, '..', path));
          if (target !== layer) expect(MAY_IMPORT[layer], `${relative(SRC, file)} imports ${path}`).toContain(target);
        }
      }
    });
  }

  it('finds imports of both kinds, and leaves prose alone', () => {
    expect(imports("import { a } from '../store/store';\nconst m = await import('../ui/App');")).toEqual(['../store/store', '../ui/App']);
    expect(code("const s = 'the window. of a document.'; // window.open()\nwindow.alert(s);")).toMatch(BROWSER_GLOBAL);
    expect(code("const s = 'the window. of a document.'; // window.open()")).not.toMatch(BROWSER_GLOBAL);
    for (const bad of [
      "conv.family === 'smccc'",
      "fam.startsWith('hyperv')".replace('fam', 'conv.family'),
      "plan.call.id.endsWith('-get')",
      "n.text.includes('x')",
    ]) {
      expect(
        FAMILY_SPECIFIC.some((r) => r.test(code(bad))),
        bad,
      ).toBe(true);
    }
    expect(FAMILY_SPECIFIC.some((r) => r.test(code("typeof entry.text !== 'string' && arch.id === 'x86'")))).toBe(false);
  });

  it('model/, catalog/ and share/ (which the command line runs in Node) use no React, DOM or browser globals', () => {
    for (const file of ['model', 'catalog', 'share'].flatMap((l) => files(join(SRC, l)))) {
      const text = readFileSync(file, 'utf8');
      expect(text, relative(SRC, file)).not.toMatch(/from\s+'react/);
      expect(code(text), relative(SRC, file)).not.toMatch(BROWSER_GLOBAL);
    }
  });

  it('outside catalog/, nothing branches on a family or call id or reads a note’s text', () => {
    for (const file of Object.keys(MAY_IMPORT)
      .filter((l) => l !== 'catalog')
      .flatMap((l) => files(join(SRC, l)))) {
      const text = code(readFileSync(file, 'utf8'));
      for (const rule of FAMILY_SPECIFIC) expect(text, `${relative(SRC, file)}: ${rule}`).not.toMatch(rule);
    }
  });
});
