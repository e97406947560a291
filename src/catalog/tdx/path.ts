import type { Hop, Path, Place } from '../../model/path';
import type { Note } from '../../model/source';
import { formatHex } from '../../model/value';
import { SAVED_RET_REGS } from './arch';
import { OPERAND_INVALID_RCX, TDVMCALL_EXPOSE_REGS_MASK, tdExitQualification, vmcallExitReason } from './mask';
import { ghci, guestTdx, kvmTdx, src } from './sources';

/**
 * How a TDG.VP.VMCALL crosses the levels: the TD's tdcall exits to the TDX
 * module, which shows the VMM the registers RCX selects by returning from the
 * SEAMCALL TDH.VP.ENTER that KVM used to run the TD; KVM handles the call and
 * runs the TD again with the next TDH.VP.ENTER, through the module, which
 * copies back only the registers RCX selected. The module's side is read in
 * its 1.5.01 source, KVM's in arch/x86/kvm/vmx/tdx.c; the GHCI is not read.
 */

const td: Place = { level: 'TD', world: 'td', who: 'the TD guest kernel' };

/** What the VMM receives when the TD sends Linux's bitmap: computed from the module's two structures. */
const USUAL_RAX = formatHex(vmcallExitReason());
const USUAL_RCX = formatHex(tdExitQualification(TDVMCALL_EXPOSE_REGS_MASK));

const moduleVersion: Note = {
  kind: 'unconfirmed',
  text:
    'What the TDX module does here is read in Intel’s source for module 1.5.01 (intel/tdx-module, tag TDX_1.5.01); other module releases were not read and may differ. ' +
    'The GHCI section Linux points to ("TDCALL [TDG.VP.VMCALL] leaf") and the module specification’s TDH.VP.ENTER output tables were not read, so the rules are the code’s, not the specification’s.',
  sources: [src.rcxChecked, src.copyToVmm, src.backToTd, ghci('"TDCALL [TDG.VP.VMCALL] leaf"'), src.vpEnterOutputs],
};

const rbpAndXmm: Note = {
  kind: 'info',
  text:
    'RCX is wider than the register picture: bits 16–31 (XMM_SELECT) expose XMM0–XMM15 to the VMM the same way (not drawn here; Linux sets none), and bit 5 exposes RBP, which Linux never does. ' +
    'A TD configured with NO_RBP_MOD has bit 5 refused as well, and the VMM’s RBP left as it was instead of cleared.',
  sources: [src.control, src.copyToVmm, src.rcxChecked],
};

const exitReasonNote: Note = {
  kind: 'info',
  text:
    'KVM does not handle EXIT_REASON_TDCALL (77) as such for every call: tdx_to_vmx_exit_reason makes it EXIT_REASON_VMCALL (18) when R10 is not 0, the sub-function’s own exit reason for CPUID, HLT, IO and MSR read/write, ' +
    'EXIT_REASON_EPT_MISCONFIG (49) for MMIO, and leaves EXIT_REASON_TDCALL for the GHCI’s own calls, which go to handle_tdvmcall.',
  sources: [src.toExitReason, src.leafToExit, src.handleExit, src.exitReasons],
};

const unexposedReadAnyway: Note = {
  kind: 'info',
  text:
    'KVM does not look at the exit qualification’s GPR_SELECT: it reads R10–R15 from vp_enter_args whatever the TD exposed, so a register the TD kept hidden reaches KVM as 0.',
  sources: [src.kvmExitQual, src.exitType, src.copyToVmm],
};

