import type { HandlerPath } from '../../model/exception';
import type { Convention } from '../../model/convention';
import type { Source } from '../../model/source';
import { rmmdRmi, rmmRsi } from '../cca/handlers';
import { githubFile, linux, linuxCommit, mail, xen } from '../docs';
import { ffaOverHvc, ffaOverSmc } from './ffa';
import { pkvmHostHcall } from './pkvm';
import { sevMsrKvm, sevPageKvm } from './sev';
import { tdxModuleLeaf, tdxVmcallKvm } from './tdx';
import { smcccOverSmc, smcccOverSmc32 } from './tfa';
import { xenX86Source } from './x86';
import { hypFile } from '../gunyah/sources';
import { tlfs } from '../hyperv/sources';
import { ARM32_OLD, linuxAt, oldStub64, S32, S64, src as hypSrc, TEGRA49 } from '../hypstub/sources';
import { AT, opensbi } from '../riscv/sources';

/** KVM on arm64: from __kvm_hyp_vector to the SMCCC handler and, for PSCI, kvm_psci_call; the EC is HVC32 from an AArch32 guest. */
const kvmArm64 = (ec: 'HVC64' | 'HVC32'): HandlerPath => ({
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
      fn: `arm_exit_handlers[ESR_ELx_EC_${ec}] = handle_hvc`,
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
      onlyFor: ['psci-'],
      sources: [linux('arch/arm64/kvm/hypercalls.c', 'kvm_smccc_call_handler(): default: return kvm_psci_call(vcpu)'), linux('arch/arm64/kvm/psci.c', 'kvm_psci_call()')],
    },
  ],
});
const kvmArm64Hvc64 = kvmArm64('HVC64');
const kvmArm64Hvc32 = kvmArm64('HVC32');

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

/** The OpenSBI commit sbi_ecall_legacy.c was read at (the one stored copy; older than the other OpenSBI files cited). */
const OSBI_LEGACY_AT = '766850222af4c39a52acf1fb12a97f2a42747d32';

/** OpenSBI, SBI v0.1: the same dispatcher finds the legacy extension, whose handler switches on the EID; only a0 comes back. */
const openSbiLegacy: HandlerPath = {
  who: 'OpenSBI, the reference SBI implementation (legacy extension)',
  steps: [
    openSbi.steps[0]!,
    {
      fn: 'sbi_ecall_handler',
      what: 'reads the EID from a7 and finds the extension registered for it: ecall_legacy covers SBI_EXT_0_1_SET_TIMER to SBI_EXT_0_1_SHUTDOWN; for those, is_0_1_spec is set, so only a0 is written back (a1 is left alone); then mepc += 4',
      sources: [
        opensbi('lib/sbi/sbi_ecall.c', AT.osbiEcall, 'sbi_ecall_handler(): "if (extension_id >= SBI_EXT_0_1_SET_TIMER && extension_id <= SBI_EXT_0_1_SHUTDOWN) is_0_1_spec = 1"; "regs->mepc += 4; regs->a0 = ret; if (!is_0_1_spec) regs->a1 = out_val"'),
        opensbi('lib/sbi/sbi_ecall.c', AT.osbiEcall, 'sbi_ecall_init(): sbi_ecall_register_extension(&ecall_legacy)'),
      ],
    },
    {
      fn: 'sbi_ecall_legacy_handler',
      what: 'switches on the EID itself (there is no function ID): SET_TIMER, CONSOLE_PUTCHAR/GETCHAR, CLEAR_IPI, SEND_IPI, the remote fences, SHUTDOWN; any other gets SBI_ENOTSUPP',
      sources: [
        opensbi('lib/sbi/sbi_ecall_legacy.c', OSBI_LEGACY_AT, 'ecall_legacy = { .extid_start = SBI_EXT_0_1_SET_TIMER, .extid_end = SBI_EXT_0_1_SHUTDOWN, .handle = sbi_ecall_legacy_handler }; sbi_ecall_legacy_handler(): "switch (extid)" … "default: ret = SBI_ENOTSUPP"'),
      ],
    },
  ],
  notes: [
    {
      text: 'sbi_ecall_legacy.c was read at OpenSBI 76685022, the one copy stored, which is older than the sbi_ecall.c cited beside it (021b9e7c); its handler’s arguments changed since (the scratch pointer went), not its switch on the EID.',
      sources: [opensbi('lib/sbi/sbi_ecall_legacy.c', OSBI_LEGACY_AT, 'sbi_ecall_legacy_handler(struct sbi_scratch *scratch, unsigned long extid, …)')],
    },
  ],
};

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
const kvmVmx = kvmX86('vmx');
const kvmSvm = kvmX86('svm');

