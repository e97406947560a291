import type { BitLayout } from './bits';
import type { EncodedInstruction, Syndrome } from './encoding';
import type { Plan } from './plan';
import type { Source } from './source';
import { formatHex } from './value';

/**
 * What the CPU does to its state when the trap instruction runs and when the
 * callee returns: the exception entry (return address, saved state, syndrome,
 * new PC) and the exception return. Kept apart from the plan so that the plan
 * stays the register story of the call and this the CPU's side of it.
 */

/** One register the CPU (or the handler) writes, with what it writes and why. */
export interface Effect {
  register: string;
  /** What goes in, as the sources state it: "the address of hvc + 4", "PSTATE", "0x5A000000". */
  value: string;
  why: string;
  sources: readonly Source[];
  /** Set on the effect that writes the syndrome, so its fields can be shown with it. */
  syndrome?: Syndrome;
  /** Set when the value is a word computed from fields (an exit qualification), so they can be shown with it. */
  word?: { layout: BitLayout; value: bigint };
}

/**
 * A vector table: groups of entries, each `entryBytes` long (AArch64: four
 * groups of four 0x80-byte entries; AArch32 Hyp: one group of eight words).
 * The offset is computed from the group and the entry, not typed in.
 */
export interface VectorTable {
  base: string;
  entryBytes: number;
  entriesPerGroup: number;
  /** Which group (AArch64: 0 current EL with SP0, 1 current EL with SPx, 2 lower EL in AArch64, 3 lower EL in AArch32). */
  group: number;
  groupName: string;
  /** Which entry in the group (AArch64: 0 synchronous, 1 IRQ, 2 FIQ, 3 SError). */
  entry: number;
  entryName: string;
  sources: readonly Source[];
}

export function vectorOffset(v: VectorTable): number {
  return (v.group * v.entriesPerGroup + v.entry) * v.entryBytes;
}

/** Where the CPU continues after the entry: a vector table slot, or one fixed address register. */
export type Destination = { kind: 'vector'; table: VectorTable } | { kind: 'register'; register: string; why: string; sources: readonly Source[] };

/** Catalog data for one trap instruction: how the CPU enters the handler and how it comes back. */
export interface ExceptionDef {
  /** The id of the InstructionDef this describes. */
  instruction: string;
  /**
   * The instruction that traps, when the convention's instruction is a
   * sequence around it (Xen's hypercall-page stub: mov, vmcall, ret). Its
   * place in the sequence is found from its bytes, not typed in.
   */
  trapsOn?: {
    mnemonic: string;
    bytes: readonly number[];
    /** The sequence, when not the convention's own encoding (the AMD form of Xen's stub). */
    in?: readonly number[];
    within: string;
    sources: readonly Source[];
  };
  /** The execution state the handler runs in, for conventions that name one (`targetState`: AArch32 Hyp mode). */
  targetState?: string;
  /** The level the handler runs at. */
  level: string;
  /** The CPU's own name for the program counter: PC, RIP, pc. */
  pc: string;
  /** Where the address to return to is kept, and how far past the trap instruction it points (0: at it). */
  returnAddress: { register: string; bytesPast: 'none' | 'length'; why: string; sources: readonly Source[] };
  /** Other state saved on entry (PSTATE to SPSR_EL2), in the order the sources list it. */
  saved: readonly Effect[];
  /** Which of the trap's syndromes this entry records, by register, when not the first (SVM EXITCODE for an I/O instruction). */
  syndromeFrom?: string;
  /** The register the syndrome lands in, when not the one the plan names (ESR_EL3 for an SMC that reaches EL3). */
  syndromeRegister?: string;
  /** Why the syndrome reads as it does here, when the plan's wording fits another route (the plan's SMC syndrome is the trapped one). */
  syndromeWhy?: string;
  destination: Destination;
  /** What the handler must do before returning so the caller does not run the trap again. */
  advance?: { register: string; why: string; sources: readonly Source[] };
  /** The return instruction and what it restores. */
  resume: { instruction: string; restores: readonly Effect[]; sources: readonly Source[] };
  /** Said on screen: where this picture is a simplification or the sources are silent. */
  notes?: readonly { text: string; sources: readonly Source[] }[];
  /** The same instruction when a control bit routes it elsewhere (an SMC trapped to EL2 by HCR_EL2.TSC). */
  alternative?: { when: string; def: ExceptionDef };
}

export interface ExceptionFlow {
  def: ExceptionDef;
  /** The entry, in order: return address, saved state, syndrome, new PC. */
  entry: readonly Effect[];
  /** Bytes of the trap instruction, from its encoding. */
  length: number;
  /** Where the trapping instruction starts in the encoded sequence (0 unless `trapsOn` names one inside it). */
  offset: number;
  /** The handler's step before returning, when the entry left the return address at the trap instruction. */
  advance?: Effect;
  resume: { instruction: string; restores: readonly Effect[]; sources: readonly Source[] };
  alternative?: { when: string; flow: ExceptionFlow };
}

/** Bytes of an encoded instruction: 4 for a word ("0x…"), the count of bytes for an x86 sequence ("0F 01 C1", or "ED" alone). */
export function instructionLength(ins: EncodedInstruction): number {
  return ins.hex.startsWith('0x') ? (ins.hex.length - 2) / 2 : ins.hex.split(' ').length;
}

