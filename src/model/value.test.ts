import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHex, parseValue } from './value';

describe('parseValue', () => {
  it('reads hex with 0x and decimal', () => {
    expect(parseValue('0xC4000003', 64, 'x0')).toEqual({ ok: true, value: 0xc4000003n });
    expect(parseValue('  42 ', 64, 'x1')).toEqual({ ok: true, value: 42n });
    expect(parseValue('0xffff_ffff', 32, 'w1')).toEqual({ ok: true, value: 0xffffffffn });
  });

  it('takes a negative decimal as two’s complement in the slot', () => {
    expect(parseValue('-1', 32, 'w0')).toEqual({ ok: true, value: 0xffffffffn });
    expect(parseValue('-1', 64, 'x0')).toEqual({ ok: true, value: 0xffffffffffffffffn });
  });

  it('says when a value is too wide for its slot', () => {
    const r = parseValue('0x100000000', 32, 'w1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('w1: 0x100000000 needs more than 32 bits; w1 holds 32 bits');
  });

  it('refuses words and empty input with a message', () => {
    const r = parseValue('banana', 64, 'x1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/not a number/);
    expect(parseValue('', 64, 'x1').ok).toBe(false);
    expect(parseValue('0x', 64, 'x1').ok).toBe(false);
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom(4, 16, 32, 64), (s, bits) => {
        const r = parseValue(s, bits, 'x1');
        if (r.ok) expect(r.value <= (1n << BigInt(bits)) - 1n).toBe(true);
        else expect(r.message.length).toBeGreaterThan(0);
      }),
    );
  });

  it('prints what it reads', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (v) => {
        expect(parseValue(formatHex(v), 64, 'x0')).toEqual({ ok: true, value: v });
      }),
    );
  });
});
