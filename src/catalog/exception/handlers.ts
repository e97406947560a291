import type { HandlerPath } from '../../model/exception';
import type { Convention } from '../../model/convention';
import type { Source } from '../../model/source';
import { linux, xen } from '../docs';
import { tlfs } from '../hyperv/sources';
import { AT, opensbi } from '../riscv/sources';

/** KVM on arm64: from __kvm_hyp_vector to the SMCCC handler and, for PSCI, kvm_psci_call. */
const kvmArm64: HandlerPath = {
  who: 'KVM on arm64 (Linux), one hypervisor that implements it',
  steps: [
    {
      fn: '__kvm_hyp_vector → el1_sync',
      what: 'the vector entry for a synchronous exception from EL1; el1_trap leaves the guest through __guest_exit with ARM_EXCEPTION_TRAP',
      sources: [linux('arch/arm64/kvm/hyp/hyp-entry.S', '__kvm_hyp_vector: valid_vect el1_sync; el1_trap: b __guest_exit')],
    },
    {
      fn: 'handle_exit → handle_trap_exceptions',
      what: 'ARM_EXCEPTION_TRAP: pick the handler for the syndrome’s EC',
      sources: [linux('arch/arm64/kvm/handle_exit.c', 'handle_exit(): case ARM_EXCEPTION_TRAP: return handle_trap_exceptions(vcpu)')],
    },
    {
      fn: 'arm_exit_handlers[ESR_ELx_EC_HVC64] = handle_hvc',
      what: 'the table indexed by EC (HVC32 and HVC64 both go to handle_hvc)',
      sources: [linux('arch/arm64/kvm/handle_exit.c', 'arm_exit_handlers[]: [ESR_ELx_EC_HVC32] = handle_hvc, [ESR_ELx_EC_HVC64] = handle_hvc; kvm_get_exit_handler()')],
    },
    {
      fn: 'kvm_smccc_call_handler',
      what: 'reads the function ID from x0 (smccc_get_function), checks the SMCCC filter, and answers the SMCCC calls it knows; the rest go on',
      sources: [linux('arch/arm64/kvm/hypercalls.c', 'kvm_smccc_call_handler(): func_id = smccc_get_function(vcpu); kvm_smccc_get_action(); switch (func_id)')],
    },
    {
      fn: 'kvm_psci_call',
      what: 'the default case of kvm_smccc_call_handler: the PSCI function is handled by KVM’s PSCI emulation',
      onlyFor: 'psci-',
      sources: [linux('arch/arm64/kvm/hypercalls.c', 'kvm_smccc_call_handler(): default: return kvm_psci_call(vcpu)'), linux('arch/arm64/kvm/psci.c', 'kvm_psci_call()')],
    },
  ],
};

/** Xen on Arm: the guest-sync trap handler, the HVC immediate check, and the hypercall table. */
const xenArm: HandlerPath = {
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

/** OpenSBI: the M-mode trap handler, the ecall dispatcher, and the extension found by a7. */
const openSbi: HandlerPath = {
  who: 'OpenSBI, the reference SBI implementation',
  steps: [
    {
      fn: 'sbi_trap_handler',
      what: 'switches on mcause: CAUSE_SUPERVISOR_ECALL goes to the ecall handler',
      sources: [opensbi('lib/sbi/sbi_trap.c', AT.osbiTrap, 'sbi_trap_handler(): case CAUSE_SUPERVISOR_ECALL: case CAUSE_MACHINE_ECALL: rc = sbi_ecall_handler(tcntx)')],
    },
    {
      fn: 'sbi_ecall_handler',
      what: 'reads the extension ID from a7 and the function ID from a6, finds the extension, calls it, and writes a0 (error) and a1 (value); then mepc += 4',
      sources: [
        opensbi(
          'lib/sbi/sbi_ecall.c',
          AT.osbiEcall,
          'sbi_ecall_handler(): extension_id = regs->a7; func_id = regs->a6; ext = sbi_ecall_find_extension(extension_id); ret = ext->handle(…); regs->mepc += 4',
        ),
      ],
    },
    {
      fn: 'ext->handle',
      what: 'the extension’s own handler (registered with sbi_ecall_register_extension: base, time, IPI, RFENCE, HSM, SRST …)',
      sources: [opensbi('lib/sbi/sbi_ecall.c', AT.osbiEcall, 'sbi_ecall_find_extension(): extid_start <= extid <= extid_end; sbi_ecall_init() registers the extensions')],
    },
  ],
};

/** KVM on x86 with VMX: the exit reason indexes the exit handlers; VMCALL goes to kvm_emulate_hypercall. */
const kvmX86: HandlerPath = {
  who: 'KVM on x86 (Linux), VMX',
  steps: [
    {
      fn: 'vmx_handle_exit',
      what: 'after the VM exit, looks the basic exit reason up in kvm_vmx_exit_handlers',
      sources: [linux('arch/x86/kvm/vmx/vmx.c', 'vmx_handle_exit(): exit_reason.basic; kvm_vmx_exit_handlers[]')],
    },
    {
      fn: 'kvm_vmx_exit_handlers[EXIT_REASON_VMCALL] = kvm_emulate_hypercall',
      what: 'the VMCALL exit’s handler (on AMD, svm_exit_handlers[SVM_EXIT_VMMCALL] leads to the same function)',
      sources: [
        linux('arch/x86/kvm/vmx/vmx.c', 'kvm_vmx_exit_handlers[]: [EXIT_REASON_VMCALL] = kvm_emulate_hypercall'),
        linux('arch/x86/kvm/svm/svm.c', 'svm_exit_handlers[]: [SVM_EXIT_VMMCALL] = kvm_emulate_hypercall'),
      ],
    },
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

const closed = (who: string, text: string, sources: readonly Source[]): HandlerPath => ({
  who,
  steps: [],
  closed: { text, sources },
});

/** The handler path of the hypervisor that owns a convention, where Trapscope has one. */
export function handlerFor(conv: Convention): HandlerPath | undefined {
  const ins = conv.instruction.id;
  if (conv.family === 'smccc' && (ins === 'a64-hvc' || ins === 'a32-hvc')) return kvmArm64;
  if (conv.family === 'xen' && (ins === 'a64-hvc' || ins === 'a32-hvc')) return xenArm;
  if (conv.family === 'riscv-sbi') return openSbi;
  if (conv.family === 'kvm-x86') return kvmX86;
  if (conv.family.startsWith('hyperv'))
    return closed('Microsoft Hyper-V', 'The hypervisor’s source is not public: Microsoft documents the hypercall ABI (the TLFS), not the code that handles it.', [
      tlfs('Hypercall interface'),
    ]);
  if (conv.family.startsWith('vmware'))
    return closed('VMware', 'The hypervisor’s source is not public: the backdoor is known from its guests (Linux, open-vm-tools), not from the code that handles it.', [
      linux('arch/x86/include/asm/vmware.h', 'the backdoor as Linux calls it'),
    ]);
  return undefined;
}
