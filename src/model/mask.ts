import { getField, type BitLayout } from './bits';
import { cellOf, type Architecture } from './arch';
import type { Source } from './source';

/**
 * A word whose set bits each hand one register on: TDG.VP.VMCALL's RCX,
 * where bit n set exposes register n to the VMM. The layout has one
 * single-bit field per bit the sources name, keyed by the register it
 * selects; bits no source names are not fields.
 */
export interface RegisterMask {
  /** What the word is called where it is defined ("TDG.VP.VMCALL register bitmap"). */
  name: string;
  /** Who receives the registers the set bits select ("the VMM"). */
  to: string;
  layout: BitLayout;
  /** The value the sources' own callers always pass, and where it is defined. */
  usual: { value: bigint; name: string; sources: readonly Source[] };
  /**
   * Bits the receiver refuses: a value with any of them set fails the call
   * with `error` and nothing is handed on (the TDX module answers
   * TDX_OPERAND_INVALID for RCX bits 0, 1, 4 and 63:32).
   */
  refuses?: { bits: readonly number[]; error: { value: bigint; name: string }; sources: readonly Source[] };
  sources: readonly Source[];
}

/** What one value of a mask selects. */
export interface MaskReading {
  mask: RegisterMask;
  value: bigint;
  /** Registers whose bits are set, in the layout's order (most significant first). */
  exposed: readonly string[];
  /** Registers the layout names whose bits are clear. */
  hidden: readonly string[];
  /** Set bits no field names and the receiver does not refuse, lowest first: they select no register drawn here. */
  unnamedBits: readonly number[];
  /** Set bits the receiver refuses, lowest first: when any is set, nothing is handed on. */
  refused: readonly number[];
}

/** The registers a value of the mask selects, the set bits the receiver refuses, and those that select no register drawn. */
export function readMask(mask: RegisterMask, value: bigint): MaskReading {
  const named = new Set(mask.layout.fields.map((f) => f.lo));
  const refusable = new Set(mask.refuses?.bits ?? []);
  const exposed: string[] = [];
  const hidden: string[] = [];
  for (const f of mask.layout.fields) (getField(value, f) === 1n ? exposed : hidden).push(f.key);
  const unnamedBits: number[] = [];
  const refused: number[] = [];
  for (let bit = 0; bit < mask.layout.bits; bit++) {
    if (named.has(bit) || ((value >> BigInt(bit)) & 1n) === 0n) continue;
    (refusable.has(bit) ? refused : unnamedBits).push(bit);
  }
  return { mask, value, exposed, hidden, unnamedBits, refused };
}

/** The mask that selects exactly these registers (each must be one the layout names). */
export function maskFor(layout: BitLayout, registers: readonly string[]): bigint {
  return registers.reduce((word, r) => {
    const f = layout.fields.find((x) => x.key === r);
    if (!f) throw new RangeError(`${layout.name} has no bit for ${r}`);
    return word | (1n << BigInt(f.lo));
  }, 0n);
}

/** The value with one bit flipped: what a click on that bit of the bit-field does. */
export function toggleBit(value: bigint, bit: number): bigint {
  return value ^ (1n << BigInt(bit));
}

/** The register cells a reading hands on, on an architecture (rdx for edx): none when the receiver refuses the value. */
export function exposedCells(arch: Architecture, reading: MaskReading): string[] {
  if (reading.refused.length > 0) return [];
  return reading.exposed.map((r) => cellOf(arch, r)?.cell ?? r);
}