/** The Gunyah commit whose vectors and dispatch were read. */
const GUNYAH_AT = '36ca3a2a0d89a46e9566474586dd94f12a04e3d5';
const VECTORS_S = 'hyp/vm/vcpu/armv8-64/src/vectors.S';
const gunyah = (path: string, where: string) => hypFile(path, GUNYAH_AT, where);

const gunyahVector = {
  fn: 'vcpu_aarch64_vectors → vector_guest64_sync',
  what: 'the vector for a synchronous exception from the 64-bit guest; hypercall_decode_native reads ESR_EL2, and an HVC whose immediate minus HYPERCALL_BASE is below HYPERCALL_NUM is a native hypercall',
  sources: [
    gunyah(VECTORS_S, 'vector_guest64_sync: "hypercall_decode_native aarch64, ENUM_ESR_EC_HVC64_EL2"'),
    gunyah(VECTORS_S, 'hypercall_decode_native: "mrs x18, ESR_EL2" … "ubfx x18, x18, 0, 16" … "sub x18, x18, HYPERCALL_BASE" … "cmp x18, HYPERCALL_NUM"'),
  ],
};

/** Gunyah, immediate ABI: the HVC immediate is the hypercall number and indexes hypercall_table from the vector. */
const gunyahNative: HandlerPath = {
  who: 'Gunyah (quic/gunyah-hypervisor)',
  steps: [
    gunyahVector,
    {
      fn: 'hypercall_64_entry',
      what: 'saves ELR_EL2 and SPSR_EL2, clears the registers the call does not take, and branches into hypercall_table at the hypercall number',
      sources: [gunyah(VECTORS_S, 'hypercall_64_entry: "adr x9, hypercall_table" … "add x9, x9, x18, lsl 3" (lsl 4 with BTI) … "br x9"')],
    },
    {
      fn: 'hypercall_table',
      what: 'one entry per number, generated from the .hvc definitions: each loads its hypercall’s C wrapper and branches to the entry for its count of inputs and outputs; a number with no hypercall returns ENUM_ERROR_UNIMPLEMENTED in x0',
      sources: [
        gunyah(
          'hyp/core/api/aarch64/templates/hypcall_table.S.tmpl',
          'hypercall_table: "adr x9, ${prefix}${hypcall.name}__c_wrapper" … "b vcpu_${prefix}entry_x${num_in}_x${num_out}"; unassigned: "mov x0, ENUM_ERROR_UNIMPLEMENTED"',
        ),
      ],
    },
  ],
};

