import * as v from 'valibot';
import { pathSchema } from './path';

/**
 * The JSON format of a user-written convention and its calls. It is plain
 * JSON (numbers as strings, since JSON numbers cannot hold 64-bit values), so
 * the same text goes into a link, a file and localStorage. `version` changes
 * only when a key changes meaning; storage.ts migrates older stores.
 *
 * The schema checks shapes only. What needs the architecture (does x31
 * exist? does 0x10000 fit hvc's immediate?) is checked in checks.ts.
 */

export const FORMAT_TAG = 'custom-convention';
export const FORMAT_VERSION = 1;

/**
 * x86-64-td: x86-64 as a TDX trust domain sees it, with the TDX module and the VMM as the levels a call reaches.
 * aarch64-realm, aarch64-host: AArch64 as Arm CCA's realm (smc traps to the RMM at R-EL2) and host (smc to EL3) see it.
 */
export const ARCH_IDS = ['aarch64', 'aarch32', 'x86-64', 'x86', 'riscv64', 'x86-64-td', 'aarch64-realm', 'aarch64-host'] as const;

/** Caps keep a hostile link or file from costing much memory or time; real definitions are far smaller. */
export const LIMITS = { name: 120, text: 2000, value: 48, list: 64, calls: 400 } as const;

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Hex with 0x or decimal, `_` allowed between digits, as the argument boxes accept. */
export const VALUE_TEXT = /^(?:0x[0-9a-f]+(?:_[0-9a-f]+)*|[0-9]+(?:_[0-9]+)*)$/i;
const REGISTER = /^[a-z][a-z0-9_]*$/i;

const id = v.pipe(
  v.string('must be text'),
  v.maxLength(48, 'must be at most 48 characters'),
  v.regex(KEBAB, 'must be kebab-case: lower-case letters and digits joined by single hyphens ("my-call-2")'),
);
const name = v.pipe(v.string('must be text'), v.minLength(1, 'must not be empty'), v.maxLength(LIMITS.name, `must be at most ${LIMITS.name} characters`));
const text = v.pipe(v.string('must be text'), v.maxLength(LIMITS.text, `must be at most ${LIMITS.text} characters`));
const register = v.pipe(
  v.string('must be a register name'),
  v.maxLength(16, 'must be a register name (at most 16 characters)'),
  v.regex(REGISTER, 'must be a register name such as x1, r0, rax or a0'),
);
const registers = v.pipe(v.array(register, 'must be a list of register names'), v.maxLength(LIMITS.list, `must list at most ${LIMITS.list} registers`));

const VALUE_MESSAGE = 'must be a non-negative number: hex with 0x ("0x84000000") or decimal ("42")';

/** A register value: a hex or decimal string, or a JSON number that is a safe non-negative integer. */
export const valueSchema = v.union(
  [
    v.pipe(v.string(), v.maxLength(LIMITS.value, `is too long for a register value`), v.regex(VALUE_TEXT, VALUE_MESSAGE)),
    v.pipe(
      v.number(),
      v.integer(VALUE_MESSAGE),
      v.minValue(0, VALUE_MESSAGE),
      v.maxValue(Number.MAX_SAFE_INTEGER, 'is too large for a JSON number; write it as a hex string'),
    ),
  ],
  VALUE_MESSAGE,
);
export type ValueText = v.InferOutput<typeof valueSchema>;

const IMM_MESSAGE = 'must be a non-negative whole number (hex with 0x, or decimal), or "call" when the immediate selects the call';

/** The immediate: a number, or a hex or decimal string as every other number in the format, or "call". */
const imm = v.union(
  [
    v.pipe(v.number(), v.integer(IMM_MESSAGE), v.minValue(0, IMM_MESSAGE)),
    v.literal('call'),
    v.pipe(
      v.string(),
      v.maxLength(LIMITS.value, IMM_MESSAGE),
      v.regex(VALUE_TEXT, IMM_MESSAGE),
      v.transform((t) => Number(BigInt(t.replace(/_/g, '')))),
    ),
  ],
  IMM_MESSAGE,
);

const fixedInput = v.strictObject({ register, name, meaning: text, value: valueSchema }, 'must be an object with register, name, meaning and value');

// ---------------------------------------------------------------- beyond the general-purpose registers
// MSR cells (SEV's GHCB MSR), bit-field layouts of a value, and arguments in
// memory (the GHCB page, FF-A's descriptors). Shapes only, as everywhere here.

/** Cap on a memory argument's size: a few pages is more than any interface passes in one area. */
const MAX_MEMORY_BYTES = 1 << 20;

const wholeNumber = (what: string, max: number) => {
  const message = `must be ${what}: a whole number from 0 to ${max} (decimal, or hex with 0x)`;
  return v.union(
    [
      v.pipe(v.number(), v.integer(message), v.minValue(0, message), v.maxValue(max, message)),
      v.pipe(
        v.string(),
        v.maxLength(LIMITS.value, message),
        v.regex(VALUE_TEXT, message),
        v.transform((t) => BigInt(t.replace(/_/g, ''))),
        v.maxValue(BigInt(max), message),
        v.transform(Number),
      ),
    ],
    message,
  );
};

