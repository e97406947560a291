import type { Source } from './source';

/**
 * One named field of a register or instruction word, bits hi..lo inclusive.
 * `names` gives the meaning of known values (an SMCCC owner number, an EC).
 */
export interface BitField {
  key: string;
  name: string;
  hi: number;
  lo: number;
  names?: Readonly<Record<string, string>>;
  /** A value the field must hold for the word to be valid (RES0 bits). */
  mustBe?: bigint;
  sources: readonly Source[];
}

export interface BitLayout {
  id: string;
  name: string;
  bits: number;
  /** Most significant field first, as the documents draw them. */
  fields: readonly BitField[];
  sources: readonly Source[];
}

export type FieldValues = Readonly<Record<string, bigint>>;

export function fieldWidth(f: BitField): number {
  return f.hi - f.lo + 1;
}

export function fieldMax(f: BitField): bigint {
  return (1n << BigInt(fieldWidth(f))) - 1n;
}

export function getField(word: bigint, f: BitField): bigint {
  return (word >> BigInt(f.lo)) & fieldMax(f);
}

/**
 * Builds a word from its fields. Fields not given are zero. A value wider
 * than its field is an error rather than being masked, because silently
 * dropping bits is exactly the kind of mistake this tool exists to expose.
 */
export function encodeFields(layout: BitLayout, values: FieldValues): bigint {
  let word = 0n;
  for (const f of layout.fields) {
    const v = values[f.key] ?? 0n;
    if (v < 0n || v > fieldMax(f)) {
      throw new RangeError(`${layout.name}: ${f.name} = ${v} does not fit in bits ${f.hi}:${f.lo}`);
    }
    word |= v << BigInt(f.lo);
  }
  return word;
}

export function decodeFields(layout: BitLayout, word: bigint): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  for (const f of layout.fields) out[f.key] = getField(word, f);
  return out;
}

export function fieldByKey(layout: BitLayout, key: string): BitField {
  const f = layout.fields.find((x) => x.key === key);
  if (!f) throw new Error(`${layout.name} has no field ${key}`);
  return f;
}

/** The name a field's value has in the sources, if any. */
export function fieldValueName(f: BitField, v: bigint): string | undefined {
  return f.names?.[v.toString()];
}

/** A field's bits as the documents write them: "25" or "31:26". */
export function fieldRange(f: BitField): string {
  return f.hi === f.lo ? String(f.hi) : `${f.hi}:${f.lo}`;
}
