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

/** An expression that is a family's or a call's id: conv.family, plan.call.id, convention.familyName, ... */
const ID_OF = String.raw`[\w$.?!]*(?:\.(?:family|familyName)|\b(?:call|conv|convention)\.id)\b(?!\s*[.(\[])`;

/**
 * FAMILY_SPECIFIC through a local name: `const id = conv.family; if (id === 'xen')`, `const { family } = conv;
 * family.startsWith('hyp')`, `switch (fam) { case 'xen': ... }`, or a string compared on the left. Returns what it found.
 */
function aliasBranches(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(new RegExp(String.raw`\b(?:const|let|var)\s+([\w$]+)\s*=\s*${ID_OF}`, 'g'))) names.add(m[1]!);
  for (const m of text.matchAll(/\b(?:const|let|var)\s*\{([^}]*)\}\s*=\s*[\w$.?!]*\b(call|conv|convention)\b\s*[;,\n)]/g))
    for (const part of m[1]!.split(',')) {
      const [key, local] = part.split(':').map((x) => x.trim());
      if (key === 'family' || key === 'familyName' || key === 'id') names.add(local || key!);
    }
  const found: string[] = [];
  const on = (name: string) => [
    new RegExp(String.raw`(?<![\w$.])${name}\s*(===|!==)\s*['"\`]`),
    new RegExp(String.raw`['"\`]\s*(===|!==)\s*${name}(?![\w$])`),
    new RegExp(String.raw`(?<![\w$.])${name}\.(startsWith|endsWith|includes|match)\(`),
    new RegExp(String.raw`\bswitch\s*\(\s*${name}\s*\)\s*\{[^}]*\bcase\s*['"\`]`),
  ];
  for (const name of names) for (const rule of on(name.replace(/\$/g, '\\$'))) found.push(...(text.match(rule) ?? []).slice(0, 1));
  // A string on the left of the comparison, with no local name at all.
  found.push(...(text.match(new RegExp(String.raw`['"\`]\s*(===|!==)\s*${ID_OF}`)) ?? []).slice(0, 1));
  return found;
}

/**
 * Where nothing may branch on a family: every layer but catalog/, and
 * catalog/exception/, the entries, exits and handler pieces the families
 * build theirs from (what is one family's lives in that family's folder).
 */
function familyNeutral(path: string): boolean {
  const [layer, folder] = relative(SRC, path).split(/[\\/]/);
  return layer !== 'catalog' || folder === 'exception';
}

/** What FAMILY_SPECIFIC and aliasBranches find in a source text. */
function familyBranches(text: string): string[] {
  const bare = code(text);
  return [...FAMILY_SPECIFIC.flatMap((rule) => (bare.match(rule) ?? []).slice(0, 1)), ...aliasBranches(bare)];
}

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

  it('finds a branch on a family or call id made through a local name, and leaves other uses of the name alone', () => {
    for (const bad of [
      "const id = conv.family; if (id === 'xen') return;",
      "let fam = plan.convention.family;\nreturn 'xen' !== fam;",
      "const { family } = conv;\nif (family.startsWith('hyp')) {}",
      "const { id: which } = call; const x = which === 'psci-cpu-on-64';",
      "const f = p.convention.familyName;\nswitch (f) {\n  case 'Xen':\n    break;\n}",
      "if ('smccc' === conv.family) {}",
    ])
      expect(aliasBranches(code(bad)), bad).not.toEqual([]);
    for (const fine of [
      "const id = arch.id; if (id === 'x86') {}",
      "const id = conv.family; return familyKeyOf(cat, id);",
      "const id = conv.family.length; if (id === 3) {}",
      "const identity = conv.family; const x = id === 'y';",
    ])
      expect(aliasBranches(code(fine)), fine).toEqual([]);
  });

  it('model/, catalog/ and share/ (which the command line runs in Node) use no React, DOM or browser globals', () => {
    for (const file of ['model', 'catalog', 'share'].flatMap((l) => files(join(SRC, l)))) {
      const text = readFileSync(file, 'utf8');
      expect(text, relative(SRC, file)).not.toMatch(/from\s+'react/);
      expect(code(text), relative(SRC, file)).not.toMatch(BROWSER_GLOBAL);
    }
  });

  it('outside catalog/, and in catalog/exception/, nothing branches on a family or call id or reads a note’s text', () => {
    for (const file of Object.keys(MAY_IMPORT)
      .flatMap((l) => files(join(SRC, l)))
      .filter(familyNeutral))
      expect(familyBranches(readFileSync(file, 'utf8')), relative(SRC, file)).toEqual([]);
  });

  it('holds catalog/exception/ to that rule, not the families’ folders, and finds the dispatch on family ids it once held', () => {
    expect(familyNeutral(join(SRC, 'catalog', 'exception', 'x86.ts'))).toBe(true);
    expect(familyNeutral(join(SRC, 'catalog', 'xen', 'exceptions.ts'))).toBe(false);
    expect(familyBranches("if (conv.family === 'smccc' && ins === 'a64-smc') return smcccOverSmc;")).not.toEqual([]);
    expect(familyBranches('const { instruction, family } = plan.convention;\nconst host = byHost.find(([prefix]) => family.startsWith(prefix));')).not.toEqual([]);
    expect(familyBranches('const def = conv.exception ?? anyHostException(conv.instruction.id);')).toEqual([]);
  });
});