const moduleOut: Hop = {
  level: 'TDX module',
  world: 'seam',
  who: 'the TDX module',
  enter: { how: 'trap', instruction: 'x86-tdcall', imm: 0 },
  sees: `The TD’s tdcall is a VM exit into the TDX module in SEAM VMX root mode. RAX = 0 names TDG.VP.VMCALL; RCX says which registers the VMM may see. The module refuses an RCX with bit 0, 1 or 4 or any of bits 63:32 set: TDCALL then returns TDX_OPERAND_INVALID for RCX (${formatHex(OPERAND_INVALID_RCX)}) in RAX and the VMM is not called.`,
  passes: { kind: 'mask', register: 'rcx', also: ['rax', 'rcx'] },
  passesHow:
    'the SEAMCALL TDH.VP.ENTER with which KVM ran the TD returns: the module writes the exit reason to RAX and the exit qualification to RCX, copies each register RCX selects and clears the others',
  sources: [src.who, src.hypercall, src.rcxChecked, src.copyToVmm, src.exitReasonToVmm],
  notes: [moduleVersion, rbpAndXmm],
};

const vmm: Hop = {
  level: 'VMM',
  world: 'host',
  who: 'KVM',
  enter: { how: 'forward', what: 'the return of KVM’s SEAMCALL TDH.VP.ENTER, with the TD’s exit in RAX and RCX' },
  sees:
    `KVM finds the exit reason in RAX: VMEXIT_REASON_TDCALL (77; bit 26 set when the module reports a bus-lock preemption), ${USUAL_RAX} for Linux’s call. ` +
    `RCX is the TD exit qualification, not the TD’s RCX: GPR_SELECT and XMM_SELECT as the TD gave them in bits 31:0 and the VM in bits 33:32 (0 for the TD itself), ${USUAL_RCX} for Linux’s bitmap; KVM keeps it as exit_qualification. ` +
    'It reads R10 (tdvmcall_exit_type) and R11 (tdvmcall_leaf), turns the exit into the exit reason it handles (tdx_to_vmx_exit_reason) and dispatches it in tdx_handle_exit.',
  passes: { kind: 'listed', registers: [...SAVED_RET_REGS] },
  passesHow: 'KVM writes the status to R10 (tdvmcall_set_return_code) and any value to R11 in vp_enter_args, and runs the TD again: tdh_vp_enter(&tdx->vp, &tdx->vp_enter_args)',
  sources: [src.kvmExitQual, src.kvmExitReason, src.exitReasonLayout, src.exitQual, src.exitType, src.toExitReason, src.handleExit, src.exitReasons],
  notes: [exitReasonNote, unexposedReadAnyway],
};

const moduleBack: Hop = {
  level: 'TDX module',
  world: 'seam',
  who: 'the TDX module',
  enter: { how: 'forward', what: 'SEAMCALL TDH.VP.ENTER, a VM exit from VMX root mode into SEAM VMX root mode' },
  sees: 'The module takes from the VMM’s registers only those the TD’s RCX selected, sets RAX to TDX_SUCCESS (0) and RCX back to the TD’s bitmap, and resumes the TD; every other register keeps the TD’s own value.',
  passes: { kind: 'mask', register: 'rcx', also: ['rax', 'rcx'] },
  passesHow: 'a VM entry into the TD, with the TD’s saved registers, the VMM’s values in the registers RCX selected, RAX = 0 and RCX as the TD sent it',
  sources: [src.enterExit, kvmTdx('tdx_vcpu_enter_exit(): tdh_vp_enter(&tdx->vp, &tdx->vp_enter_args)'), src.seamcallExit, src.backToTd],
  notes: [moduleVersion],
};

const home: Hop = {
  ...td,
  enter: { how: 'forward', what: 'a VM entry by the TDX module' },
  sees:
    'The TD finds the VMM’s status in R10 and any answer in R11–R15. Linux’s __tdcall_saved_ret then copies every register into struct tdx_module_args and zeroes the shared ones.',
  sources: [src.hypercall, src.savedRet, src.scrub, src.backToTd, guestTdx('tdx_map_gpa(): map_fail_paddr = args.r11 ("R11 comes from the untrusted VMM. Sanity check it.")')],
};

export const vmcallPath: Path = {
  instruction: 'x86-tdcall',
  from: td,
  out: [moduleOut, vmm],
  back: [moduleBack, home],
  sources: [src.who, src.enterExit, src.copyToVmm, src.backToTd],
};
