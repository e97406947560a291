import type { ExceptionDef, HandlerPath, HandlerStep } from '../../model/exception';
import type { Source } from '../../model/source';
import { formatHex } from '../../model/value';
import { githubFile } from '../docs';
import { src as tdx } from '../tdx/sources';

/**
 * TDCALL as the TDX module takes it. The module is Intel's code, published
 * in intel/tdx-module; it was read at two stored commits (the dispatcher and
 * the TD VMCS set-up at one, the TDG.VP.VMCALL handler at another), which
 * is said on screen. Intel's TDX module specification was not read.
 */

const MODULE = 'intel/tdx-module';
/** Where tdx_td_dispatcher.c and td_vmcs_init.c were read. */
export const MODULE_AT = '82d9eb6b82ac949d1da20f876d8d0d4c7a1dbf37';
/** Where tdg_vp_vmcall.c was read. */
export const MODULE_VMCALL_AT = 'e18f1edc999e3afe26a6b86e4ce7ba37838d1dad';

const dispatcher = (where: string): Source => githubFile(MODULE, 'src/td_dispatcher/tdx_td_dispatcher.c', MODULE_AT, where);
const vmcsInit = (where: string): Source => githubFile(MODULE, 'src/common/data_structures/td_vmcs_init.c', MODULE_AT, where);
const vpVmcall = (where: string): Source => githubFile(MODULE, 'src/td_dispatcher/vm_exits/tdg_vp_vmcall.c', MODULE_VMCALL_AT, where);

/** The basic exit reason a TDCALL leaves in the TD's VMCS, and the one KVM gets back from TDH.VP.ENTER for a TDG.VP.VMCALL. */
export const EXIT_REASON_TDCALL = 77;

export const moduleSrc = {
  hostRip: vmcsInit('init_td_vmcs(): "void (*td_entry_func_ptr)(void) = tdx_tdexit_entry_point;" … "ia32_vmwrite(VMX_HOST_RIP_ENCODE, (uint64_t)td_entry_func_ptr)"'),
  exitReason: dispatcher('tdx_td_dispatcher(): save_guest_td_gpr_state_on_td_vmexit(); "ia32_vmread(VMX_VM_EXIT_REASON_ENCODE, &vm_exit_reason.raw)"; switch (vm_exit_reason.basic_reason): "case VMEXIT_REASON_TDCALL: td_call(tdx_local_data_ptr, &interrupt_occurred)"'),
  gprs: dispatcher('save_guest_td_gpr_state_on_td_vmexit(): "move them from local data area (already saved there by assembly prologue) to current TDVPS": guest_state.rax … guest_state.r15'),
  tdCall: dispatcher('td_call(): "switch (tdx_local_data_ptr->td_regs.rax)": TDG_MEM_PAGE_ACCEPT_LEAF, TDG_MR_REPORT_LEAF, TDG_VP_INFO_LEAF, … "case TDG_VP_VMCALL_LEAF: //Special case. will (or may) not return to the TD but to go to VMM. retval = tdg_vp_vmcall(tdx_local_data_ptr->td_regs.rcx)"; default: TDX_OPERAND_INVALID'),
  leafResult: dispatcher('td_call(): "if (*interrupt_occurred == false) tdx_local_data_ptr->vp_ctx.tdvps->guest_state.rax = retval"'),
  advance: dispatcher('tdx_td_dispatcher(): "Check if we need to advance guest rip (only if no exception was injected)" … "advance_guest_rip()"; then "tdx_return_to_td(true)"'),
  returnToTd: dispatcher('tdx_return_to_td(): "// Exit to TD" tdx_tdentry_to_td(launch_state, &local_data_ptr->vp_ctx.tdvps->guest_state)'),
  vmcallTrapLike: vpVmcall('tdg_vp_vmcall(): "TDGVPVMCALL behaves as a trap-like TD exit. TDX-SEAM advances the guest TD RIP (in TD VMCS) to the instruction following TDCALL."'),
  vmcallCopy: vpVmcall(
    'tdg_vp_vmcall(): "Bits 0, 1 and 4 and 63:32 of RCX must be 0"; copy_gprs_data_from_td_to_vmm(): "vmm_regs.rcx = td_exit_qual.raw" (gpr_select, xmm_select); "RAX is not copied, RCX filled above, start from RDX": a selected GPR is copied, any other cleared (RBP kept with no_rbp_mod)',
  ),
  vmcallExit: vpVmcall('tdg_vp_vmcall(): "vm_exit_reason = { .raw = VMEXIT_REASON_TDCALL}" … "tdx_local_data_ptr->vmm_regs.rax = vm_exit_reason.raw"; td_vmexit_to_vmm(VCPU_READY, LAST_EXIT_TDVMCALL, …)'),
};

