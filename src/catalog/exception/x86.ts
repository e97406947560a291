import type { Effect, ExceptionDef } from '../../model/exception';
import type { Source } from '../../model/source';
import { linux } from '../docs';

/**
 * A VM exit and the VM entry that ends it. What the CPU records (the VMCS or
 * VMCB fields, where RIP is left) is the hardware's and the same under every
 * hypervisor; where the host continues and how it steps the guest past the
 * instruction belong to the hypervisor, so each comes from that hypervisor's
 * source, or is said to be unknown where the source is not public.
 */

const VMX_C = 'arch/x86/kvm/vmx/vmx.c';
const VMX_H = 'arch/x86/include/asm/vmx.h';
const SVM_C = 'arch/x86/kvm/svm/svm.c';

/** What one hypervisor does around the exit: its exit handler's address and how it moves RIP past the instruction. */
export interface VmHost {
  /** Why HOST_RIP holds what it holds. */
  hostRip: { why: string; sources: readonly Source[] };
  /** How the VMM moves RIP past the instruction on Intel (`len` is the instruction's length) and on AMD. */
  skipVmx: (mnemonic: string) => { why: string; sources: readonly Source[] };
  skipSvm: (mnemonic: string) => { why: string; sources: readonly Source[] };
  /** Said on screen with every exit drawn for this host. */
  notes?: readonly { text: string; sources: readonly Source[] }[];
}

/**
 * A VMM known only by what the CPU does and what its guests show: a
 * hypervisor whose source is not public (`who` names it, `guests` are the
 * guest sources that show it answers), or, for a convention written in the
 * app, any VMM.
 */
function vmmHost(closed?: { who: string; guests: readonly Source[] }): VmHost {
  const whose = closed ? `${closed.who}’s VMM is not public; ` : '';
  const inferred = (mnemonic: string) =>
    closed ? `; that ${closed.who}’s does is inferred from its guests, which run on after the ${mnemonic}` : '';
  const guests = closed?.guests ?? [];
  return {
    hostRip: {
      why: `the host state in the VMCS: the CPU continues at the exit handler the VMM wrote there (${whose}KVM, for one, writes vmx_vmexit)`,
      sources: [linux(VMX_H, 'enum vmcs_field: HOST_RIP'), linux(VMX_C, 'vmx_set_constant_host_state(): "vmcs_writel(HOST_RIP, …)", how KVM sets it')],
    },
    skipVmx: (mnemonic) => ({
      why: `the VMM must add the VM-exit instruction length to the guest’s RIP, or the guest would run the ${mnemonic} again${inferred(mnemonic)}`,
      sources: [linux(VMX_H, 'enum vmcs_field: VM_EXIT_INSTRUCTION_LEN'), ...guests],
    }),
    skipSvm: (mnemonic) => ({
      why: `the VMM must set the guest’s RIP past the ${mnemonic} (next_rip holds that address), or the guest would run it again${inferred(mnemonic)}`,
      sources: [linux('arch/x86/include/asm/svm.h', 'struct vmcb_control_area: next_rip'), ...guests],
    }),
    notes: closed && [
      {
        text: `${closed.who}’s VMM is not public: what the CPU records at the exit is the hardware’s and is shown as such; where the VMM’s exit handler is, and what it does, is not known from a source.`,
        sources: guests,
      },
    ],
  };
}

export const closedHost = (who: string, guests: readonly Source[]): VmHost => vmmHost({ who, guests });

/** For a convention whose hypervisor the catalog does not know (one written in the app). */
export const unknownHost: VmHost = vmmHost();

const exitLength: Effect = {
  register: 'VMCS VM_EXIT_INSTRUCTION_LEN',
  value: 'the length of the instruction, in bytes',
  why: 'so the VMM can step the guest past it',
  sources: [linux(VMX_H, 'enum vmcs_field: VM_EXIT_INSTRUCTION_LEN'), linux(VMX_C, 'skip_emulated_instruction(): vmcs_read32(VM_EXIT_INSTRUCTION_LEN)')],
};