/** Gunyah, SMCCC ABI: hvc #0 is not a native hypercall, so it goes through the trap dispatcher to the SMCCC module. */
const gunyahSmccc: HandlerPath = {
  who: 'Gunyah (quic/gunyah-hypervisor)',
  steps: [
    { ...gunyahVector, what: 'hypercall_decode_native finds no native hypercall (hvc #0), so the vector goes to exception_64_entry' },
    {
      fn: 'exception_64_entry → vcpu_exception_dispatch',
      what: 'saves the guest context and switches on the syndrome’s EC; ESR_EC_HVC64_EL2 triggers the vcpu_trap_hvc64 event',
      sources: [
        gunyah(VECTORS_S, 'exception_64_entry: "bl vcpu_exception_dispatch"'),
        gunyah('hyp/vm/vcpu/aarch64/src/trap_dispatch.c', 'vcpu_exception_dispatch(): "case ESR_EC_HVC64_EL2:" … trigger_vcpu_trap_hvc64_event(iss)'),
      ],
    },
    {
      fn: 'smccc_handle_vcpu_trap_hvc64 → smccc_handle_call',
      what: 'takes the event when the immediate is 0, reads the function ID from x0',
      sources: [
        gunyah('hyp/vm/smccc/aarch64/smccc_64.ev', 'subscribe vcpu_trap_hvc64(iss)'),
        gunyah('hyp/vm/smccc/aarch64/src/smccc_64.c', 'smccc_handle_vcpu_trap_hvc64(): "if (ESR_EL2_ISS_HVC_get_imm16(&iss) == (uint16_t)0U) handled = smccc_handle_call(true)"; smccc_handle_call(): function_id from vcpu_regs_gpr.x[0]'),
      ],
    },
    {
      fn: 'smccc_handle_hypercall_wrapper → smccc_hypercall_table_wrapper',
      what: 'a vendor-hypervisor-owned fast SMC64 function of the hypercall class: the function number picks the hypercall; an unknown one returns SMCCC_UNKNOWN_FUNCTION64',
      sources: [
        gunyah('hyp/vm/smccc/src/smccc_hypercalls.c', 'smccc_handle_hypercall_wrapper(): "case SMCCC_VENDOR_HYP_FUNCTION_CLASS_HYPERCALL: … smccc_hypercall_table_wrapper(hyp_num, args)"'),
        gunyah('hyp/vm/smccc/aarch64/templates/hyp_wrapper.c.tmpl', 'smccc_hypercall_table_wrapper(): "switch (hyp_num)" … "default: args[0] = (register_t)SMCCC_UNKNOWN_FUNCTION64"'),
      ],
    },
  ],
};

/** The arm64 hyp-stub: one vector, one function that compares x0 with each stub call. */
const hypStubArm64: HandlerPath = {
  who: 'the Linux hyp-stub (arm64)',
  steps: [
    {
      fn: '__hyp_stub_vectors → elx_sync',
      what: 'the vector for a synchronous exception from 64-bit EL1; named el1_sync until commit 31a32b49b80f, merged for v5.13, renamed it when the EL2h synchronous vector came to use it too',
      sources: [
        linux(S64, '__hyp_stub_vectors: "ventry elx_sync // Synchronous 64-bit EL1"'),
        linux(S64, 'SYM_CODE_START_LOCAL(elx_sync)'),
        linuxCommit('31a32b49b80f79cbb84a9c948c5609c6fc044443', 'arm64: Cope with CPUs stuck in VHE mode'),
        mail('[RFT PATCH v3 01/27] arm64: Cope with CPUs stuck in VHE mode', '20210304213902.83903-2-marcan@marcan.st'),
        mail('[GIT PULL] arm64 updates for 5.13-rc1', '20210426142710.GA10892@arm.com'),
      ],
    },
    {
      fn: 'elx_sync: cmp x0, #HVC_…',
      what: 'compares x0 with each stub call in turn (SET_VECTORS, FINALISE_EL2, SOFT_RESTART, RESET_VECTORS); any other value returns HVC_STUB_ERR in x0; each ends in eret, except SOFT_RESTART, which branches to x1',
      sources: [linux(S64, 'elx_sync: "cmp x0, #HVC_SET_VECTORS" … "mov_q x0, HVC_STUB_ERR; eret" … "9: mov x0, xzr; eret"')],
    },
  ],
};

/**
 * The arm64 hyp-stub before the 2017 rework. No torvalds/linux copy of this
 * hyp-stub.S is in the store we read from; it was read in a v4.9-based tree
 * (OE4T/linux-tegra-4.9), and the note says so on screen.
 */
const TEGRA_KVM_AT = '981039e4f2965d0748e78a2f07b603e84e52d9d2';

