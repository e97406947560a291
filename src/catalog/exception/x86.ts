import type { Effect, ExceptionDef } from '../../model/exception';
import { linux } from '../docs';

/**
 * A VM exit and the VM entry that ends it, as KVM drives them: the CPU records
 * the exit in the VMCS (or VMCB), jumps to the host's HOST_RIP, and KVM moves
 * the guest's RIP past the instruction before VMRESUME.
 */

const VMX_C = 'arch/x86/kvm/vmx/vmx.c';
const VMX_H = 'arch/x86/include/asm/vmx.h';

const exitRecords: Effect[] = [
  {
    register: 'VMCS VM_EXIT_INSTRUCTION_LEN',
    value: 'the length of the instruction, in bytes',
    why: 'so the VMM can step the guest past it',
    sources: [linux(VMX_H, 'enum vmcs_field: VM_EXIT_INSTRUCTION_LEN'), linux(VMX_C, 'skip_emulated_instruction(): vmcs_read32(VM_EXIT_INSTRUCTION_LEN)')],
  },
];

export const vmcallExit: ExceptionDef = {
  instruction: 'x86-vmcall',
  level: 'host',
  pc: 'RIP',
  returnAddress: {
    register: 'VMCS GUEST_RIP',
    bytesPast: 'none',
    why: 'the guest state saved on exit: RIP still points at the VMCALL, which the VMM has to skip',
    sources: [linux(VMX_H, 'enum vmcs_field: GUEST_RIP'), linux(VMX_C, 'skip_emulated_instruction(): "rip = kvm_rip_read(vcpu)"')],
  },
  saved: exitRecords,
  syndromeWhy: 'the basic exit reason in VM_EXIT_REASON: 18, VMCALL',
  destination: {
    kind: 'register',
    register: 'VMCS HOST_RIP',
    why: 'the host state in the VMCS: KVM points HOST_RIP at vmx_vmexit',
    sources: [linux(VMX_C, 'vmx_set_constant_host_state(): "vmcs_writel(HOST_RIP, (unsigned long)vmx_vmexit)"')],
  },
  advance: {
    register: 'GUEST_RIP',
    why: 'KVM adds the VM-exit instruction length to the guest’s RIP',
    sources: [linux(VMX_C, 'skip_emulated_instruction(): "rip += vmcs_read32(VM_EXIT_INSTRUCTION_LEN); kvm_rip_write(vcpu, rip)"')],
  },
  resume: {
    instruction: 'VMRESUME',
    restores: [
      {
        register: 'RIP',
        value: 'GUEST_RIP',
        why: 'VM entry loads the guest state from the VMCS, so the guest runs on after the VMCALL',
        sources: [linux('arch/x86/kvm/vmx/vmenter.S', '__vmx_vcpu_run: vmresume (vmlaunch on the first entry)')],
      },
    ],
    sources: [linux('arch/x86/kvm/vmx/vmenter.S', '__vmx_vcpu_run')],
  },
};

export const vmmcallExit: ExceptionDef = {
  ...vmcallExit,
  instruction: 'x86-vmmcall',
  returnAddress: {
    register: 'VMCB save.rip',
    bytesPast: 'none',
    why: 'the guest state saved on #VMEXIT: RIP still points at the VMMCALL',
    sources: [linux('arch/x86/kvm/svm/svm.c', 'skip_emulated_instruction(): kvm_rip_read(vcpu)')],
  },
  saved: [
    {
      register: 'VMCB control.next_rip',
      value: 'the address after the instruction (with NRIPS)',
      why: 'so the VMM can step the guest past it',
      sources: [linux('arch/x86/kvm/svm/svm.c', 'skip_emulated_instruction(): "if (nrips && svm->vmcb->control.next_rip != 0) svm->next_rip = svm->vmcb->control.next_rip"')],
    },
  ],
  syndromeWhy: 'EXITCODE in the VMCB: 0x081, VMMCALL',
  destination: {
    kind: 'register',
    register: 'the instruction after VMRUN',
    why: 'on #VMEXIT the host continues after its VMRUN',
    sources: [linux('arch/x86/kvm/svm/vmenter.S', '__svm_vcpu_run: vmrun')],
  },
  advance: {
    register: 'RIP',
    why: 'KVM sets the guest’s RIP to next_rip',
    sources: [linux('arch/x86/kvm/svm/svm.c', 'skip_emulated_instruction(): "kvm_rip_write(vcpu, svm->next_rip)"')],
  },
  resume: {
    instruction: 'VMRUN',
    restores: [
      {
        register: 'RIP',
        value: 'VMCB save.rip',
        why: 'VMRUN loads the guest state from the VMCB',
        sources: [linux('arch/x86/kvm/svm/vmenter.S', '__svm_vcpu_run: vmrun')],
      },
    ],
    sources: [linux('arch/x86/kvm/svm/vmenter.S', '__svm_vcpu_run')],
  },
};
