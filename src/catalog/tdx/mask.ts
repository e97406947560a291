import { encodeFields, getField, fieldByKey, type BitField, type BitLayout } from '../../model/bits';
import { maskFor, type RegisterMask } from '../../model/mask';
import { sharedTdx, src } from './sources';

/**
 * TDG.VP.VMCALL's RCX: bit n set exposes register n to the VMM. The bits are
 * the TDX_<reg> macros of shared/tdx.h, each named for the register it
 * exposes, and RBP (bit 5), which Linux never names but the TDX module
 * copies like the others. What else the module reads in RCX (XMM_SELECT,
 * the bits it refuses) is tdvmcall_control_t below.
 */
export const EXPOSE_BITS = [
  ['rdx', 2],
  ['rbx', 3],
  ['rbp', 5],
  ['rsi', 6],
  ['rdi', 7],
  ['r8', 8],
  ['r9', 9],
  ['r10', 10],
  ['r11', 11],
  ['r12', 12],
  ['r13', 13],
  ['r14', 14],
  ['r15', 15],
] as const;

/** The registers Linux names a TDX_<reg> macro for: all of EXPOSE_BITS but RBP. */
export const LINUX_EXPOSE_REGS = EXPOSE_BITS.map(([r]) => r).filter((r) => r !== 'rbp');

const field = ([reg, bit]: (typeof EXPOSE_BITS)[number]): BitField => ({
  key: reg,
  name: reg === 'rbp' ? 'GPR_SELECT bit 5 (RBP)' : `TDX_${reg.toUpperCase()}`,
  hi: bit,
  lo: bit,
  names: { '0': 'hidden from the VMM', '1': 'exposed to the VMM' },
  sources: reg === 'rbp' ? [src.copyToVmm, src.rcxChecked] : [sharedTdx(`#define TDX_${reg.toUpperCase()} BIT(${bit})`), src.copyToVmm],
});

export const exposeLayout: BitLayout = {
  id: 'tdx-vmcall-expose-mask',
  name: 'TDG.VP.VMCALL register bitmap (RCX)',
  bits: 64,
  fields: [...EXPOSE_BITS].reverse().map(field),
  sources: [src.bitmask, src.control],
};

/** TDVMCALL_EXPOSE_REGS_MASK, computed from the twelve bits it ORs together. */
export const TDVMCALL_EXPOSE_REGS_MASK = maskFor(exposeLayout, LINUX_EXPOSE_REGS);

/** tdvmcall_control_t: RCX as the TDX module reads it. */
export const vmcallControlLayout: BitLayout = {
  id: 'tdvmcall-control',
  name: 'tdvmcall_control_t (TDG.VP.VMCALL RCX)',
  bits: 64,
  fields: [
    { key: 'reserved', name: 'reserved', hi: 63, lo: 32, mustBe: 0n, sources: [src.control, src.rcxChecked] },
    { key: 'xmm_select', name: 'XMM_SELECT', hi: 31, lo: 16, sources: [src.control] },
    { key: 'gpr_select', name: 'GPR_SELECT', hi: 15, lo: 0, sources: [src.control] },
  ],
  sources: [src.control],
};

/** td_exit_qualification_t: what the VMM finds in RCX after a TDG.VP.VMCALL. */
export const tdExitQualificationLayout: BitLayout = {
  id: 'td-exit-qualification',
  name: 'td_exit_qualification_t (RCX out of TDH.VP.ENTER)',
  bits: 64,
  fields: [
    { key: 'vm', name: 'VM', hi: 33, lo: 32, names: { '0': 'the TD itself (not an L2 VM)' }, sources: [src.exitQual, src.copyToVmm] },
    { key: 'xmm_select', name: 'XMM_SELECT', hi: 31, lo: 16, sources: [src.exitQual] },
    { key: 'gpr_select', name: 'GPR_SELECT', hi: 15, lo: 0, sources: [src.exitQual] },
  ],
  sources: [src.exitQual],
};

/** The RCX the VMM receives for the TD's RCX: the two selections as the TD gave them, and which VM of the TD made the call. */
export function tdExitQualification(rcx: bigint, vm = 0n): bigint {
  const part = (key: string) => getField(rcx, fieldByKey(vmcallControlLayout, key));
  return encodeFields(tdExitQualificationLayout, { gpr_select: part('gpr_select'), xmm_select: part('xmm_select'), vm });
}

/** vm_vmexit_exit_reason_t: what the VMM finds in RAX after a TDG.VP.VMCALL. */
export const vmExitReasonLayout: BitLayout = {
  id: 'vm-exit-reason',
  name: 'vm_vmexit_exit_reason_t (RAX out of TDH.VP.ENTER)',
  bits: 64,
  fields: [
    { key: 'bus_lock_preempted', name: 'BUS_LOCK_PREEMPTED', hi: 26, lo: 26, sources: [src.exitReasonLayout, src.exitReasonToVmm] },
    { key: 'basic_reason', name: 'basic exit reason', hi: 15, lo: 0, names: { '77': 'VMEXIT_REASON_TDCALL' }, sources: [src.exitReasonLayout] },
  ],
  sources: [src.exitReasonLayout],
};

/** VMEXIT_REASON_TDCALL, as vmcs_defs.h numbers it. */
export const VMEXIT_REASON_TDCALL = 77n;

/** RAX as the VMM receives it: the basic exit reason, with BUS_LOCK_PREEMPTED when the module had a sticky bus-lock preemption to report. */
export const vmcallExitReason = (busLockPreempted = false): bigint =>
  encodeFields(vmExitReasonLayout, { basic_reason: VMEXIT_REASON_TDCALL, bus_lock_preempted: busLockPreempted ? 1n : 0n });

/** The bits of RCX the module refuses whatever the TD's configuration: 0 (RAX), 1 (RCX), 4 (RSP) and the reserved 63:32. */
export const REFUSED_BITS = [0, 1, 4, ...Array.from({ length: 32 }, (_, i) => 32 + i)];

/** TDX_OPERAND_INVALID with operand ID RCX: what TDCALL returns in RAX for a refused bitmap. */
export const TDX_OPERAND_INVALID = 0xc000010000000000n;
export const OPERAND_ID_RCX = 1n;
export const OPERAND_INVALID_RCX = TDX_OPERAND_INVALID + OPERAND_ID_RCX;

export const exposeMask: RegisterMask = {
  name: 'TDG.VP.VMCALL register bitmap',
  to: 'the VMM',
  layout: exposeLayout,
  sources: [src.bitmask, src.hypercall, src.control, src.copyToVmm],
  usual: { value: TDVMCALL_EXPOSE_REGS_MASK, name: 'TDVMCALL_EXPOSE_REGS_MASK', sources: [src.exposeMask, src.hypercall] },
  refuses: {
    bits: REFUSED_BITS,
    error: { value: OPERAND_INVALID_RCX, name: 'TDX_OPERAND_INVALID for RCX' },
    sources: [src.rcxChecked, src.operandInvalid, src.withOperand],
  },
};
