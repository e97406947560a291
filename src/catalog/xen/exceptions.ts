import type { ExceptionDef } from '../../model/exception';
import { hypercallExits, type VmHost } from '../exception/x86';
import { xenX86Source } from './sources';

/** Where Xen's VMX exit handler is, and how it steps an HVM or PVH guest past its vmcall or vmmcall. */
const xenHost: VmHost = {
  hostRip: {
    why: 'the host state in the VMCS: Xen points HOST_RIP at vmx_asm_vmexit_handler',
    sources: [xenX86Source('xen/arch/x86/hvm/vmx/vmcs.c', '"__vmwrite(HOST_RIP, (unsigned long)vmx_asm_vmexit_handler)"')],
  },
  skipVmx: () => ({
    why: 'once the hypercall has completed, Xen’s update_guest_eip adds the VM-exit instruction length to the guest’s RIP',
    sources: [
      xenX86Source('xen/arch/x86/hvm/vmx/vmx.c', 'update_guest_eip(): "regs->rip += get_instruction_length()"; get_instruction_length(): "__vmread(VM_EXIT_INSTRUCTION_LEN, &len)"'),
    ],
  }),
  skipSvm: () => ({
    why: 'once the hypercall has completed, Xen adds the instruction’s length (from next_rip when the CPU reports it) to the guest’s RIP',
    sources: [
      xenX86Source('xen/arch/x86/hvm/svm/svm.c', 'svm_vmexit_handler(): "case VMEXIT_VMMCALL: if ( (insn_len = svm_get_insn_len(v, INSTR_VMCALL)) == 0 )" … "__update_guest_eip(regs, insn_len)"'),
      xenX86Source('xen/arch/x86/hvm/svm/emulate.c', 'svm_get_insn_len(): "nrip_len = svm_nextrip_insn_length(v)"'),
    ],
  }),
};

/**
 * Xen's hypercall page: the guest calls a 32-byte stub Xen wrote
 * (mov $nr, %eax; vmcall or vmmcall; ret), and the exit is the stub's
 * vmcall or vmmcall, not the guest's call. Where the trapping instruction
 * sits in the stub is found from the stub's bytes.
 */

const VMX_C = 'xen/arch/x86/hvm/vmx/vmx.c';
const SVM_C = 'xen/arch/x86/hvm/svm/svm.c';

const vmxStub = xenX86Source(
  VMX_C,
  'vmx_init_hypercall_page(): "*(u8 *)(p + 0) = 0xb8; /* mov imm32, %eax */" … "*(u8 *)(p + 5) = 0x0f; /* vmcall */ *(u8 *)(p + 6) = 0x01; *(u8 *)(p + 7) = 0xc1;" … "*(u8 *)(p + 8) = 0xc3; /* ret */"',
);
const svmStub = xenX86Source(
  SVM_C,
  'svm_init_hypercall_page(): "*(u8 *)(p + 0) = 0xb8; /* mov imm32, %eax */" … "*(u8 *)(p + 5) = 0x0f; /* vmmcall */ *(u8 *)(p + 6) = 0x01; *(u8 *)(p + 7) = 0xd9;" … "*(u8 *)(p + 8) = 0xc3; /* ret */"',
);

/** The trapping instruction's bytes as the page writers store them (p + 5 … p + 7). */
export const stubVmcall = [0x0f, 0x01, 0xc1];
export const stubVmmcall = [0x0f, 0x01, 0xd9];

/** The stub svm_init_hypercall_page writes, with the hypercall number's four bytes left 0 (the offset of vmmcall does not depend on them). */
const svmStubBytes = [0xb8, 0, 0, 0, 0, ...stubVmmcall, 0xc3];

const within = 'the hypercall-page stub';

const retNote = {
  text: 'The exit is taken at the stub’s vmcall (vmmcall on AMD), 5 bytes into the 32-byte stub at hypercall_page + nr × 32. Once Xen has stepped past it, the stub’s ret returns to the instruction after the guest’s call.',
  sources: [vmxStub, svmStub],
};

const [vmx, svm] = hypercallExits(xenHost);

const xenPageExit: ExceptionDef = {
  ...vmx,
  instruction: 'xen-x86-hypercall-page-stub',
  trapsOn: { mnemonic: 'vmcall', bytes: stubVmcall, within, sources: [vmxStub] },
  notes: [retNote],
  alternative: {
    when: 'on AMD (SVM): the stub holds vmmcall, #VMEXIT with EXITCODE 0x081',
    def: {
      ...svm,
      instruction: 'xen-x86-hypercall-page-stub',
      trapsOn: { mnemonic: 'vmmcall', bytes: stubVmmcall, in: svmStubBytes, within, sources: [svmStub] },
      syndromeFrom: 'SVM EXITCODE',
    },
  },
};

/** The exit each way an x86 guest calls Xen ends in. */
export const xenExits = { vmcall: vmx, vmmcall: svm, 'hypercall-page': xenPageExit };