/** An MSR drawn as a cell of the register file, after the architecture's own registers. MSRs are 64 bits wide. */
const msrSchema = v.strictObject(
  {
    register,
    index: v.pipe(
      valueSchema,
      v.check((x) => BigInt(typeof x === 'number' ? x : x.replace(/_/g, '')) <= 0xffffffffn, 'must be an MSR index of at most 32 bits (0xFFFFFFFF)'),
    ),
    name,
  },
  'must be an object with register (the cell name), index and name (the MSR as the sources name it)',
);

const KEY = /^[a-z][a-z0-9_]*$/i;
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

const bitField = v.strictObject(
  {
    key: v.pipe(
      v.string('must be text'),
      v.maxLength(32, 'must be at most 32 characters'),
      v.regex(KEY, 'must be a short key such as info or gfn: letters, digits and _'),
    ),
    name,
    hi: wholeNumber('the highest bit', 127),
    lo: wholeNumber('the lowest bit', 127),
    /** What known values of the field mean, by decimal value: { "4": "GHCB_MSR_CPUID_REQ" }. */
    names: v.optional(
      v.pipe(
        v.record(v.pipe(v.string(), v.maxLength(40), v.regex(DECIMAL, 'must be a decimal value')), name, 'must be an object from decimal values to names'),
        v.check((r) => Object.keys(r).length <= LIMITS.list, `must name at most ${LIMITS.list} values`),
      ),
    ),
    /** A value the field must hold (reserved bits, 0). */
    mustBe: v.optional(valueSchema),
  },
  'must be an object with key, name, hi and lo, and optionally names and mustBe',
);

/** The fields of an argument's or result's value; as wide as its register. */
const layoutSchema = v.strictObject(
  {
    name,
    fields: v.pipe(
      v.array(bitField, 'must be a list of bit-fields'),
      v.minLength(1, 'must have at least one field'),
      v.maxLength(LIMITS.list, `must have at most ${LIMITS.list} fields`),
    ),
  },
  'must be an object with name and fields',
);

const DIRECTIONS = ['in', 'out', 'inout'] as const;
const direction = v.picklist(DIRECTIONS, 'must be "in" (the caller writes it), "out" (the callee writes it) or "inout"');

const memoryField = v.strictObject(
  {
    name,
    offset: wholeNumber('a byte offset', MAX_MEMORY_BYTES - 1),
    bytes: wholeNumber('a size in bytes', MAX_MEMORY_BYTES),
    direction,
    meaning: text,
    /** What the caller writes ("in", "inout"). */
    example: v.optional(valueSchema),
    /** What the callee writes back ("out", "inout"). */
    result: v.optional(valueSchema),
    resultMeaning: v.optional(text),
    /** The field holds the call's number (the GHCB's sw_exit_code), so a reader does not set it. */
    selects: v.optional(v.literal(true, 'must be true, or left out')),
  },
  'must be an object with name, offset, bytes, direction and meaning, and optionally example, result, resultMeaning and selects',
);

/** An argument in memory: where its address travels (a register or MSR cell the call loads), or its address, and its fields. */
const memorySchema = v.strictObject(
  {
    name,
    register: v.optional(register),
    buffer: v.optional(name),
    address: v.optional(valueSchema),
    size: wholeNumber(`a size in bytes up to ${MAX_MEMORY_BYTES}`, MAX_MEMORY_BYTES),
    direction,
    fields: v.pipe(v.array(memoryField, 'must be a list of fields'), v.maxLength(LIMITS.list, `must have at most ${LIMITS.list} fields`)),
  },
  'must be an object with name, size, direction and fields, and optionally register, buffer and address',
);

const argument = v.strictObject(
  { name, meaning: text, example: valueSchema, register: v.optional(register), layout: v.optional(layoutSchema) },
  'must be an object with name, meaning, example and optionally register and layout',
);

const result = v.strictObject(
  { name, meaning: text, example: valueSchema, exampleMeaning: v.optional(text), register: v.optional(register), layout: v.optional(layoutSchema) },
  'must be an object with name, meaning, example and optionally exampleMeaning, register and layout',
);

