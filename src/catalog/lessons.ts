import type { Phase } from '../model/plan';
import type { Source } from '../model/source';
import { gccAsm, linux, qemu } from './docs';
import { type GuideId } from './guide-panes';
import { nak, v1Abi, v2Abi } from './gunyah/sources';
import { src as stub } from './hypstub/sources';
import { src as smccc } from './smccc/conventions';

/**
 * A short course made of the app's own views: each step opens a call at a
 * step, or a guided comparison at a moment, with a paragraph to teach from
 * and its sources. Ids are permanent: they are links (#/lesson/<id>).
 */
/** Where a lesson step opens: a step number, or the first step of a phase (a comparison's moments depend on its panes). */
export type LessonAt = number | Phase;
export type LessonView = { kind: 'call'; convention: string; call: string; at: LessonAt } | { kind: 'guide'; guide: GuideId; at: LessonAt };

export interface LessonStep {
  id: string;
  title: string;
  view: LessonView;
  text: string;
  sources: readonly Source[];
}

const HYP_ENTRY = linux('arch/arm64/kvm/hyp/hyp-entry.S', '__kvm_hyp_vector: "Synchronous 64-bit EL1" is the ninth .align 7 (0x80-byte) entry: 0x400');
const QEMU_ENTRY = qemu('target/arm/helper.c', 'arm_cpu_do_interrupt_aarch64(): elr_el[new_el] = pc; banked_spsr = pstate; esr_el[new_el] = syndrome; pc = vbar + 0x400');

