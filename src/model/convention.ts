import type { Architecture, InstructionDef } from './arch';
import type { BitLayout, FieldValues } from './bits';
import type { ExceptionDef, HandlerPath } from './exception';
import type { Path } from './path';
import type { Note, Source } from './source';

/**
 * A value loaded on every call, not chosen by the caller: HV_FUNC_ID in x0
 * for Hyper-V's SMCCC calls, VMware's magic in eax, RISC-V's function id in a6.
 */
export interface FixedInput {
  register: string;
  name: string;
  meaning: string;
  value: bigint;
  /** Fields to show it as, when it has a layout (an SMCCC function id). */
  layout?: BitLayout;
  sources: readonly Source[];
}

/**
 * How a call is made on one architecture. Eras are separate conventions
 * (SMCCC 1.0 and 1.1 differ in what survives a call), linked by `family`.
 */
export interface Convention {
  id: string;
  /** "SMCCC 1.1 · HVC64 (AArch64)" */
  name: string;
  family: string;
  familyName: string;
  /** "1.1", "2019 hvc #1 ABI"; what distinguishes this convention within its family. */
  era: string;
  summary: string;
  arch: Architecture;
  instruction: InstructionDef;
  /**
   * Execution state of the level that takes the trap, when the syndrome's
   * register is named differently there (a 32-bit kernel's stub in AArch32
   * Hyp mode reads HSR); unset, the syndrome's own register name holds.
   */
  targetState?: string;
  /** The immediate; 'call' when the immediate itself selects the call (Gunyah 2022). */
  imm: number | 'call';
  /** Register holding the function id or call number, as written (x0, w0, r0). */
  selector?: string;
  /** What the selector holds, in the sources' words: "function ID", "hypercall number", "control word". */
  selectorName: string;
  /**
   * What selects the call when neither a selector register nor the immediate
   * does, in a few words: "GHCBInfo, bits 11:0 of the GHCB MSR" (SEV's MSR
   * protocol), "sw_exit_code in the GHCB page".
   */
  selectedBy?: string;
  /** Loaded on every call before the selector. */
  fixed?: readonly FixedInput[];
  /** Width of an argument or result slot, in bits. */
  slotBits: number;
  /** Argument registers in order, as the architecture writes them for this slot width. */
  args: readonly string[];
  results: readonly string[];
  /** Registers whose contents are unknown after any call. */
  clobbered: readonly string[];
  /**
   * Registers the callee keeps. A result register is lost when a call leaves
   * it unused unless it is listed here (SMCCC 1.2 keeps x4-x17 then; x1-x3
   * are not promised).
   */
  preserved: readonly string[];
  roleSources: {
    args: readonly Source[];
    results: readonly Source[];
    clobbered: readonly Source[];
    preserved: readonly Source[];
  };
  /**
   * Layout of the selector's value (SMCCC function id, Hyper-V control word)
   * and the fields every call under this convention has (bit 30 = SMC64).
   */
  functionId?: { layout: BitLayout; fixed: FieldValues };
  /** What the callee returns for a call id it does not implement. */
  unknownCall?: { value: bigint; name: string; sources: readonly Source[] };
  /** Who makes the call, when it is not a guest kernel ("the host kernel" for the hyp-stub); the narration adds where it runs. */
  caller?: string;
  /** Who handles the call at the target level, in a few words: "the hypervisor", "firmware (EL3)". */
  handler: string;
  /**
   * How the CPU enters and leaves the handler for this convention's trap, as
   * the hypervisor or firmware that takes it does (a VM exit's handler and its
   * step past the instruction are that hypervisor's); unset where the catalog
   * does not describe the instruction. Carried by the convention so that it
   * arrives with its family's chunk.
   */
  exception?: ExceptionDef;
  /** The handler's code path, as the source of one hypervisor or firmware that implements the convention shows it, where Trapscope has one. */
  handlerPath?: HandlerPath;
  /** Other eras of the same family, so the reader can follow how the ABI changed. */
  eraLinks?: readonly { id: string; relation: 'earlier' | 'later' | 'related'; why: string }[];
  /** The levels every call under this convention crosses, when more than one (a call's own `path` wins); unset, the call is a single hop to `instruction.target`. */
  path?: Path;
  /** A variant of another convention's setting that changes how some calls go (FF-A under pKVM): each call reads its `variants[variant]` here. */
  variant?: string;
  sources: readonly Source[];
  notes: readonly Note[];
}