const call = v.strictObject(
  {
    id,
    name,
    number: valueSchema,
    args: v.pipe(v.array(argument, 'must be a list of arguments'), v.maxLength(LIMITS.list, `must have at most ${LIMITS.list} entries`)),
    results: v.pipe(v.array(result, 'must be a list of results'), v.maxLength(LIMITS.list, `must have at most ${LIMITS.list} entries`)),
    summary: v.optional(text),
    /** What the callee does, one sentence, present tense (shown in the "handle" step). */
    handles: v.optional(text),
    /** False for calls that only come back when they fail (PSCI CPU_OFF). */
    returnsOnSuccess: v.optional(v.boolean('must be true or false')),
    /** Values this call loads besides its number (RISC-V SBI's function id in a6). */
    fixed: v.optional(v.pipe(v.array(fixedInput, 'must be a list of fixed inputs'), v.maxLength(8, 'must have at most 8 entries'))),
    /** What this call lets the callee change, and what it keeps, where that differs from the convention (TDX's TDG.VP.VMCALL leaf). */
    clobbered: v.optional(registers),
    preserved: v.optional(registers),
    /** Arguments and results in memory (the GHCB page), beside the registers. */
    memory: v.optional(v.pipe(v.array(memorySchema, 'must be a list of memory arguments'), v.maxLength(8, 'must have at most 8 entries'))),
    /** The levels this call crosses, when not the convention's (RSI_HOST_CALL leaves the realm for the host). */
    path: v.optional(pathSchema),
  },
  'must be an object with id, name, number, args and results',
);

const convention = v.strictObject(
  {
    id,
    name,
    arch: v.picklist(ARCH_IDS, `must be one of ${ARCH_IDS.join(', ')}`),
    /** Mnemonic of one of the architecture's built-in trap instructions. */
    instruction: v.pipe(v.string('must be an instruction mnemonic such as hvc, smc, vmcall, vmmcall or ecall'), v.maxLength(40, 'is too long')),
    imm,
    /** null when only the immediate selects the call. */
    selector: v.nullable(register),
    selectorName: name,
    /** What selects the call when neither a selector register nor the immediate does: "GHCBInfo (bits 11:0 of the GHCB MSR)". */
    selectedBy: v.optional(name),
    /** MSRs drawn as cells after the architecture's registers, usable wherever a register is (x86 only). */
    msrs: v.optional(v.pipe(v.array(msrSchema, 'must be a list of MSR cells'), v.maxLength(8, 'must have at most 8 entries'))),
    slotBits: v.picklist([16, 32, 64, 128], 'must be 16, 32, 64 or 128'),
    args: registers,
    results: registers,
    clobbered: registers,
    preserved: registers,
    /**
     * Result registers the callee keeps when a call does not use them (SMCCC
     * 1.2 keeps x4-x17). Kept apart from `preserved` so that a register can
     * never be listed as both kept and a result.
     */
    resultsKeptWhenUnused: v.optional(registers),
    usesSmcccFunctionId: v.boolean('must be true or false'),
    /** The level the trap enters, when not the instruction's usual one (one of the architecture's levels). */
    target: v.optional(v.pipe(v.string('must be a level name such as EL2, EL3, host or M'), v.maxLength(16, 'is too long'))),
    /** Who handles the call there, in a few words: "the hypervisor". */
    handler: v.optional(name),
    era: v.optional(name),
    summary: v.optional(text),
    /** Loaded on every call before the selector (VMware's magic in eax). */
    fixed: v.optional(v.pipe(v.array(fixedInput, 'must be a list of fixed inputs'), v.maxLength(8, 'must have at most 8 entries'))),
    /** What the callee answers for a number it does not implement. */
    unknownCall: v.optional(v.strictObject({ value: valueSchema, name }, 'must be an object with value and name')),
    /**
     * The built-in convention this one was copied from, with its register
     * roles as copied (copy.ts, rolesOf): the prose is the original's, so
     * the app says so once the roles are changed.
     */
    copiedFrom: v.optional(v.strictObject({ id, name, roles: text }, 'must be an object with id, name and roles')),
    /** The levels every call crosses, when more than the trap's one (path.ts): R-EL1 -> R-EL2 -> R-EL1 for a realm's RSI call. */
    path: v.optional(pathSchema),
  },
  'must be an object describing the convention',
);

export const customDefinitionSchema = v.strictObject(
  {
    trapscope: v.literal(FORMAT_TAG, `must be "${FORMAT_TAG}"`),
    version: v.literal(FORMAT_VERSION, `must be ${FORMAT_VERSION}`),
    convention,
    calls: v.pipe(v.array(call, 'must be a list of calls'), v.maxLength(LIMITS.calls, `must have at most ${LIMITS.calls} calls`)),
  },
  'must be a JSON object with trapscope, version, convention and calls',
);

export type CustomDefinition = v.InferOutput<typeof customDefinitionSchema>;
export type CustomConvention = CustomDefinition['convention'];
export type CustomCall = CustomDefinition['calls'][number];
export type CustomArgument = CustomCall['args'][number];
export type CustomResult = CustomCall['results'][number];
export type CustomFixed = NonNullable<CustomCall['fixed']>[number];
export type CustomArchId = CustomConvention['arch'];
export type CustomLayout = v.InferOutput<typeof layoutSchema>;
export type CustomMemory = v.InferOutput<typeof memorySchema>;
export type CustomMsr = v.InferOutput<typeof msrSchema>;

/** A value as a bigint; the schema guarantees the text is a number. */
export function valueOf(x: ValueText): bigint {
  return typeof x === 'number' ? BigInt(x) : BigInt(x.replace(/_/g, ''));
}
