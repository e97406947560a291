import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requireConvention } from '../../catalog';
import { copyOfBuiltIn, decodeCustom } from './decode';
import { gunyahLike, smcccHvc64 } from './fixtures';
import type { CustomDefinition } from './schema';
import { decodeStore, encodeStore, STORAGE_VERSION } from './storage';
import { catalog } from '../../catalog/all';

const defs = () => [smcccHvc64(), gunyahLike()] as CustomDefinition[];

/** Storage version 0, the first draft: no version field, entries under "customConventions", calls under "functions" with "fid". */
function version0(): string {
  const [a, b] = defs().map(({ convention, calls }) => ({
    convention,
    functions: calls.map(({ number, ...rest }) => ({ ...rest, fid: number })),
  }));
  return JSON.stringify({ customConventions: [a, b, { convention: { id: 'broken' }, functions: [] }] });
}

describe('the storage codec', () => {
  it('round-trips definitions', () => {
    const text = encodeStore(defs());
    expect(JSON.parse(text)).toMatchObject({ trapscope: 'custom-store', storageVersion: STORAGE_VERSION });
    expect(decodeStore(text)).toEqual({ defs: defs(), errors: [], rejected: [] });
  });

  it('migrates a version-0 store instead of dropping it', () => {
    const r = decodeStore(version0());
    expect(r.defs).toEqual(defs());
    // The broken entry is kept, migrated, with its errors.
    expect(r.rejected).toHaveLength(1);
    expect(JSON.parse(r.rejected[0]!.text)).toMatchObject({ trapscope: 'custom-convention', version: 1, convention: { id: 'broken' }, calls: [] });
    expect(r.rejected[0]!.errors.join('\n')).toMatch(/Convention, name: is missing/);
    expect(r.errors).toEqual([expect.stringMatching(/^Saved definition 3 was set aside: /)]);
    // Written back at the current version, nothing lost.
    const again = decodeStore(encodeStore(r.defs, r.rejected));
    expect(again.defs).toEqual(defs());
    expect(again.rejected.map((x) => x.text)).toEqual(r.rejected.map((x) => x.text));
  });

  it('sets aside an invalid entry with its text and errors, and reads it once it is fixed', () => {
    const bad = { ...smcccHvc64(), calls: [{ ...smcccHvc64().calls[0]!, number: '0x84000003' }] };
    const r = decodeStore(encodeStore([bad as CustomDefinition, gunyahLike() as CustomDefinition]));
    expect(r.defs.map((d) => d.convention.id)).toEqual(['gunyah-like']);
    expect(r.rejected[0]!.errors[0]).toMatch(/^Call 1, number: bit 30/);
    expect(JSON.parse(r.rejected[0]!.text)).toEqual(bad);
    expect(r.errors[0]).toMatch(/^Saved definition 1 \("My SMCCC 1.1 HVC64"\) was set aside: Call 1, number/);
    // Set-aside entries are tried again on every read.
    const fixed = { text: JSON.stringify(smcccHvc64()), errors: ['old'] };
    expect(decodeStore(encodeStore(r.defs, [fixed])).defs.map((d) => d.convention.id)).toEqual(['gunyah-like', 'my-smccc-hvc64']);
  });

  it('sets aside a second definition with the same id', () => {
    const r = decodeStore(encodeStore([smcccHvc64(), { ...smcccHvc64(), convention: { ...smcccHvc64().convention, name: 'Other' } }] as CustomDefinition[]));
    expect(r.defs).toHaveLength(1);
    expect(r.rejected[0]!.errors[0]).toMatch(/already uses "my-smccc-hvc64"/);
  });

  it('keeps text it cannot read, or that a newer Trapscope wrote, unchanged', () => {
    for (const text of ['{not json', '[1,2]', '{"storageVersion": "one"}', JSON.stringify({ storageVersion: 9, definitions: [] })]) {
      const r = decodeStore(text);
      expect(r.defs).toEqual([]);
      expect(r.rejected).toEqual([{ text, errors: [expect.any(String)] }]);
      expect(r.errors).toHaveLength(1);
    }
    expect(decodeStore(JSON.stringify({ storageVersion: 9 })).errors[0]).toMatch(/newer Trapscope \(storage version 9\)/);
    expect(decodeStore('')).toEqual({ defs: [], errors: [], rejected: [] });
  });

  it('keeps script-like names as plain strings', () => {
    const d = smcccHvc64();
    d.convention.name = '<script>alert(1)</script>';
    const r = decodeStore(encodeStore([d as CustomDefinition]));
    expect(r.defs[0]!.convention.name).toBe('<script>alert(1)</script>');
  });

  it('round-trips a copy of every built-in convention', () => {
    const all = catalog.conventions.map((c) => copyOfBuiltIn(c, catalog.calls));
    expect(decodeStore(encodeStore(all)).defs).toEqual(all);
    expect(copyOfBuiltIn(requireConvention(catalog, 'smccc-1.2-hvc64'), []).convention.resultsKeptWhenUnused).toHaveLength(14);
  });
});

describe('fuzzing decodeStore', () => {
  const total = (text: string) => {
    const r = decodeStore(text);
    expect(Array.isArray(r.defs) && Array.isArray(r.errors) && Array.isArray(r.rejected)).toBe(true);
    for (const d of r.defs) expect(decodeCustom(d).ok).toBe(true);
    for (const x of r.rejected) expect(typeof x.text).toBe('string');
  };

  it('any string', () => fc.assert(fc.property(fc.string({ unit: 'grapheme' }), total), { numRuns: 300 }));
  it('any JSON text', () =>
    fc.assert(
      fc.property(fc.jsonValue(), (v) => total(JSON.stringify(v) ?? '')),
      { numRuns: 300 },
    ));
  it('any JSON as a definition, a set-aside entry or a version-0 entry', () =>
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        total(encodeStore([v as CustomDefinition]));
        total(encodeStore([], [{ text: JSON.stringify(v) ?? '', errors: [] }]));
        total(JSON.stringify({ customConventions: [v] }));
      }),
      { numRuns: 300 },
    ));
  it('nothing written is lost: every entry comes back as a definition or set aside', () =>
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.jsonValue(), fc.constant(smcccHvc64()), fc.constant(gunyahLike())), { maxLength: 5 }), (entries) => {
        const r = decodeStore(encodeStore(entries as CustomDefinition[]));
        expect(r.defs.length + r.rejected.length).toBe(entries.length);
      }),
      { numRuns: 200 },
    ));
});