const hypStubArm64Old: HandlerPath = {
  who: 'the Linux hyp-stub (arm64), before the 2017 rework',
  steps: [
    {
      fn: '__hyp_stub_vectors → el1_sync',
      what: 'the vector for a synchronous exception from 64-bit EL1',
      sources: [oldStub64('__hyp_stub_vectors: "ventry 1, sync // Synchronous 64-bit EL1"; "el1_sync:"')],
    },
    {
      fn: 'el1_sync: ESR_EL2.EC == HVC64?',
      what: 'reads the exception class from ESR_EL2; anything but an HVC from AArch64 returns at once with eret, x0 unchanged',
      sources: [oldStub64('el1_sync: "mrs x30, esr_el2; lsr x30, x30, #ESR_ELx_EC_SHIFT; cmp x30, #ESR_ELx_EC_HVC64; b.ne 9f // Not an HVC trap"')],
    },
    {
      fn: 'el1_sync: cmp x0, #HVC_…',
      what: 'HVC_GET_VECTORS returns VBAR_EL2 in x0, HVC_SET_VECTORS writes x1 to VBAR_EL2, HVC_SOFT_RESTART moves x1–x4 about and branches to the restart address; any other x0 comes back as ARM_EXCEPTION_HYP_GONE ("Someone called kvm_call_hyp() against the hyp-stub"); each ends in eret',
      sources: [
        oldStub64('el1_sync: "cmp x0, #HVC_GET_VECTORS; b.ne 1f; mrs x0, vbar_el2" … "1: cmp x0, #HVC_SET_VECTORS; b.ne 2f; msr vbar_el2, x1" … "2: cmp x0, #HVC_SOFT_RESTART" … "br x4 // no return" … "3: mov x0, #ARM_EXCEPTION_HYP_GONE; 9: eret"'),
      ],
    },
  ],
  notes: [
    {
      text:
        'Read in a v4.9-based vendor tree (NVIDIA’s, as OE4T/linux-tegra-4.9 carries it): the store we search holds no torvalds/linux copy of this era’s arm64 hyp-stub.S, so that mainline v4.11 had exactly this code is not confirmed. ' +
        'Its calls are the ones torvalds/linux’s virt.h at 03263ac9 names (HVC_GET_VECTORS, HVC_SET_VECTORS), plus HVC_SOFT_RESTART, which that tree does not have yet.',
      sources: [oldStub64('hyp-stub.S as a whole'), hypSrc.old64Get, hypSrc.old64Set],
    },
    {
      text:
        'virt.h says any x0 of 0xfff or more "is used as a pointer to the function to call". That is not the stub: the stub answers such an x0 with ARM_EXCEPTION_HYP_GONE. ' +
        'It is KVM’s own EL2 vectors, once HVC_SET_VECTORS has installed them, that call the function at x0 (do_el2_call) and still answer HVC_GET_VECTORS.',
      sources: [
        hypSrc.old64Comment,
        githubFile(TEGRA49, 'arch/arm64/kvm/hyp/hyp-entry.S', TEGRA_KVM_AT, 'el1_sync: "cmp x0, #HVC_GET_VECTORS" … "kern_hyp_va x0; do_el2_call"; do_el2_call: "Shuffle the parameters before calling the function pointed to in x0"'),
      ],
    },
  ],
};

/** The arm32 hyp-stub before the rework: one trap entry, and r0 = -1 reads HVBAR while any other r0 is written to it. */
const hypStubArm32Old: HandlerPath = {
  who: 'the Linux hyp-stub (32-bit arm), before the 2017 rework',
  steps: [
    {
      fn: '__hyp_stub_vectors → __hyp_stub_trap',
      what: 'the Hyp Trap entry (HVBAR + 0x14) branches to __hyp_stub_do_trap',
      sources: [linuxAt(ARM32_OLD, S32, '__hyp_stub_vectors: "__hyp_stub_trap: W(b) __hyp_stub_do_trap"')],
    },
    {
      fn: '__hyp_stub_do_trap',
      what: 'no call numbers: r0 = -1 reads HVBAR into r0, any other r0 is written to HVBAR; then __ERET',
      sources: [hypSrc.old32Trap, hypSrc.old32Get],
    },
  ],
  notes: [
    {
      text: 'Read at torvalds/linux 0af0b189, a commit from before the rework; which release it belongs to was not checked, so the last release with this stub (v4.11) is taken from the convention’s own, unconfirmed, era boundary.',
      sources: [hypSrc.old32Trap],
    },
  ],
};