const twoCommits = {
  text:
    'The TDX module’s side is read in intel/tdx-module, Intel’s published source, at two stored commits: the dispatcher and the TD VMCS set-up at 82d9eb6b, the TDG.VP.VMCALL handler at e18f1edc (which of the two is newer, and which module release runs on a given machine, was not determined). ' +
    'Linux itself only says that TDCALL goes to the TDX module (tdxcall.S); Intel’s TDX module specification was not read.',
  sources: [moduleSrc.exitReason, moduleSrc.vmcallTrapLike, tdx.who],
};

/** TDCALL: a VM exit from the TD to the TDX module, which steps the TD past the tdcall itself. */
export const tdcallExit: ExceptionDef = {
  instruction: 'x86-tdcall',
  level: 'TDX module',
  pc: 'RIP',
  returnAddress: {
    register: 'TD VMCS GUEST_RIP',
    bytesPast: 'none',
    why: 'TDCALL is a VM exit from the TD (SEAM VMX non-root) to the TDX module (SEAM VMX root): the TD’s RIP is saved at the tdcall, in the TD’s VMCS, which only the module reads; the module steps it past the tdcall itself',
    sources: [moduleSrc.exitReason, moduleSrc.advance],
  },
  saved: [
    {
      register: 'TD VMCS VM_EXIT_REASON',
      value: formatHex(BigInt(EXIT_REASON_TDCALL), 8),
      why: `basic exit reason ${EXIT_REASON_TDCALL}, EXIT_REASON_TDCALL: the module’s dispatcher reads it and switches on it`,
      sources: [tdx.exitReasons, moduleSrc.exitReason],
    },
    {
      register: 'TDVPS guest_state',
      value: 'RAX, RCX … R15 of the TD',
      why: 'the module’s entry saves the TD’s registers and the dispatcher moves them into the TD’s TDVPS; the leaf is RAX',
      sources: [moduleSrc.gprs],
    },
  ],
  destination: {
    kind: 'register',
    register: 'TD VMCS HOST_RIP',
    why: 'the host state of the TD’s VMCS: the TDX module points HOST_RIP at tdx_tdexit_entry_point, which calls tdx_td_dispatcher',
    sources: [moduleSrc.hostRip],
  },
  advance: {
    register: 'GUEST_RIP',
    why: 'the TDX module moves the TD past the tdcall: after a leaf it handles, tdx_td_dispatcher calls advance_guest_rip(); for TDG.VP.VMCALL, a “trap-like TD exit”, before it goes to the VMM',
    sources: [moduleSrc.advance, moduleSrc.vmcallTrapLike],
  },
  resume: {
    instruction: 'VM entry (by the TDX module)',
    restores: [
      {
        register: 'RIP',
        value: 'GUEST_RIP',
        why: 'tdx_return_to_td enters the TD again with its TDVPS state: it runs on after the tdcall, RAX holding the leaf’s status',
        sources: [moduleSrc.returnToTd, moduleSrc.leafResult],
      },
    ],
    sources: [moduleSrc.returnToTd],
  },
  notes: [twoCommits],
};

const moduleEntry: HandlerStep = {
  fn: 'tdx_tdexit_entry_point → tdx_td_dispatcher',
  what: 'the TD VMCS’s HOST_RIP: saves the TD’s registers, reads the exit reason; EXIT_REASON_TDCALL goes to td_call',
  sources: [moduleSrc.hostRip, moduleSrc.exitReason],
};

