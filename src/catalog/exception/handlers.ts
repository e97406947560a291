import type { HandlerPath } from '../../model/exception';
import type { Convention } from '../../model/convention';
import type { Source } from '../../model/source';
import { linux, xen, xenAt } from '../docs';
import { hypFile } from '../gunyah/sources';
import { tlfs } from '../hyperv/sources';
import { S32, S64 } from '../hypstub/sources';
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
      what: 'the vector for a synchronous exception from 64-bit EL1 (named el1_sync in older kernels)',
      sources: [linux(S64, '__hyp_stub_vectors: "ventry elx_sync // Synchronous 64-bit EL1"'), linux(S64, 'SYM_CODE_START_LOCAL(elx_sync)')],
    },
    {
      fn: 'elx_sync: cmp x0, #HVC_…',
      what: 'compares x0 with each stub call in turn (SET_VECTORS, FINALISE_EL2, SOFT_RESTART, RESET_VECTORS); any other value returns HVC_STUB_ERR in x0; each ends in eret, except SOFT_RESTART, which branches to x1',
      sources: [linux(S64, 'elx_sync: "cmp x0, #HVC_SET_VECTORS" … "mov_q x0, HVC_STUB_ERR; eret" … "9: mov x0, xzr; eret"')],
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
const XEN_AT = 'c447b7308b1330ec6dcfef37220736c28f41daa0';
const xenX86Src = (path: string, where: string) => xenAt(XEN_AT, path, where);

/** Xen on x86 (HVM/PVH): the VMCALL or VMMCALL exit reaches hvm_hypercall, which dispatches on eax. */
const xenX86: HandlerPath = {
  who: 'Xen on x86 (HVM and PVH guests)',
  steps: [
    {
      fn: 'vmx_vmexit_handler (Intel) / svm_vmexit_handler (AMD)',
      what: 'switches on the exit reason: EXIT_REASON_VMCALL or VMEXIT_VMMCALL calls hvm_hypercall',
      sources: [
        xenX86Src(`${XEN_HVM}/vmx/vmx.c`, 'vmx_vmexit_handler(): "case EXIT_REASON_VMCALL:" … "if ( hvm_hypercall(regs) == HVM_HCALL_completed ) update_guest_eip()"'),
        xenX86Src(`${XEN_HVM}/svm/svm.c`, 'svm_vmexit_handler(): "case VMEXIT_VMMCALL:" … "if ( hvm_hypercall(regs) == HVM_HCALL_completed ) __update_guest_eip(regs, insn_len)"'),
      ],
    },
    {
      fn: 'hvm_hypercall',
      what: 'reads the number from eax (rax in 64-bit mode); calls the handler with rdi, rsi, rdx, r10, r8 (64-bit) or ebx, ecx, edx, esi, edi (32-bit); the result is in rax',
      sources: [
        xenX86Src(
          `${XEN_HVM}/hypercall.c`,
          'hvm_hypercall(): "int mode = hvm_guest_x86_mode(curr)" … "call_handlers_hvm64(eax, regs->rax, regs->rdi, regs->rsi, regs->rdx, …)" / "call_handlers_hvm32(eax, regs->eax, regs->ebx, regs->ecx, regs->edx, …)"',
        ),
      ],
    },
    {
      fn: 'update_guest_eip',
      what: 'once the call has completed (not preempted), the exit handler moves the guest past the vmcall or vmmcall',
      sources: [xenX86Src(`${XEN_HVM}/vmx/vmx.c`, 'vmx_vmexit_handler(): "update_guest_eip(); /* Safe: VMCALL */"')],
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
  if (conv.family === 'xen') return ins === 'a64-hvc' || ins === 'a32-hvc' ? xenArm : xenX86;
  if (conv.family === 'gunyah-2022') return gunyahNative;
  if (conv.family === 'gunyah-smccc') return gunyahSmccc;
  if (conv.family === 'hypstub-arm64') return hypStubArm64;
  if (conv.family === 'hypstub-arm32') return hypStubArm32;
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