/** The instruction's name without its operands: "hvc" from "hvc #0", "rep outsb" from "rep outsb", "inl" from "inl (%dx), %eax". */
export function mnemonicOf(text: string): string {
  const words = text.split(' ');
  const end = words.findIndex((w) => !/^[a-z.]+$/.test(w));
  return words.slice(0, end < 0 ? words.length : Math.max(end, 1)).join(' ');
}

/** Where `bytes` first occurs in a byte sequence; -1 when it does not. */
export function findBytes(seq: readonly number[], bytes: readonly number[]): number {
  for (let i = 0; i + bytes.length <= seq.length; i++) if (bytes.every((b, j) => seq[i + j] === b)) return i;
  return -1;
}

/** The CPU's side of a plan's trap; undefined when its convention does not describe that instruction's entry. */
export function exceptionFor(plan: Pick<Plan, 'convention' | 'trap'>): ExceptionFlow | undefined {
  return plan.convention.exception && exceptionFlow(plan.convention.exception, plan.trap);
}

/** The CPU's side of the trap, computed from the catalog's description of the instruction and the plan's trap. */
export function exceptionFlow(
  def: ExceptionDef,
  trap: { instruction: EncodedInstruction; syndrome?: Syndrome; alsoSyndromes?: readonly Syndrome[] },
): ExceptionFlow {
  const inner = def.trapsOn;
  const offset = inner ? findBytes(inner.in ?? trap.instruction.hex.split(' ').map((b) => Number.parseInt(b, 16)), inner.bytes) : 0;
  if (offset < 0) throw new Error(`${def.instruction}: ${inner!.mnemonic} is not in ${inner!.within}`);
  const length = inner ? inner.bytes.length : instructionLength(trap.instruction);
  const syndrome = def.syndromeFrom === undefined ? trap.syndrome : trap.alsoSyndromes?.find((s) => s.register === def.syndromeFrom);
  const mnemonic = inner ? inner.mnemonic : mnemonicOf(trap.instruction.text);
  const at = inner ? ` (byte ${offset} of ${inner.within})` : '';
  const ra = def.returnAddress;
  const entry: Effect[] = [
    {
      register: ra.register,
      value: ra.bytesPast === 'length' ? `address of ${mnemonic} + ${length}${at}` : `address of ${mnemonic} itself${at}`,
      why: ra.why,
      sources: inner ? [...ra.sources, ...inner.sources] : ra.sources,
    },
    ...def.saved,
  ];
  if (syndrome) {
    entry.push({
      register: def.syndromeRegister ?? syndrome.register,
      value: formatHex(syndrome.value, 8),
      why: def.syndromeWhy ?? syndrome.className,
      sources: syndrome.sources,
      syndrome,
    });
  }
  const dest = def.destination;
  entry.push(
    dest.kind === 'vector'
      ? {
          register: def.pc,
          value: `${dest.table.base} + ${formatHex(BigInt(vectorOffset(dest.table)), 3)}`,
          why: `the vector for a ${dest.table.entryName} exception from a ${dest.table.groupName}`,
          sources: dest.table.sources,
        }
      : { register: def.pc, value: dest.register, why: dest.why, sources: dest.sources },
  );
  const advance = def.advance && {
    register: def.advance.register,
    value: `${def.advance.register} + ${length}`,
    why: def.advance.why,
    sources: def.advance.sources,
  };
  const alt = def.alternative && { when: def.alternative.when, flow: exceptionFlow(def.alternative.def, trap) };
  return { def, entry, length, offset, advance, resume: def.resume, alternative: alt };
}

/**
 * What the handler does with the trap, as the source of one hypervisor or
 * firmware that implements the convention shows it: the functions from the
 * vector to the call's own handler. Where the handler's source is not
 * public, `closed` says so instead.
 */
export interface HandlerPath {
  /** Whose code this is: "KVM on arm64 (Linux)". */
  who: string;
  steps: readonly HandlerStep[];
  closed?: { text: string; sources: readonly Source[] };
  /** Said on screen under the steps: where the code was read, and what the sources leave open. */
  notes?: readonly { text: string; sources: readonly Source[] }[];
}

export interface HandlerStep {
  fn: string;
  what: string;
  sources: readonly Source[];
  /** Taken only by calls whose id starts with one of these (PSCI calls go on to kvm_psci_call). */
  onlyFor?: readonly string[];
  /** Not taken by calls whose id starts with one of these (FFA_ID_GET is answered before the forward). */
  notFor?: readonly string[];
}

/** The handler path a plan's call takes: its own (a call variant's), else its convention's. */
export function handlerPathFor(plan: Pick<Plan, 'call' | 'convention'>): HandlerPath | undefined {
  return plan.call.handlerPath ?? plan.convention.handlerPath;
}

/** The steps a given call goes through. */
export function handlerSteps(path: HandlerPath, callId: string): readonly HandlerStep[] {
  const matches = (prefixes: readonly string[]) => prefixes.some((p) => callId.startsWith(p));
  return path.steps.filter((s) => (s.onlyFor === undefined || matches(s.onlyFor)) && !(s.notFor && matches(s.notFor)));
}
