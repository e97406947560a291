import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFields, encodeFields, type BitLayout } from './bits';

const layout: BitLayout = {
  id: 't',
  name: 'test word',
  bits: 32,
  fields: [
    { key: 'hi', name: 'high', hi: 31, lo: 24, sources: [] },
    { key: 'mid', name: 'middle', hi: 23, lo: 8, sources: [] },
    { key: 'lo', name: 'low', hi: 7, lo: 0, sources: [] },
  ],
  sources: [],
};

describe('bit-field codec', () => {
  it('places each field at its bits', () => {
    expect(encodeFields(layout, { hi: 0xabn, mid: 0x1234n, lo: 0x56n })).toBe(0xab123456n);
  });

  it('round-trips any word that fits the layout', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 0xffffffffn }), (w) => {
        expect(encodeFields(layout, decodeFields(layout, w))).toBe(w);
      }),
    );
  });

  it('refuses a value wider than its field instead of dropping bits', () => {
    expect(() => encodeFields(layout, { lo: 0x100n })).toThrow(/does not fit in bits 7:0/);
  });
});
