import type { Hop, Path, Place } from '../../model/path';
import type { Note } from '../../model/source';
import { SAVED_RET_REGS } from './arch';
import { ghci, guestTdx, kvmTdx, src } from './sources';

/**
 * How a TDG.VP.VMCALL crosses the levels: the TD's tdcall exits to the TDX
 * module, which shows the VMM the registers RCX selects by returning from the
 * SEAMCALL TDH.VP.ENTER that KVM used to run the TD; KVM handles the call and
 * runs the TD again with the next TDH.VP.ENTER, through the module. KVM's side
 * is read (arch/x86/kvm/vmx/tdx.c); the module's code and the GHCI are not.
 */

const td: Place = { level: 'TD', world: 'td', who: 'the TD guest kernel' };

const moduleNotRead: Note = {
  kind: 'unconfirmed',
  text:
    'What the TDX module does between the TD and the VMM is not drawn from its code, which was not read: that it saves the TD’s registers, shows the VMM only those RCX selects, and restores the TD’s context on TDH.VP.ENTER ' +
    'is what Linux’s comments and KVM’s reading of vp_enter_args imply. The GHCI section Linux points to ("TDCALL [TDG.VP.VMCALL] leaf") and the module’s "TDH.VP.ENTER Output Operands Definition" were not read.',
  sources: [src.exposeMask, src.vpEnterOutputs, src.enterExit, ghci('"TDCALL [TDG.VP.VMCALL] leaf"')],
};

const exitReasonNote: Note = {
  kind: 'info',
  text:
    'KVM does not handle EXIT_REASON_TDCALL (77) as such for every call: tdx_to_vmx_exit_reason makes it EXIT_REASON_VMCALL (18) when R10 is not 0, the sub-function’s own exit reason for CPUID, HLT, IO and MSR read/write, ' +
    'EXIT_REASON_EPT_MISCONFIG (49) for MMIO, and leaves EXIT_REASON_TDCALL for the GHCI’s own calls, which go to handle_tdvmcall.',
  sources: [src.toExitReason, src.leafToExit, src.handleExit, src.exitReasons],
};

const moduleOut: Hop = {
  level: 'TDX module',
  world: 'seam',
  who: 'the TDX module',
  enter: { how: 'trap', instruction: 'x86-tdcall', imm: 0 },
  sees: 'The TD’s tdcall is a VM exit into the TDX module in SEAM VMX root mode. RAX = 0 names TDG.VP.VMCALL; RCX says which registers the VMM may see.',
  passes: { kind: 'mask', register: 'rcx' },
  passesHow: 'the SEAMCALL TDH.VP.ENTER with which KVM ran the TD returns, the exposed registers in vp_enter_args',
  sources: [src.who, src.hypercall, src.bitmask, src.enterExit],
  notes: [moduleNotRead],
};

const vmm: Hop = {
  level: 'VMM',
  world: 'host',
  who: 'KVM',
  enter: { how: 'forward', what: 'the return of KVM’s SEAMCALL TDH.VP.ENTER, with EXIT_REASON_TDCALL (77) as its result' },
  sees:
    'KVM reads R10 (tdvmcall_exit_type) and R11 (tdvmcall_leaf) from vp_enter_args, turns the exit into the exit reason it handles (tdx_to_vmx_exit_reason) and dispatches it in tdx_handle_exit.',
  passes: { kind: 'listed', registers: [...SAVED_RET_REGS] },
  passesHow: 'KVM writes the status to R10 (tdvmcall_set_return_code) and any value to R11 in vp_enter_args, and runs the TD again: tdh_vp_enter(&tdx->vp, &tdx->vp_enter_args)',
  sources: [src.enterExit, src.exitType, src.toExitReason, src.handleExit, src.exitReasons],
  notes: [exitReasonNote],
};

const moduleBack: Hop = {
  level: 'TDX module',
  world: 'seam',
  who: 'the TDX module',
  enter: { how: 'forward', what: 'SEAMCALL TDH.VP.ENTER, a VM exit from VMX root mode into SEAM VMX root mode' },
  sees: 'The module takes the VMM’s answer and resumes the TD (its code was not read).',
  passes: { kind: 'all' },
  passesHow: 'a VM entry into the TD, with the TD’s saved registers and the VMM’s answers',
  sources: [src.enterExit, kvmTdx('tdx_vcpu_enter_exit(): tdh_vp_enter(&tdx->vp, &tdx->vp_enter_args)'), src.seamcallExit],
  notes: [moduleNotRead],
};

const home: Hop = {
  ...td,
  enter: { how: 'forward', what: 'a VM entry by the TDX module' },
  sees:
    'The TD finds the VMM’s status in R10 and any answer in R11–R15. Linux’s __tdcall_saved_ret then copies every register into struct tdx_module_args and zeroes the shared ones.',
  sources: [src.hypercall, src.savedRet, src.scrub, guestTdx('tdx_map_gpa(): map_fail_paddr = args.r11 ("R11 comes from the untrusted VMM. Sanity check it.")')],
};

export const vmcallPath: Path = {
  instruction: 'x86-tdcall',
  from: td,
  out: [moduleOut, vmm],
  back: [moduleBack, home],
  sources: [src.who, src.enterExit],
};
