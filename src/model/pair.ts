import type { ArgDef, ResultDef } from './call';
import type { Source } from './source';
import { formatHex } from './value';

/**
 * A value wider than one register, carried by several in a row: FF-A's
 * 64-bit memory handle in w2 (low) and w3 (high), a UUID in x2 and x3, RSI's
 * 64-byte measurement in x1-x8. The reader types the value once and the model
 * splits it; the plan shows every part with its place in the whole.
 *
 * Two orders occur in the sources, and they are not the same thing:
 * - 'low-first': the value is a number and the first register holds its
 *   least significant part (PACK_HANDLE(lo, hi) in Linux's FF-A driver);
 * - 'bytes-le': the value is a string of bytes in memory order, written as a
 *   hash or a UUID is printed (first byte first); register i holds the i-th
 *   group of bytes loaded little-endian, byte 0 in the low-order bits (Linux's
 *   memcpy into struct arm_smccc_1_2_regs from a1 on, the RMM reading
 *   &rec->regs[1] as bytes).
 */
export type RunOrder = 'low-first' | 'bytes-le';

export interface RunDef {
  id: string;
  /** The whole value: "challenge", "memory handle", "UUID". */
  name: string;
  meaning: string;
  /** The registers in the order the parts go into them, as the convention writes them (x1…x8, w2 and w3). */
  registers: readonly string[];
  /** Width of each part. */
  partBits: 32 | 64;
  order: RunOrder;
  /** The caller's argument, or a result the callee writes. */
  direction: 'in' | 'out';
  /** Where the split is stated. */
  sources: readonly Source[];
}

export function runBits(def: RunDef): number {
  return def.registers.length * def.partBits;
}

const mask = (bits: number) => (1n << BigInt(bits)) - 1n;

/** The n bytes of a value, most significant first (memory order for 'bytes-le'). */
function bytesOf(value: bigint, n: number): number[] {
  return Array.from({ length: n }, (_, k) => Number((value >> BigInt(8 * (n - 1 - k))) & 0xffn));
}

function fromBytes(bytes: readonly number[]): bigint {
  return bytes.reduce((v, b) => (v << 8n) | BigInt(b), 0n);
}

/** The register values that carry `value`, in the order of `def.registers`. */
export function splitRun(def: RunDef, value: bigint): bigint[] {
  const w = def.partBits;
  if (def.order === 'low-first') return def.registers.map((_, i) => (value >> BigInt(i * w)) & mask(w));
  const per = w / 8;
  const bytes = bytesOf(value, def.registers.length * per);
  // Little-endian load of each group: the group's first byte is the part's least significant.
  return def.registers.map((_, i) => fromBytes(bytes.slice(i * per, (i + 1) * per).reverse()));
}

/** The value the registers carry together; the inverse of splitRun. */
export function joinRun(def: RunDef, parts: readonly bigint[]): bigint {
  const w = def.partBits;
  if (def.order === 'low-first') return parts.reduce((v, p, i) => v | ((p & mask(w)) << BigInt(i * w)), 0n);
  const per = w / 8;
  return fromBytes(parts.flatMap((p) => bytesOf(p & mask(w), per).reverse()));
}

/** Where part i sits in the whole: "low half", "bits 63:32", "bytes 8–15". */
export function partLabel(def: RunDef, index: number): string {
  const w = def.partBits;
  if (def.order === 'bytes-le') return `bytes ${index * (w / 8)}–${(index + 1) * (w / 8) - 1}`;
  if (def.registers.length === 2) return index === 0 ? 'low half' : 'high half';
  return `bits ${(index + 1) * w - 1}:${index * w}`;
}

/** The whole value as typed and shown: every digit, so a 64-byte measurement reads as 128 hex digits. */
export function formatRun(def: RunDef, value: bigint): string {
  return formatHex(value, runBits(def) / 4);
}

/** How the parts are laid out, in one sentence for the screen and the exports. */
export function orderSentence(def: RunDef): string {
  const regs = `${def.registers[0]}–${def.registers.at(-1)}`;
  return def.order === 'low-first'
    ? `${def.name} is a ${runBits(def)}-bit number split over ${regs}, least significant part first`
    : `${def.name} is ${runBits(def) / 8} bytes in memory order over ${regs}, ${def.partBits / 8} per register, each register holding its first byte in its low-order bits`;
}

/** One part of a run in a plan. */
export interface RunPart {
  register: string;
  cell: string;
  index: number;
  label: string;
  value: bigint;
}

/** A run as a plan shows it: the whole value and each register's part. */
export interface PlannedRun {
  def: RunDef;
  value: bigint;
  parts: readonly RunPart[];
}

/** The run read back from the registers that carry it; undefined when one of them is not there (an unknown call's error reply). */
export function plannedRun(def: RunDef, found: (register: string) => { cell: string; value: bigint } | undefined): PlannedRun | undefined {
  const regs = def.registers.map(found);
  if (regs.some((r) => r === undefined)) return undefined;
  const parts = regs.map((r, i) => ({ register: def.registers[i]!, cell: r!.cell, index: i, label: partLabel(def, i), value: r!.value }));
  return {
    def,
    value: joinRun(
      def,
      parts.map((p) => p.value),
    ),
    parts,
  };
}

/** The call's argument definitions for a run: one per register, each part of the example, named for its place. */
export function runArgs(def: RunDef, example: bigint): ArgDef[] {
  const parts = splitRun(def, example);
  return def.registers.map((register, i) => ({
    name: `${def.name}, ${partLabel(def, i)}`,
    meaning: `${partLabel(def, i)} of the ${def.name}: ${def.meaning}`,
    register,
    example: parts[i]!,
    run: def.id,
    sources: def.sources,
  }));
}

/** The call's result definitions for a run, likewise. */
export function runResults(def: RunDef, example: bigint, exampleMeaning: string): ResultDef[] {
  return runArgs(def, example).map((a) => ({ ...a, exampleMeaning }));
}
