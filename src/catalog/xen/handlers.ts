import type { HandlerPath } from '../../model/exception';
import { xen } from '../docs';
import { xenX86Source } from './sources';

/** Xen on Arm: the guest-sync trap handler, the HVC immediate check, and the hypercall table. */
export const xenArmHandler: HandlerPath = {
  who: 'Xen on Arm',
  steps: [
    {
      fn: 'do_trap_guest_sync',
      what: 'switches on the syndrome’s EC; case HSR_EC_HVC64 (HSR_EC_HVC32 from AArch32)',
      sources: [xen('xen/arch/arm/traps.c', 'do_trap_guest_sync(): switch ( hsr.ec ) case HSR_EC_HVC64')],
    },
    {
      fn: 'do_trap_hypercall(regs, &regs->x16, hsr.iss)',
      what: 'the immediate must be XEN_HYPERCALL_TAG (else an undefined-instruction exception); the hypercall number is x16 (r12 from AArch32)',
      sources: [xen('xen/arch/arm/traps.c', 'do_trap_hypercall(): "if ( hsr.iss != XEN_HYPERCALL_TAG )" … inject_undef_exception')],
    },
    {
      fn: 'the hypercall table',
      what: 'the handler for the number (arm_hypercall_table[*nr].fn; in current Xen call_handlers_arm, generated from the hypercall definitions); an unknown number returns -ENOSYS',
      sources: [xen('xen/arch/arm/traps.c', 'do_trap_hypercall(): call = arm_hypercall_table[*nr].fn, later call_handlers_arm(*nr, …)')],
    },
  ],
};

const XEN_HVM = 'xen/arch/x86/hvm';

/** Xen on x86 (HVM/PVH): the VMCALL or VMMCALL exit reaches hvm_hypercall, which dispatches on eax. */
export const xenX86Handler: HandlerPath = {
  who: 'Xen on x86 (HVM and PVH guests)',
  steps: [
    {
      fn: 'vmx_vmexit_handler (Intel) / svm_vmexit_handler (AMD)',
      what: 'switches on the exit reason: EXIT_REASON_VMCALL or VMEXIT_VMMCALL calls hvm_hypercall',
      sources: [
        xenX86Source(`${XEN_HVM}/vmx/vmx.c`, 'vmx_vmexit_handler(): "case EXIT_REASON_VMCALL:" … "if ( hvm_hypercall(regs) == HVM_HCALL_completed ) update_guest_eip()"'),
        xenX86Source(`${XEN_HVM}/svm/svm.c`, 'svm_vmexit_handler(): "case VMEXIT_VMMCALL:" … "if ( hvm_hypercall(regs) == HVM_HCALL_completed ) __update_guest_eip(regs, insn_len)"'),
      ],
    },
    {
      fn: 'hvm_hypercall',
      what: 'reads the number from eax (rax in 64-bit mode); calls the handler with rdi, rsi, rdx, r10, r8 (64-bit) or ebx, ecx, edx, esi, edi (32-bit); the result is in rax',
      sources: [
        xenX86Source(
          `${XEN_HVM}/hypercall.c`,
          'hvm_hypercall(): "int mode = hvm_guest_x86_mode(curr)" … "call_handlers_hvm64(eax, regs->rax, regs->rdi, regs->rsi, regs->rdx, …)" / "call_handlers_hvm32(eax, regs->eax, regs->ebx, regs->ecx, regs->edx, …)"',
        ),
      ],
    },
    {
      fn: 'update_guest_eip',
      what: 'once the call has completed (not preempted), the exit handler moves the guest past the vmcall or vmmcall',
      sources: [xenX86Source(`${XEN_HVM}/vmx/vmx.c`, 'vmx_vmexit_handler(): "update_guest_eip(); /* Safe: VMCALL */"')],
    },
  ],
};
