import type { BitLayout } from './bits';
import type { Source } from './source';

export type ArchId = 'aarch64' | 'aarch32' | 'x86-64' | 'x86' | 'riscv64';

/** A register drawn as one cell of the register file. */
export interface RegisterDef {
  name: string;
  bits: number;
  /** Another name the architecture gives the same cell (r13 is sp). */
  alias?: string;
  /** Set when the cell is a model-specific register that carries a call (SEV's GHCB MSR), not a general-purpose one. */
  msr?: { index: number; name: string; sources: readonly Source[] };
}

/** A narrower name for part of a cell: w1 is the low 32 bits of x1. */
export interface RegisterView {
  name: string;
  of: string;
  bits: number;
}

/** A privilege level or mode drawn as a lane: EL1, EL2, EL3, VMX non-root… */
export interface Level {
  id: string;
  name: string;
  /** Who normally runs there, in plain words. */
  who: string;
  /** How a sentence places someone running there: "at EL1", "in S-mode". */
  where: string;
  /** Other names of the same place a caller's description may use ("SVC mode" for AArch32 EL1), so a sentence names it once. */
  aka?: readonly string[];
}

/**
 * How an instruction is laid out in memory, so that its encoding is computed
 * from the immediate rather than typed in. `pieces` move bit ranges of the
 * immediate to positions in the word (A32 HVC splits imm16 in two).
 */
export type Encoding =
  | {
      kind: 'word';
      base: number;
      pieces: readonly { immHi: number; immLo: number; at: number }[];
      sources: readonly Source[];
    }
  | {
      kind: 'bytes';
      bytes: readonly number[];
      /** Where a little-endian immediate goes (Xen's stub: mov $nr, %eax has nr at byte 1). */
      imm?: { offset: number; size: number };
      sources: readonly Source[];
    };

/** What the hypervisor is told about the trap, as fields of a syndrome layout. */
export interface SyndromeDef {
  /** The register that holds it: ESR_EL2, or the VM-exit reason field. */
  register: string;
  /**
   * The name the same register has when the level taking the trap runs in
   * another execution state, keyed by that state (AArch32 Hyp mode reads HSR
   * where AArch64 EL2 reads ESR_EL2). Conventions pick one with `targetState`.
   */
  registerIn?: Readonly<Record<string, { register: string; sources: readonly Source[] }>>;
  layout: BitLayout;
  /** Fixed fields (EC, IL); `immField` names the field that receives the immediate. */
  fixed: Readonly<Record<string, bigint>>;
  immField?: string;
  /** Name of the exception class or exit reason, as the sources spell it. */
  className: string;
  sources: readonly Source[];
}

export interface InstructionDef {
  id: string;
  mnemonic: string;
  /**
   * How the instruction is written when it is not "mnemonic #imm": a
   * template with {imm}, and a scale applied to the immediate first
   * ("call hypercall_page+{imm}" with scale 32).
   */
  syntax?: { template: string; scale?: number };
  /** Width of the immediate; 0 when the instruction has none. */
  immBits: number;
  encoding: Encoding;
  /** What happens when it runs: which level it enters, how EL2 learns of it. */
  target: string;
  /** Set when EL2 only sees this instruction if a control bit traps it. */
  trappedBy?: { level: string; control: string; sources: readonly Source[] };
  syndrome?: SyndromeDef;
  /** Other views of the same trap: the SVM exit code beside the VMX exit reason. */
  alsoSyndromes?: readonly SyndromeDef[];
  /** What a freestanding C function making this trap needs beyond the asm statement: declarations, and why it looks as it does. */
  inlineAsm?: { declarations?: readonly string[]; /** How the asm statement writes it, when not as its text (VMGEXIT as "rep; vmmcall"). */ template?: string; note: string };
  sources: readonly Source[];
}

export interface Architecture {
  id: ArchId;
  name: string;
  /** Cells of the register file, in drawing order. */
  registers: readonly RegisterDef[];
  views: readonly RegisterView[];
  /** Lanes, least privileged first. */
  levels: readonly Level[];
  /** The level a guest kernel runs at. */
  guestLevel: string;
  /** How the callee gets back to the caller: "eret" on Arm, "mret" on RISC-V, "VM entry (VMRESUME/VMRUN)" on x86. */
  returnInstruction: string;
  instructions: Readonly<Record<string, InstructionDef>>;
  sources: readonly Source[];
}

/** The cell a register name refers to: x1 for w1, rax for eax, r13 for sp. */
export function cellOf(arch: Architecture, name: string): { cell: string; bits: number } | undefined {
  const lower = name.toLowerCase();
  const direct = arch.registers.find((r) => r.name === lower || r.alias === lower);
  if (direct) return { cell: direct.name, bits: direct.bits };
  const view = arch.views.find((v) => v.name === lower);
  if (view) return { cell: view.of, bits: view.bits };
  return undefined;
}

export function hasRegister(arch: Architecture, name: string): boolean {
  return cellOf(arch, name) !== undefined;
}

/** The cells that are model-specific registers (SEV's GHCB MSR), drawn with their index and bit-field beside the registers. */
export function msrCells(arch: Architecture): RegisterDef[] {
  return arch.registers.filter((r) => r.msr);
}