export const lessons: readonly LessonStep[] = [
  {
    id: 'hypercall-vs-call',
    title: 'A hypercall is not a function call',
    view: { kind: 'call', convention: 'smccc-1.1-hvc64', call: 'psci-cpu-on-64', at: 0 },
    text: 'A function call branches to code at the same exception level, code the caller was linked with. A hypercall cannot branch into the hypervisor: it executes hvc, an exception-generating instruction, and the CPU itself moves from [[EL1]] to [[EL2]], where code the guest cannot see or change decides what happens. Everything the two sides share travels in registers, so a calling convention (here SMCCC 1.1) must say which register carries what, and what the caller may trust afterwards.',
    sources: [smccc.conduit, qemu('target/arm/tcg/translate-a64.c', 'trans_HVC(): gen_exception_insn_el(s, 4, EXCP_HVC, syn_aa64_hvc(a->imm), target_el)')],
  },
  {
    id: 'function-id',
    title: 'The SMCCC function ID',
    view: { kind: 'call', convention: 'smccc-1.1-hvc64', call: 'psci-cpu-on-64', at: 1 },
    text: 'With one instruction (hvc #0) for every service, the call is named by the value in x0: the [[function ID]]. Its fields say whether it is a fast call (bit 31), whether it uses the 64-bit convention (bit 30, [[SMC32/SMC64|SMC64]]), which owner answers it (bits 29:24: 4 is the standard secure services, where PSCI lives) and the function number (bits 15:0). PSCI CPU_ON for 64-bit callers is 0xC4000003: fast, SMC64, owner 4, function 3. Edit the fields in the Function ID panel and watch the ID and the call follow.',
    sources: [linux('include/linux/arm-smccc.h', 'ARM_SMCCC_CALL_VAL(type, calling_convention, owner, func_num)'), linux('include/uapi/linux/psci.h', 'PSCI_0_2_FN64_CPU_ON = PSCI_0_2_FN64(3)')],
  },
  {
    id: 'the-trap',
    title: 'The trap: ESR_EL2, ELR_EL2, SPSR_EL2 and the vector',
    view: { kind: 'call', convention: 'smccc-1.1-hvc64', call: 'psci-cpu-on-64', at: 'trap' },
    text: 'At hvc the CPU saves where to come back (ELR_EL2: the instruction after the hvc) and the caller’s state (SPSR_EL2 ← PSTATE), writes the syndrome ([[ESR_EL2]]: [[EC]] 0x16 says “HVC from AArch64”, [[IL]] says the instruction was 32 bits, [[ISS]] holds the immediate), and jumps to VBAR_EL2 + 0x400, the vector for a synchronous exception from a lower level running AArch64. The hypervisor reads ESR_EL2 to learn why it was entered, x0 to learn what is asked; eret later undoes the entry.',
    sources: [QEMU_ENTRY, HYP_ENTRY, linux('arch/arm64/include/asm/esr.h', 'ESR_ELx_EC_HVC64 0x16, ESR_ELx_IL, ESR_ELx_ISS_MASK')],
  },
  {
    id: 'after-the-call',
    title: 'What the caller may assume afterwards: SMCCC 1.0, 1.1, 1.2',
    view: { kind: 'guide', guide: 'smccc-versions', at: 'unpack' },
    text: 'The same call under three versions of the convention, at the end. SMCCC 1.0 let the callee use x4–x17 as scratch ([[clobbered]]): the caller must treat them as lost and save what it needs. 1.1 promised to keep them ([[preserved]]), which let Linux make calls with inline asm that names only x0–x7 (arm_smccc_1_1_hvc). 1.2 lets x1–x17 carry arguments and x0–x17 results, and still keeps those a call does not use. Compare the hatched (lost) registers across the panes.',
    sources: [smccc.v10clobber, smccc.v11, smccc.v12, smccc.v12regs],
  },
  {
    id: 'immediate',
    title: 'Why not put the call number in the HVC immediate?',
    view: { kind: 'guide', guide: 'why-smccc-identify', at: 'trap' },
    text: 'Gunyah’s first Linux series (2022) selected the call with the immediate of hvc and passed arguments from x0. The immediate reaches the hypervisor only through [[ESR_EL2]]’s [[ISS]], every call needs its own instruction (so its own function or a code patch), and the call escapes SMCCC’s one namespace in which any service behind hvc #0 can be discovered. Arm’s Mark Rutland answered the patch: “We’ve previously said NO to any new hypercall mechanisms which do not follow SMCCC … NAK to this non-SMCCC interface.” The next version used SMCCC.',
    sources: [v1Abi('the hypercall number in the hvc immediate'), nak('NAK to this non-SMCCC interface'), v2Abi('the v2 series: SMCCC calls')],
  },
  {
    id: 'fast-calls',
    title: 'Fast calls and register pressure',
    view: { kind: 'guide', guide: 'fast-calls', at: 0 },
    text: 'A fast call passes its input in registers instead of a memory buffer: no page to share, no copy. How much fits depends on the convention: SMCCC 1.1 carries seven argument and four result registers, 1.2 lets x1–x17 carry arguments and x0–x17 results, and Hyper-V’s fast calls use its own register ranges (see the panes). There is a practical limit too: one GCC asm statement takes at most 30 operands, so Linux moves SMCCC 1.2’s eighteen registers in and out in assembly through a structure (arm_smccc_1_2_hvc) rather than in one inline asm statement.',
    sources: [gccAsm, linux('arch/arm64/kernel/smccc-call.S', 'SMCCC_1_2: loads x0-x17 from the args structure and stores x0-x17 into res'), smccc.v12regs],
  },
  {
    id: 'x86',
    title: 'x86: VMCALL, VMMCALL, the VM exit; KVM’s tidy ABI and VMware’s backdoor',
    view: { kind: 'guide', guide: 'x86-styles', at: 0 },
    text: 'On x86 a guest leaves with VMCALL (Intel VMX) or VMMCALL (AMD SVM): the CPU performs a [[VM exit]], records why (exit reason 18, or SVM exit code 0x81), the instruction’s length and the guest’s RIP in the VMCS, and resumes the host; the hypervisor adds the length to RIP before VMRESUME. KVM’s ABI is small: the number in RAX, up to four arguments in RBX, RCX, RDX, RSI, the result in RAX. VMware’s backdoor is older and odder: a magic number, a command and an I/O port in registers, answered in several.',
    sources: [
      linux('arch/x86/include/uapi/asm/vmx.h', 'EXIT_REASON_VMCALL 18'),
      linux('arch/x86/include/uapi/asm/svm.h', 'SVM_EXIT_VMMCALL 0x081'),
      linux('arch/x86/kvm/vmx/vmx.c', 'skip_emulated_instruction(): rip += vmcs_read32(VM_EXIT_INSTRUCTION_LEN)'),
      linux('arch/x86/kvm/x86.c', '____kvm_emulate_hypercall(): nr = kvm_rax_read(vcpu); a0 = kvm_rbx_read(vcpu); a1 = kvm_rcx_read; a2 = kvm_rdx_read; a3 = kvm_rsi_read'),
    ],
  },
  {
    id: 'hyp-stub',
    title: 'The arm64 hyp-stub: an ABI before anyone wrote it down',
    view: { kind: 'call', convention: 'hypstub-arm64', call: 'hypstub-arm64-set-vectors', at: 0 },
    text: 'A kernel booted at [[EL2]] leaves a tiny stub there before dropping to EL1, and calls it with hvc #0 and a number in x0 (HVC_SET_VECTORS is 0, HVC_SOFT_RESTART 1). This is not SMCCC: the number is small, the stub may clobber x0–x18, and an unknown number returns HVC_STUB_ERR. The numbering was changed in Linux 4.12 and lives in virt.h and hyp-stub.S; Documentation/virt/kvm/arm/hyp-abi.rst describes it for the host side only.',
    sources: [stub.abiHvc0, stub.v64Set, stub.v64Soft, stub.abiClobber, stub.v64Err, stub.abiScope],
  },
];

export function findLesson(id: string): { lesson: LessonStep; index: number } | undefined {
  const index = lessons.findIndex((l) => l.id === id);
  return index < 0 ? undefined : { lesson: lessons[index]!, index };
}
