import type { Source } from './source';

/**
 * Arguments that travel in memory rather than in registers: the GHCB page an
 * SEV-ES guest fills before VMGEXIT, FF-A's memory transaction descriptor in
 * the TX buffer. A register (or an MSR, drawn as a cell) may carry the
 * address; the fields are what the caller writes and the callee reads, or
 * the other way round.
 */

export type Direction = 'in' | 'out' | 'inout';

export interface MemoryField {
  name: string;
  /** Byte offset from the start of the memory argument. */
  offset: number;
  bytes: number;
  meaning: string;
  direction: Direction;
  /** What the caller writes ('in', 'inout'). */
  example?: bigint;
  /** What the callee writes back ('out', 'inout'), an example like a result's. */
  result?: bigint;
  resultMeaning?: string;
  /** The field holds the call's number (the GHCB's sw_exit_code): the call decides its value, so a reader does not set it. */
  selects?: true;
  sources: readonly Source[];
}

export interface MemoryArg {
  name: string;
  /** The cell that carries the address in this call (a register, or an MSR cell); absent when an earlier call set it up (FF-A's TX buffer). */
  where?: { register: string };
  /** The buffer it lives in, when that is how the sources name it: "TX buffer (FFA_RXTX_MAP)". */
  buffer?: string;
  /** Its address when no register of this call carries it (an example). */
  address?: bigint;
  /** Size in bytes of the whole area (a page for the GHCB). */
  size: number;
  direction: Direction;
  fields: readonly MemoryField[];
  sources: readonly Source[];
}

/** One member of a C struct as the header declares it; offsets are computed from these, never typed in. */
export interface StructMember {
  name: string;
  /** Size of one element in bytes: 1 for u8, 8 for u64. */
  size: 1 | 2 | 4 | 8;
  /** Array length; 1 when the member is a scalar. */
  count?: number;
}

/**
 * Offsets of a struct's members, in bytes. A __packed struct lays members end
 * to end; otherwise each member starts at a multiple of its element size, as
 * C does for the integer types these headers use.
 */
export function structOffsets(members: readonly StructMember[], packed: boolean): { offsets: Readonly<Record<string, number>>; size: number } {
  const offsets: Record<string, number> = {};
  let at = 0;
  let align = 1;
  for (const m of members) {
    if (!packed) at = Math.ceil(at / m.size) * m.size;
    if (m.name in offsets) throw new Error(`member ${m.name} declared twice`);
    offsets[m.name] = at;
    at += m.size * (m.count ?? 1);
    align = Math.max(align, m.size);
  }
  return { offsets, size: packed ? at : Math.ceil(at / align) * align };
}

/** A member's offset, failing loudly when the struct has no such member. */
export function offsetOf(members: readonly StructMember[], packed: boolean, name: string): number {
  const at = structOffsets(members, packed).offsets[name];
  if (at === undefined) throw new Error(`no member ${name}`);
  return at;
}

/** The fields a step's access touches, as keys "argIndex:fieldName". */
export function memoryKey(arg: number, field: string): string {
  return `${arg}:${field}`;
}

/** A memory argument as one plan uses it: where its address comes from and what it holds. */
export interface PlannedMemory {
  arg: MemoryArg;
  /** The address, from the carrying register's value or the argument's own example. */
  address?: bigint;
  /** The cell that carries the address. */
  carrier?: string;
}

/** The fields each step writes or reads, and every field's value once the step is done. */
export interface MemoryStep {
  writes: readonly string[];
  reads: readonly string[];
  values: Readonly<Record<string, bigint | undefined>>;
}

/** Fields the caller fills, and fields the callee fills, per argument. */
export function fieldsWritten(arg: MemoryArg, by: 'caller' | 'callee'): MemoryField[] {
  return arg.fields.filter((f) => (by === 'caller' ? f.direction !== 'out' && f.example !== undefined : f.direction !== 'in' && f.result !== undefined));
}

/** Values the reader set for fields the caller writes, keyed by memoryKey; the others keep their examples. */
export type MemoryValues = Readonly<Record<string, bigint>>;

/** A field the caller writes, which a reader may set: its key, its area's index and the field. */
export interface EditableField {
  key: string;
  index: number;
  arg: MemoryArg;
  field: MemoryField;
}

/** Every field the caller writes in a call's memory arguments but the one that selects the call, in area then offset order: the inputs a reader may edit. */
export function editableFields(args: readonly MemoryArg[]): EditableField[] {
  return args.flatMap((arg, index) =>
    fieldsWritten(arg, 'caller')
      .filter((field) => !field.selects)
      .map((field) => ({ key: memoryKey(index, field.name), index, arg, field })),
  );
}

/** Bytes the caller writes into memory and bytes the callee writes back, over every memory argument. */
export function memoryBytes(args: readonly MemoryArg[]): { in: number; out: number } {
  const sum = (by: 'caller' | 'callee') => args.reduce((n, a) => n + fieldsWritten(a, by).reduce((m, f) => m + f.bytes, 0), 0);
  return { in: sum('caller'), out: sum('callee') };
}

/**
 * What a field is to the caller at a step, as a register's role is: unused
 * until it holds a value, an argument while it holds what the caller wrote,
 * a result once the callee has answered in it (an in/out field turns from
 * the one to the other at the answer).
 */
export function fieldRole(field: MemoryField, value: bigint | undefined, answered: boolean): 'argument' | 'result' | 'unused' {
  if (value === undefined) return 'unused';
  return field.direction === 'out' || (field.direction === 'inout' && answered) ? 'result' : 'argument';
}

/** Whether the callee has written its answer into memory by step `at` of these steps. */
export function answeredBy(steps: readonly { phase: string; memory?: MemoryStep }[], at: number): boolean {
  const answer = steps.findIndex((s) => s.phase === 'handle' && (s.memory?.writes.length ?? 0) > 0);
  return answer >= 0 && at >= answer;
}
