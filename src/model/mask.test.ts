import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BitLayout } from './bits';
import { x8664 } from '../catalog/arch/x86-64';
import { exposedCells, maskFor, readMask, toggleBit, type RegisterMask } from './mask';

/** Bits 1, 3 and 4 name registers; the others name nothing. */
const layout: BitLayout = {
  id: 't',
  name: 'test mask',
  bits: 8,
  fields: [
    { key: 'c', name: 'C', hi: 4, lo: 4, sources: [] },
    { key: 'b', name: 'B', hi: 3, lo: 3, sources: [] },
    { key: 'a', name: 'A', hi: 1, lo: 1, sources: [] },
  ],
  sources: [],
};
const mask: RegisterMask = { name: 'test mask', to: 'the next level', layout, usual: { value: 0x1an, name: 'ALL', sources: [] }, sources: [] };

describe('a register mask', () => {
  it('selects the registers whose bits are set, most significant first', () => {
    expect(readMask(mask, 0b11010n)).toEqual({ mask, value: 0b11010n, exposed: ['c', 'b', 'a'], hidden: [], unnamedBits: [], refused: [] });
    expect(readMask(mask, 0b00010n).exposed).toEqual(['a']);
    expect(readMask(mask, 0b00010n).hidden).toEqual(['c', 'b']);
  });

  it('reports set bits that name no register instead of dropping them', () => {
    expect(readMask(mask, 0b1000_0101n)).toMatchObject({ exposed: [], unnamedBits: [0, 2, 7] });
  });

  it('a receiver that refuses bits reports them apart, and then hands nothing on', () => {
    const strict: RegisterMask = { ...mask, refuses: { bits: [0, 7], error: { value: 0xe0n, name: 'E' }, sources: [] } };
    expect(readMask(strict, 0b1000_0111n)).toMatchObject({ exposed: ['a'], unnamedBits: [2], refused: [0, 7] });
    expect(exposedCells(x8664, readMask(strict, 0b1000_0010n))).toEqual([]);
    expect(exposedCells(x8664, readMask(strict, 0b0000_0010n))).toEqual(['a']);
  });

  it('for every value, the registers passed are exactly the set bits that name one', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 0xffn }), (value) => {
        const r = readMask(mask, value);
        const set = (bit: number) => ((value >> BigInt(bit)) & 1n) === 1n;
        expect(r.exposed).toEqual(layout.fields.filter((f) => set(f.lo)).map((f) => f.key));
        expect([...r.exposed, ...r.hidden].sort()).toEqual(['a', 'b', 'c']);
        expect(r.unnamedBits).toEqual([0, 2, 5, 6, 7].filter(set));
        expect(maskFor(layout, r.exposed) | r.unnamedBits.reduce((w, b) => w | (1n << BigInt(b)), 0n)).toBe(value);
      }),
    );
  });

  it('toggling a bit adds or removes exactly that register', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 0xffn }), fc.constantFrom(...layout.fields), (value, f) => {
        const before = readMask(mask, value).exposed;
        const after = readMask(mask, toggleBit(value, f.lo)).exposed;
        expect(before.includes(f.key)).toBe(!after.includes(f.key));
        expect(after.filter((r) => r !== f.key)).toEqual(before.filter((r) => r !== f.key));
      }),
    );
  });

  it('refuses a register the layout has no bit for', () => {
    expect(() => maskFor(layout, ['z'])).toThrow(/no bit for z/);
  });
});
