import type { BitField, BitLayout } from '../../model/bits';
import { maskFor, type RegisterMask } from '../../model/mask';
import { sharedTdx, src } from './sources';

/**
 * TDG.VP.VMCALL's RCX: bit n set exposes register n to the VMM. The bits are
 * the TDX_<reg> macros of shared/tdx.h, each named for the register it
 * exposes; the header names no other bit.
 */
export const EXPOSE_BITS = [
  ['rdx', 2],
  ['rbx', 3],
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

const field = ([reg, bit]: (typeof EXPOSE_BITS)[number]): BitField => ({
  key: reg,
  name: `TDX_${reg.toUpperCase()}`,
  hi: bit,
  lo: bit,
  names: { '0': 'hidden from the VMM', '1': 'exposed to the VMM' },
  sources: [sharedTdx(`#define TDX_${reg.toUpperCase()} BIT(${bit})`)],
});

export const exposeLayout: BitLayout = {
  id: 'tdx-vmcall-expose-mask',
  name: 'TDG.VP.VMCALL register bitmap (RCX)',
  bits: 64,
  fields: [...EXPOSE_BITS].reverse().map(field),
  sources: [src.bitmask],
};

/** TDVMCALL_EXPOSE_REGS_MASK, computed from the twelve bits it ORs together. */
export const TDVMCALL_EXPOSE_REGS_MASK = maskFor(
  exposeLayout,
  EXPOSE_BITS.map(([r]) => r),
);

export const exposeMask: RegisterMask = {
  name: 'TDG.VP.VMCALL register bitmap',
  to: 'the VMM',
  layout: exposeLayout,
  sources: [src.bitmask, src.hypercall],
  usual: { value: TDVMCALL_EXPOSE_REGS_MASK, name: 'TDVMCALL_EXPOSE_REGS_MASK', sources: [src.exposeMask, src.hypercall] },
};
