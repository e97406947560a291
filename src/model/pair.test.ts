import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinRun, partLabel, runBits, splitRun, type RunDef } from './pair';

const def = (registers: string[], partBits: 32 | 64, order: RunDef['order']): RunDef => ({
  id: 'r',
  name: 'value',
  meaning: 'a test value',
  registers,
  partBits,
  order,
  direction: 'in',
  sources: [],
});

const x = (from: number, n: number) => Array.from({ length: n }, (_, i) => `x${from + i}`);
const RUNS: RunDef[] = [
  def(['w2', 'w3'], 32, 'low-first'),
  def(['x2', 'x3'], 64, 'bytes-le'),
  def(['w1', 'w2', 'w3', 'w4'], 32, 'bytes-le'),
  def(x(1, 8), 64, 'bytes-le'),
  def(x(3, 8), 64, 'bytes-le'),
  def(x(4, 3), 64, 'low-first'),
];

const valueOf = (d: RunDef) => fc.bigInt({ min: 0n, max: (1n << BigInt(runBits(d))) - 1n });
const partsOf = (d: RunDef) =>
  fc.array(fc.bigInt({ min: 0n, max: (1n << BigInt(d.partBits)) - 1n }), { minLength: d.registers.length, maxLength: d.registers.length });

describe('a run of registers', () => {
  it.each(RUNS.map((d) => [`${d.registers.join(',')} ${d.order}`, d] as const))('%s: split then join is the identity, and join then split', (_name, d) => {
    fc.assert(fc.property(valueOf(d), (v) => joinRun(d, splitRun(d, v)) === v));
    fc.assert(fc.property(partsOf(d), (parts) => splitRun(d, joinRun(d, parts)).every((p, i) => p === parts[i])));
  });

  it('puts the low half of a handle in the first register, as PACK_HANDLE(lo, hi) reads it', () => {
    expect(splitRun(RUNS[0]!, 0x1122334455667788n)).toEqual([0x55667788n, 0x11223344n]);
  });

  it('loads bytes in memory order little-endian: byte 0 of a measurement is the low byte of x1, byte 8 the low byte of x2', () => {
    const bytes = Array.from({ length: 64 }, (_, i) => i);
    const value = BigInt(`0x${bytes.map((b) => b.toString(16).padStart(2, '0')).join('')}`);
    const parts = splitRun(RUNS[3]!, value);
    expect(parts[0]).toBe(0x0706050403020100n);
    expect(parts[1]).toBe(0x0f0e0d0c0b0a0908n);
    expect(parts[7]).toBe(0x3f3e3d3c3b3a3938n);
  });

  it('names each part for its place: halves, byte ranges, bit ranges', () => {
    expect([0, 1].map((i) => partLabel(RUNS[0]!, i))).toEqual(['low half', 'high half']);
    expect(partLabel(RUNS[3]!, 7)).toBe('bytes 56–63');
    expect(partLabel(RUNS[2]!, 1)).toBe('bytes 4–7');
    expect(partLabel(RUNS[5]!, 2)).toBe('bits 191:128');
  });
});
