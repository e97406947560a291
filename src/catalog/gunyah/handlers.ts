import type { HandlerPath } from '../../model/exception';
import { hypFile } from './sources';

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
export const gunyahNativeHandler: HandlerPath = {
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
export const gunyahSmcccHandler: HandlerPath = {
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