/** The arm32 hyp-stub: the Hyp Trap vector and __hyp_stub_do_trap, which compares r0 with each stub call. */
const hypStubArm32: HandlerPath = {
  who: 'the Linux hyp-stub (32-bit arm)',
  steps: [
    {
      fn: '__hyp_stub_vectors → __hyp_stub_trap',
      what: 'the Hyp Trap entry (HVBAR + 0x14) branches to __hyp_stub_do_trap',
      sources: [linux(S32, '__hyp_stub_vectors: "__hyp_stub_trap: W(b) __hyp_stub_do_trap"')],
    },
    {
      fn: '__hyp_stub_do_trap',
      what: 'compares r0 with HVC_SET_VECTORS (zImage stub only) and HVC_SOFT_RESTART (bx r1); any other value returns HVC_STUB_ERR in r0 with __ERET',
      sources: [linux(S32, '__hyp_stub_do_trap: "teq r0, #HVC_SET_VECTORS" (#ifdef ZIMAGE) … "teq r0, #HVC_SOFT_RESTART; bne 2f; bx r1" … "2: ldr r0, =HVC_STUB_ERR; __ERET"')],
    },
  ],
};

const XEN_HVM = 'xen/arch/x86/hvm';

/** Xen on x86 (HVM/PVH): the VMCALL or VMMCALL exit reaches hvm_hypercall, which dispatches on eax. */
const xenX86: HandlerPath = {
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

const closed = (who: string, text: string, sources: readonly Source[]): HandlerPath => ({
  who,
  steps: [],
  closed: { text, sources },
});

/** The handler path of the hypervisor that owns a convention, where Trapscope has one. */
export function handlerFor(conv: Convention): HandlerPath | undefined {
  const ins = conv.instruction.id;
  if (conv.family === 'smccc' && (ins === 'a64-hvc' || ins === 'a32-hvc')) return ins === 'a32-hvc' ? kvmArm64Hvc32 : kvmArm64Hvc64;
  if (conv.family === 'smccc' && ins === 'a64-smc') return smcccOverSmc;
  if (conv.family === 'smccc' && ins === 'a32-smc') return smcccOverSmc32;
  if (conv.family === 'xen') return ins === 'a64-hvc' || ins === 'a32-hvc' ? xenArm : xenX86;
  if (conv.family === 'gunyah-2022') return gunyahNative;
  if (conv.family === 'gunyah-smccc') return gunyahSmccc;
  if (conv.family === 'hypstub-arm64') return hypStubArm64;
  if (conv.family === 'hypstub-arm32') return hypStubArm32;
  if (conv.family === 'hypstub-arm64-pre-4.12') return hypStubArm64Old;
  if (conv.family === 'hypstub-arm32-pre-4.12') return hypStubArm32Old;
  if (conv.family === 'riscv-sbi') return openSbi;
  if (conv.family === 'riscv-sbi-legacy') return openSbiLegacy;
  if (conv.family === 'ffa') return ins === 'a64-smc' ? ffaOverSmc : ffaOverHvc;
  if (conv.family === 'kvm-x86') return ins === 'x86-vmmcall' ? kvmSvm : kvmVmx;
  if (conv.family === 'cca-rsi') return rmmRsi;
  if (conv.family === 'cca-rmi') return rmmdRmi;
  if (conv.family === 'pkvm-host') return pkvmHostHcall;
  if (conv.family === 'tdx-tdcall') return tdxModuleLeaf;
  if (conv.family === 'tdx-tdvmcall') return tdxVmcallKvm;
  if (conv.family === 'sev-msr') return sevMsrKvm;
  if (conv.family === 'sev-page') return sevPageKvm;
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
