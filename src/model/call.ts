import type { Convention, FixedInput } from './convention';
import type { BitLayout, FieldValues } from './bits';
import type { Path } from './path';
import type { MemoryArg } from './memory';
import type { Note, Source } from './source';
import type { RegisterMask } from './mask';
import type { RunDef } from './pair';
import type { HandlerPath } from './exception';
import { decodeFields } from './bits';
import { cellOf } from './arch';

export interface ArgDef {
  name: string;
  meaning: string;
  /** Register, when the call takes it somewhere other than the next argument slot. */
  register?: string;
  /** A sensible value for teaching, used until the reader types another. */
  example: bigint;
  /** Set when the value's bits select registers to hand on (TDG.VP.VMCALL's RCX): the model reads which. */
  mask?: RegisterMask;
  /** Fields of the value, when the argument is a bit-field (an SEV GHCB MSR request: code in bits 11:0, data above). */
  layout?: BitLayout;
  /** The id of the run (Call.runs) this register is one part of. */
  run?: string;
  sources: readonly Source[];
}

export interface ResultDef {
  name: string;
  meaning: string;
  /** Register, when the call returns it somewhere other than the next result slot. */
  register?: string;
  /** A plausible value, clearly labelled as an example. */
  example: bigint;
  exampleMeaning: string;
  /** A different example for some eras: SMCCC_VERSION answers with the era's own version. */
  exampleByEra?: Readonly<Record<string, { example: bigint; exampleMeaning: string }>>;
  /** Fields to decode the value into (the Hyper-V result value: status, reps completed). */
  layout?: BitLayout;
  /** The id of the run (Call.runs) this register is one part of. */
  run?: string;
  sources: readonly Source[];
}

/**
 * The number that selects the call, with the value its source states.
 * `how` says whether the source writes the number itself ('literal') or only
 * a macro whose expansion we worked out by hand ('expanded'); the model's
 * codec must agree with either.
 */
export interface CallNumber {
  value: bigint;
  /** Fields it was built from, when the convention has a function-id layout. */
  fields?: FieldValues;
  stated: { value: bigint; how: 'literal' | 'expanded'; source: Source };
}

export interface Call {
  id: string;
  name: string;
  family: string;
  summary: string;
  number: CallNumber;
  /** Values this call always loads besides its number (RISC-V's function id in a6). */
  fixed?: readonly FixedInput[];
  args: readonly ArgDef[];
  results: readonly ResultDef[];
  /** Values that span several registers (a 64-byte measurement in x1-x8, a handle in w2/w3); their registers are among args or results. */
  runs?: readonly RunDef[];
  /** What the callee does, one sentence, present tense. */
  handles: string;
  /** False for calls such as CPU_OFF that only come back when they fail. */
  returnsOnSuccess: boolean;
  /**
   * What survives this call, where its rules differ from its convention's
   * (TDX's TDG.VP.VMCALL leaf, made with __tdcall_saved_ret, against the
   * other leaves' __tdcall): these lists replace the convention's, with the
   * sources that state them.
   */
  rules?: { clobbered?: readonly string[]; preserved?: readonly string[]; sources: readonly Source[] };
  /**
   * The levels this call crosses when only some calls of its convention go
   * further (an FF-A direct request goes on to the SPMC). Used under
   * conventions whose trap instruction is `path.instruction`.
   */
  path?: Path;
  /** Whose code handles this call, when not its convention's: a call pKVM's FF-A proxy answers at EL2 never reaches the firmware its convention's handler path describes. */
  handlerPath?: HandlerPath;
  /** Arguments and results that travel in memory (the GHCB page, FF-A's descriptors), beside the registers. */
  memory?: readonly MemoryArg[];
  /** What the call becomes under a convention variant (Convention.variant), by the variant's name. */
  variants?: Readonly<Record<string, CallVariant>>;
  sources: readonly Source[];
  notes: readonly Note[];
}

/**
 * A call under a variant of its conventions: FF-A under pKVM, where the
 * host's smc stops at EL2 first and pKVM's proxy forwards, answers or refuses
 * it. What is set replaces the call's own; notes are added to its own.
 */
export interface CallVariant {
  path?: Path;
  handlerPath?: HandlerPath;
  /** The call's memory under the variant: none where it is refused before anything is read or mapped. */
  memory?: readonly MemoryArg[];
  handles?: string;
  results?: readonly ResultDef[];
  rules?: Call['rules'];
  notes?: readonly Note[];
}

/** The call as its convention's variant makes it; the call itself under a convention without one. */
export function callUnder(conv: Pick<Convention, 'variant'>, call: Call): Call {
  const v = conv.variant === undefined ? undefined : call.variants?.[conv.variant];
  if (!v) return call;
  return {
    ...call,
    ...(v.path ? { path: v.path } : {}),
    ...(v.handlerPath ? { handlerPath: v.handlerPath } : {}),
    ...(v.memory ? { memory: v.memory } : {}),
    ...(v.handles ? { handles: v.handles } : {}),
    ...(v.results ? { results: v.results } : {}),
    ...(v.rules ? { rules: v.rules } : {}),
    notes: [...call.notes, ...(v.notes ?? [])],
  };
}

/** The registers a call lets the callee change, and those it keeps: its own rules where it has them, else its convention's. */
export function registerRules(conv: Convention, call: Call): { clobbered: readonly string[]; preserved: readonly string[]; sources: readonly Source[] } {
  return {
    clobbered: call.rules?.clobbered ?? conv.clobbered,
    preserved: call.rules?.preserved ?? conv.preserved,
    sources: [...(call.rules?.clobbered ? [] : conv.roleSources.clobbered), ...(call.rules?.preserved ? [] : conv.roleSources.preserved), ...(call.rules?.sources ?? [])],
  };
}

/**
 * Whether a call can be made under a convention: same family and, where the
 * convention fixes function-id fields (SMC32 vs SMC64), the call's id agrees.
 */
export function callFits(conv: Convention, call: Call): boolean {
  if (conv.family !== call.family) return false;
  if (call.args.filter((a) => !a.register).length > conv.args.length) return false;
  if (!conv.functionId) return true;
  const fields = decodeFields(conv.functionId.layout, call.number.value);
  return Object.entries(conv.functionId.fixed).every(([k, v]) => fields[k] === v);
}

/** The register each argument goes in: its own, or the next free argument slot. */
export function argRegisters(conv: Convention, call: { readonly args: readonly Pick<ArgDef, 'register'>[] }): string[] {
  let next = 0;
  return call.args.map((a) => a.register ?? conv.args[next++]!);
}

/** Registers a reader may type into for this call: the selector, then each argument. */
export function editableSlots(conv: Convention, call: Call): { register: string; bits: number }[] {
  const regs = [...(conv.selector ? [conv.selector] : []), ...argRegisters(conv, call)];
  return regs.map((register) => ({ register, bits: cellOf(conv.arch, register)?.bits ?? 0 }));
}
