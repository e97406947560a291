import type { Architecture, InstructionDef, Level } from '../../model/arch';
import { x8664 } from '../arch/x86-64';
import { kvmTdx, src } from './sources';

/**
 * x86-64 as a trust domain sees it: the same register file, with the levels
 * a TDCALL involves. The TD runs in SEAM VMX non-root mode; TDCALL exits to
 * the TDX module in SEAM VMX root mode; the module hands a TDG.VP.VMCALL on
 * to the host VMM in ordinary VMX root mode, which resumes the TD through
 * the module again (SEAMCALL TDH.VP.ENTER).
 */
/** The registers __tdcall_saved_ret loads before TDCALL and stores after it: all of struct tdx_module_args. */
export const SAVED_RET_REGS = ['rcx', 'rdx', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'rbx', 'rdi', 'rsi'] as const;

export const tdLevels: readonly Level[] = [
  { id: 'TD', name: 'TD', who: 'TD guest kernel (SEAM VMX non-root)', where: 'in a trust domain (SEAM VMX non-root mode)' },
  { id: 'TDX module', name: 'TDX module', who: 'Intel TDX module (SEAM VMX root)', where: 'in the TDX module (SEAM VMX root mode)' },
  { id: 'VMM', name: 'VMM', who: 'host VMM, e.g. KVM (VMX root)', where: 'in the host VMM (VMX root mode)' },
];

export const tdcall: InstructionDef = {
  id: 'x86-tdcall',
  mnemonic: 'tdcall',
  immBits: 0,
  encoding: { kind: 'bytes', bytes: [0x66, 0x0f, 0x01, 0xcc], sources: [src.bytes] },
  target: 'TDX module',
  inlineAsm: {
    note: 'tdcall needs binutils 2.36 or later; Linux writes it as .byte 0x66,0x0f,0x01,0xcc for older assemblers (tdxcall.S).',
  },
  sources: [
    src.who,
    src.abi,
    kvmTdx('tdx_handle_exit(), EXIT_REASON_OTHER_SMI: "SMI in SEAM non-root mode (i.e. when TD guest vCPU is running) will cause VM exit to TDX module, then SEAMRET to KVM"'),
    src.seamcallExit,
  ],
};

export const x8664Td: Architecture = {
  ...x8664,
  levels: tdLevels,
  guestLevel: 'TD',
  returnInstruction: 'VM entry (by the TDX module)',
  instructions: { tdcall },
};
