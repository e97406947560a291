import type { HandlerPath } from '../../model/exception';
import { linux } from '../docs';

/** KVM on x86: the exit reason (VMX) or exit code (SVM) indexes the exit handlers; VMCALL and VMMCALL both reach kvm_emulate_hypercall. */
function kvmX86(vendor: 'vmx' | 'svm'): HandlerPath {
  const first =
    vendor === 'vmx'
      ? {
          fn: 'vmx_handle_exit',
          what: 'after the VM exit, looks the basic exit reason up in kvm_vmx_exit_handlers',
          sources: [linux('arch/x86/kvm/vmx/vmx.c', 'vmx_handle_exit(): exit_reason.basic; kvm_vmx_exit_handlers[]')],
        }
      : {
          fn: 'svm_handle_exit → svm_invoke_exit_handler',
          what: 'after #VMEXIT, looks the VMCB’s exit code up in svm_exit_handlers',
          sources: [linux('arch/x86/kvm/svm/svm.c', 'svm_invoke_exit_handler(): "return svm_exit_handlers[exit_code](vcpu)"')],
        };
  const table =
    vendor === 'vmx'
      ? {
          fn: 'kvm_vmx_exit_handlers[EXIT_REASON_VMCALL] = kvm_emulate_hypercall',
          what: 'the VMCALL exit’s handler',
          sources: [linux('arch/x86/kvm/vmx/vmx.c', 'kvm_vmx_exit_handlers[]: [EXIT_REASON_VMCALL] = kvm_emulate_hypercall')],
        }
      : {
          fn: 'svm_exit_handlers[SVM_EXIT_VMMCALL] = kvm_emulate_hypercall',
          what: 'the VMMCALL exit’s handler, the same function VMCALL reaches on Intel',
          sources: [linux('arch/x86/kvm/svm/svm.c', 'svm_exit_handlers[]: [SVM_EXIT_VMMCALL] = kvm_emulate_hypercall')],
        };
  return {
    who: `KVM on x86 (Linux), ${vendor === 'vmx' ? 'Intel VMX' : 'AMD SVM'}`,
    steps: [
      first,
      table,
      {
        fn: 'kvm_emulate_hypercall → __kvm_emulate_hypercall',
        what: 'unless the VM is set up for Xen or Hyper-V hypercalls (kvm_xen_hypercall, kvm_hv_hypercall), reads the number from rax and the arguments from rbx, rcx, rdx, rsi, switches on the number and writes the result to rax; complete_hypercall_exit then skips the instruction',
        sources: [
          linux('arch/x86/kvm/x86.c', 'kvm_emulate_hypercall(): kvm_xen_hypercall_enabled / kvm_hv_hypercall_enabled, then __kvm_emulate_hypercall(…, complete_hypercall_exit)'),
          linux('arch/x86/kvm/x86.c', '____kvm_emulate_hypercall(): nr = kvm_rax_read(vcpu); a0 = kvm_rbx_read(vcpu); … switch (nr)'),
          linux('arch/x86/kvm/x86.c', 'complete_hypercall_exit(): return kvm_skip_emulated_instruction(vcpu)'),
        ],
      },
    ],
  };
}
export const kvmVmx = kvmX86('vmx');
export const kvmSvm = kvmX86('svm');