const vmresume = (mnemonic: string) => ({
  instruction: 'VMRESUME',
  restores: [
    {
      register: 'RIP',
      value: 'GUEST_RIP',
      why: `VM entry loads the guest state from the VMCS, so the guest runs on after the ${mnemonic}`,
      sources: [linux('arch/x86/kvm/vmx/vmenter.S', '__vmx_vcpu_run: vmresume (vmlaunch on the first entry), as KVM enters')],
    },
  ],
  sources: [linux('arch/x86/kvm/vmx/vmenter.S', '__vmx_vcpu_run')],
});

const vmrun = {
  instruction: 'VMRUN',
  restores: [
    {
      register: 'RIP',
      value: 'VMCB save.rip',
      why: 'VMRUN loads the guest state from the VMCB',
      sources: [linux('arch/x86/kvm/svm/vmenter.S', '__svm_vcpu_run: vmrun, as KVM enters')],
    },
  ],
  sources: [linux('arch/x86/kvm/svm/vmenter.S', '__svm_vcpu_run')],
};

/** An exit on Intel (VMX): GUEST_RIP left at the instruction, the records, HOST_RIP, the VMM's step past it, VMRESUME. */
export function vmxExitDef(instruction: string, mnemonic: string, host: VmHost, records: readonly Effect[] = []): ExceptionDef {
  return {
    instruction,
    level: 'host',
    pc: 'RIP',
    returnAddress: {
      register: 'VMCS GUEST_RIP',
      bytesPast: 'none',
      why: `the guest state saved on exit: RIP still points at the ${mnemonic}, which the VMM has to skip`,
      sources: [linux(VMX_H, 'enum vmcs_field: GUEST_RIP'), linux(VMX_C, 'skip_emulated_instruction(): "rip = kvm_rip_read(vcpu)"')],
    },
    saved: [...records, exitLength],
    destination: { kind: 'register', register: 'VMCS HOST_RIP', ...host.hostRip },
    advance: { register: 'GUEST_RIP', ...host.skipVmx(mnemonic) },
    resume: vmresume(mnemonic),
    notes: host.notes,
  };
}

/** An exit on AMD (SVM): save.rip left at the instruction, the VMCB records, the host after its VMRUN, the VMM's step past it. */
export function svmExitDef(instruction: string, mnemonic: string, host: VmHost, records: readonly Effect[] = []): ExceptionDef {
  return {
    instruction,
    level: 'host',
    pc: 'RIP',
    returnAddress: {
      register: 'VMCB save.rip',
      bytesPast: 'none',
      why: `the guest state saved on #VMEXIT: RIP still points at the ${mnemonic}`,
      sources: [linux(SVM_C, 'skip_emulated_instruction(): kvm_rip_read(vcpu)')],
    },
    saved: [
      ...records,
      {
        register: 'VMCB control.next_rip',
        value: 'the address after the instruction (with NRIPS)',
        why: 'so the VMM can step the guest past it',
        sources: [linux(SVM_C, 'skip_emulated_instruction(): "if (nrips && svm->vmcb->control.next_rip != 0) svm->next_rip = svm->vmcb->control.next_rip"')],
      },
    ],
    destination: {
      kind: 'register',
      register: 'the instruction after VMRUN',
      why: 'on #VMEXIT the host continues after its VMRUN',
      sources: [linux('arch/x86/kvm/svm/vmenter.S', '__svm_vcpu_run: vmrun')],
    },
    advance: { register: 'RIP', ...host.skipSvm(mnemonic) },
    resume: vmrun,
    notes: host.notes,
  };
}

/** VMCALL (exit reason 18) and VMMCALL (exit code 0x81) under one host. */
export function hypercallExits(host: VmHost): readonly [vmcall: ExceptionDef, vmmcall: ExceptionDef] {
  return [
    { ...vmxExitDef('x86-vmcall', 'vmcall', host), syndromeWhy: 'the basic exit reason in VM_EXIT_REASON: 18, VMCALL' },
    { ...svmExitDef('x86-vmmcall', 'vmmcall', host), syndromeWhy: 'EXITCODE in the VMCB: 0x081, VMMCALL' },
  ];
}