const tdCallStep = (vmcall: boolean): HandlerStep => ({
  fn: 'td_call',
  what: vmcall
    ? 'switches on the leaf in RAX: TDG_VP_VMCALL_LEAF (0) goes to tdg_vp_vmcall with RCX, “will (or may) not return to the TD but to go to VMM”'
    : 'switches on the leaf in RAX and calls its handler (an unknown leaf gets TDX_OPERAND_INVALID); the status goes to the TD’s RAX, then advance_guest_rip() and back into the TD',
  sources: vmcall ? [moduleSrc.tdCall] : [moduleSrc.tdCall, moduleSrc.leafResult, moduleSrc.advance],
});

/** TDG.VP.VMCALL leaves that KVM takes at an exit reason of their own rather than through handle_tdvmcall. */
const EMULATED = ['tdx-vmcall-hlt', 'tdx-vmcall-cpuid', 'tdx-vmcall-rdmsr', 'tdx-vmcall-wrmsr', 'tdx-vmcall-io', 'tdx-vmcall-mmio'];

/** TDCALL leaves other than TDG.VP.VMCALL: the TDX module answers them itself. */
export const tdxModuleLeaf: HandlerPath = {
  who: 'the Intel TDX module (intel/tdx-module)',
  steps: [moduleEntry, tdCallStep(false)],
  notes: [twoCommits],
};

/** TDG.VP.VMCALL: the TDX module hands the call to KVM, which maps it to an exit reason and handles it. */
export const tdxVmcallKvm: HandlerPath = {
  who: 'the Intel TDX module (intel/tdx-module), then KVM (Linux) as the VMM',
  steps: [
    moduleEntry,
    tdCallStep(true),
    {
      fn: 'tdg_vp_vmcall → td_vmexit_to_vmm',
      what: `checks RCX (bits 0, 1, 4 and 63:32 must be 0); steps the TD past the tdcall; copies the registers RCX selects to the VMM’s and clears the others; puts the exit reason ${EXIT_REASON_TDCALL} in RAX and the selection in RCX; SEAMRET to the VMM`,
      sources: [moduleSrc.vmcallTrapLike, moduleSrc.vmcallCopy, moduleSrc.vmcallExit],
    },
    {
      fn: 'tdx_vcpu_enter_exit',
      what: `KVM’s SEAMCALL TDH.VP.ENTER returns with ${EXIT_REASON_TDCALL} (EXIT_REASON_TDCALL); KVM turns it into the exit reason it handles`,
      sources: [tdx.enterExit, tdx.exitReasons],
    },
    {
      fn: 'tdx_to_vmx_exit_reason',
      what: 'R10 not 0: EXIT_REASON_VMCALL (a KVM hypercall); else CPUID, HLT, I/O and MSR sub-functions become their own exit reason, MMIO EXIT_REASON_EPT_MISCONFIG, and the GHCI’s own calls stay EXIT_REASON_TDCALL',
      sources: [tdx.toExitReason, tdx.leafToExit],
    },
    {
      fn: 'tdx_handle_exit',
      what: 'switches on that exit reason: EXIT_REASON_TDCALL goes to handle_tdvmcall, EXIT_REASON_VMCALL to tdx_emulate_vmcall, the others to KVM’s handler for that exit',
      sources: [tdx.handleExit, tdx.emulateVmcall],
    },
    {
      fn: 'handle_tdvmcall',
      what: 'switches on the sub-function in R11; writes the status to R10 (an unknown one: TDVMCALL_STATUS_SUBFUNC_UNSUPPORTED)',
      notFor: EMULATED,
      sources: [tdx.handleTdvmcall, tdx.exitType],
    },
    {
      fn: 'the exit reason’s handler',
      what: 'KVM handles the call as the VM exit it stands for; the call’s own note names the function and the registers it reads and writes',
      onlyFor: EMULATED,
      sources: [tdx.handleExit, tdx.leafToExit, tdx.exitType],
    },
  ],
  notes: [
    twoCommits,
    {
      text: 'KVM enters the TD again with SEAMCALL TDH.VP.ENTER; the module (tdh_vp_enter.c, 1.5.01) copies back into the TD only the VMM’s registers that the TD’s RCX selected, and sets RAX to 0 and RCX to that bitmap.',
      sources: [tdx.backToTd, tdx.vpEnterOutputs],
    },
  ],
};
