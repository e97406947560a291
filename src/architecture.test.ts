import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering as an executable rule: data flows catalog -> model -> store
 * -> UI, and the model stays pure (no React, no DOM, no browser globals).
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

describe('architecture', () => {
  for (const layer of Object.keys(MAY_IMPORT)) {
    it(`${layer}/ imports only from ${MAY_IMPORT[layer]!.join(', ') || 'itself'}`, () => {
      for (const file of files(join(SRC, layer))) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/from\s+'(\.[^']+)'/g)) {
          const target = layerOf(join(file, '..', m[1]!));
          if (target !== layer) expect(MAY_IMPORT[layer], `${relative(SRC, file)} imports ${m[1]}`).toContain(target);
        }
      }
    });
  }

  it('model/ and catalog/ use no React, DOM or browser globals', () => {
    for (const file of [...files(join(SRC, 'model')), ...files(join(SRC, 'catalog'))]) {
      const text = readFileSync(file, 'utf8');
      expect(text, relative(SRC, file)).not.toMatch(/from\s+'react|\b(window|document|localStorage|navigator)\./);
    }
  });
});
