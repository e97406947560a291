import type { BitLayout } from '../../model/bits';
import { encodeFields } from '../../model/bits';
import type { ExceptionDef } from '../../model/exception';
import { formatHex } from '../../model/value';
import { linux } from '../docs';
import { PORT } from '../vmware/port';
import { vmcallExit, vmmcallExit } from './x86';

/**
 * The VM exit an intercepted `inl (%dx), %eax` causes (the VMware backdoor's
 * low-bandwidth call). The exit is the CPU's and is laid out by Intel and
 * AMD; what VMware's VMM then does is not public, so the layout is read
 * from KVM, which decodes the same fields.
 */

const VMX_C = 'arch/x86/kvm/vmx/vmx.c';
const SVM_C = 'arch/x86/kvm/svm/svm.c';
const SVM_H = 'arch/x86/include/asm/svm.h';

/** The exit qualification of an I/O-instruction VM exit, as KVM's handle_io and Xen's I/O exit handler read it. */
export const ioExitQualification: BitLayout = {
  id: 'vmx-io-exit-qualification',
  name: 'Exit qualification for I/O instructions',
  bits: 32,
  fields: [
    { key: 'size', name: 'size of access − 1', hi: 2, lo: 0, sources: [linux(VMX_C, 'handle_io(): "size = (exit_qualification & 7) + 1"')] },
    { key: 'in', name: 'direction (1 = IN)', hi: 3, lo: 3, sources: [linux(VMX_C, 'handle_io(): "in = (exit_qualification & 8) != 0"')] },
    { key: 'string', name: 'string instruction', hi: 4, lo: 4, sources: [linux(VMX_C, 'handle_io(): "string = (exit_qualification & 16) != 0"')] },
    { key: 'port', name: 'port number', hi: 31, lo: 16, sources: [linux(VMX_C, 'handle_io(): "port = exit_qualification >> 16"')] },
  ],
  sources: [linux(VMX_C, 'handle_io()')],
};

/** `inl (%dx), %eax` with DX = the backdoor port: four bytes, IN, not a string instruction. */
export const backdoorInQualification: bigint = encodeFields(ioExitQualification, { size: 3n, in: 1n, string: 0n, port: PORT });

const notPublic = {
  text: 'VMware’s VMM is not public: that it answers the call and moves RIP past the inl is inferred from its guests, which carry on after the instruction with the results in the registers; the exit fields are the CPU’s, decoded here as KVM decodes them.',
  sources: [linux('arch/x86/include/asm/vmware.h', 'VMWARE_HYPERCALL: "inl (%%dx), %%eax"; vmware_hypercall*() take their results from eax, ebx, ecx, edx after it')],
};

const svmIoExit: ExceptionDef = {
  ...vmmcallExit,
  instruction: 'x86-in-eax-dx',
  returnAddress: { ...vmmcallExit.returnAddress, why: 'the guest state saved on #VMEXIT: RIP still points at the inl' },
  saved: [
    {
      register: 'VMCB control.exit_info_1',
      value: `port ${formatHex(PORT, 4)} in bits 31:16, TYPE (bit 0) = 1 for IN, size field (bits 6:4) = 4`,
      why: 'what the intercepted I/O instruction was',
      sources: [
        linux(SVM_H, 'SVM_IOIO_TYPE_MASK 1, SVM_IOIO_SIZE_SHIFT 4, SVM_IOIO_SIZE_MASK (7 << SVM_IOIO_SIZE_SHIFT)'),
        linux(SVM_C, 'io_interception(): "in = (io_info & SVM_IOIO_TYPE_MASK) != 0; port = io_info >> 16; size = (io_info & SVM_IOIO_SIZE_MASK) >> SVM_IOIO_SIZE_SHIFT"'),
      ],
    },
    {
      register: 'VMCB control.exit_info_2',
      value: 'the address after the instruction',
      why: 'so the VMM can step the guest past it',
      sources: [linux(SVM_C, 'io_interception(): "svm->next_rip = svm->vmcb->control.exit_info_2"')],
    },
  ],
  syndromeFrom: 'SVM EXITCODE',
  syndromeWhy: 'EXITCODE in the VMCB: 0x07B, IOIO',
  advance: {
    register: 'RIP',
    why: 'the VMM sets the guest’s RIP to EXITINFO2, the next instruction (as KVM does)',
    sources: [linux(SVM_C, 'io_interception(): svm->next_rip = exit_info_2; skip_emulated_instruction(): kvm_rip_write(vcpu, svm->next_rip)')],
  },
  notes: [notPublic],
  alternative: undefined,
};

export const portInExit: ExceptionDef = {
  ...vmcallExit,
  instruction: 'x86-in-eax-dx',
  returnAddress: { ...vmcallExit.returnAddress, why: 'the guest state saved on exit: RIP still points at the inl, which the VMM has to skip' },
  saved: [
    {
      register: 'VMCS EXIT_QUALIFICATION',
      value: formatHex(backdoorInQualification, 8),
      why: `size 4 (bits 2:0 = 3), IN (bit 3), not a string instruction (bit 4), port ${formatHex(PORT, 4)} from DX (bits 31:16)`,
      sources: ioExitQualification.sources.concat(ioExitQualification.fields.flatMap((f) => f.sources)),
    },
    ...vmcallExit.saved,
  ],
  syndromeWhy: 'the basic exit reason in VM_EXIT_REASON: 30, I/O instruction',
  destination: {
    kind: 'register',
    register: 'VMCS HOST_RIP',
    why: 'the host state in the VMCS: the VMM’s own exit handler (VMware’s is not public)',
    sources: [linux(VMX_C, 'vmx_set_constant_host_state(): "vmcs_writel(HOST_RIP, …)" — how KVM sets it')],
  },
  advance: {
    register: 'GUEST_RIP',
    why: 'the VMM adds the VM-exit instruction length (1 for inl) to the guest’s RIP, as KVM does after an I/O exit',
    sources: [
      linux('arch/x86/kvm/x86.c', 'kvm_fast_pio(): "return ret && kvm_skip_emulated_instruction(vcpu)"'),
      linux(VMX_C, 'skip_emulated_instruction(): "rip += vmcs_read32(VM_EXIT_INSTRUCTION_LEN)"'),
    ],
  },
  notes: [notPublic],
  alternative: { when: 'on AMD (SVM): #VMEXIT with EXITCODE 0x07B, IOIO', def: svmIoExit },
};
