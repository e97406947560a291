import { encodeFields, type BitLayout } from './bits';
import type { Source } from './source';
import type { Encoding, InstructionDef, SyndromeDef } from './arch';
import { formatHex } from './value';

/** The instruction word for `mnemonic #imm`, computed from the encoding's pieces. */
export function encodeWord(enc: Extract<Encoding, { kind: 'word' }>, imm: number): number {
  let word = enc.base >>> 0;
  for (const p of enc.pieces) {
    const width = p.immHi - p.immLo + 1;
    const chunk = (imm >>> p.immLo) & ((1 << width) - 1);
    word = (word | (chunk << p.at)) >>> 0;
  }
  return word;
}

export interface EncodedInstruction {
  /** As written in assembly: "hvc #0x1", "vmcall". */
  text: string;
  /** Hex word ("0xD4000002") or bytes ("0F 01 C1"). */
  hex: string;
}

export function immediateFits(ins: InstructionDef, imm: number): boolean {
  return Number.isInteger(imm) && imm >= 0 && imm < 2 ** ins.immBits;
}

export function encodeInstruction(ins: InstructionDef, imm: number): EncodedInstruction {
  if (ins.immBits > 0 && !immediateFits(ins, imm)) {
    throw new RangeError(`${ins.mnemonic}: #${imm} does not fit in ${ins.immBits} bits`);
  }
  const shown = (n: number) => (n < 10 ? String(n) : formatHex(BigInt(n)));
  const text = ins.syntax
    ? ins.syntax.template.replace('{imm}', shown(imm * (ins.syntax.scale ?? 1)))
    : ins.immBits > 0
      ? `${ins.mnemonic} #${shown(imm)}`
      : ins.mnemonic;
  const enc = ins.encoding;
  if (enc.kind === 'bytes') {
    const bytes = [...enc.bytes];
    if (enc.imm) for (let i = 0; i < enc.imm.size; i++) bytes[enc.imm.offset + i] = Math.floor(imm / 256 ** i) % 256;
    return { text, hex: bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ') };
  }
  return { text, hex: formatHex(BigInt(encodeWord(enc, imm)), 8) };
}

export interface Syndrome {
  register: string;
  value: bigint;
  fields: Record<string, bigint>;
  layout: BitLayout;
  className: string;
  sources: readonly Source[];
}

/**
 * The syndrome the hypervisor reads for this trap: fixed fields plus the
 * immediate, in the register as the target level's execution state names it.
 */
export function computeSyndrome(def: SyndromeDef, imm: number, targetState?: string): Syndrome {
  const fields: Record<string, bigint> = {};
  for (const f of def.layout.fields) fields[f.key] = def.fixed[f.key] ?? 0n;
  if (def.immField) fields[def.immField] = BigInt(imm);
  const named = targetState === undefined ? undefined : def.registerIn?.[targetState];
  return {
    register: named?.register ?? def.register,
    value: encodeFields(def.layout, fields),
    fields,
    layout: def.layout,
    className: def.className,
    sources: named ? [...def.sources, ...named.sources] : def.sources,
  };
}
