/**
 * Parsing and printing register values. Everything a person types into an
 * argument box, and every value read from a link, passes through
 * `parseValue`, which never throws.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const HEX = /^0x[0-9a-f]+$/i;
const DEC = /^[0-9]+$/;
const NEG_DEC = /^-[0-9]+$/;

export function maxFor(bits: number): bigint {
  return (1n << BigInt(bits)) - 1n;
}

/**
 * Reads hex (0x prefix) or decimal, with `_` or `'` allowed as digit
 * separators. Negative decimals are taken as two's complement in the slot,
 * because that is how the sources write error codes ("-1 (0xFFFFFFFF in w0)").
 */
export function parseValue(text: string, bits: number, slot: string, holder: 'register' | 'memory field' = 'register'): Parsed<bigint> {
  const t = text.trim().replace(/[_']/g, '');
  if (t === '') return { ok: false, message: `${slot}: enter a value (hex with 0x, or decimal)` };
  if (t.length > 2 + bits) return { ok: false, message: `${slot}: "${clip(text)}" is too long for a ${bits}-bit ${holder}` };
  let v: bigint;
  if (HEX.test(t) || DEC.test(t)) v = BigInt(t);
  else if (NEG_DEC.test(t)) {
    const mag = BigInt(t.slice(1));
    if (mag > 1n << BigInt(bits - 1)) return { ok: false, message: `${slot}: ${t} is below the ${bits}-bit range` };
    v = mag === 0n ? 0n : (1n << BigInt(bits)) - mag;
  } else {
    return { ok: false, message: `${slot}: "${clip(text)}" is not a number (use hex with 0x, or decimal)` };
  }
  if (v > maxFor(bits)) {
    return { ok: false, message: `${slot}: ${formatHex(v)} needs more than ${bits} bits; ${slot} holds ${bits} bits` };
  }
  return { ok: true, value: v };
}

function clip(s: string): string {
  return s.length > 24 ? `${s.slice(0, 24)}…` : s;
}

/** 0x-prefixed, upper-case digits, as the Arm and Linux tables print them. */
export function formatHex(v: bigint, digits = 0): string {
  return `0x${v.toString(16).toUpperCase().padStart(digits, '0')}`;
}

export function toTwosComplement(v: bigint, bits: number): bigint {
  return v < 0n ? (1n << BigInt(bits)) + v : v;
}
