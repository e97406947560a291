import type { InstructionDef, SyndromeDef } from '../../model/arch';
import { encodeFields, type BitLayout } from '../../model/bits';
import { svmExit, vmxExit } from '../arch/x86-64';
import { src } from './sources';

/**
 * The trap instructions only VMware's backdoor uses: IN and the string I/O
 * instructions on x86, and a trapped MRS of MDCCSR_EL0 on arm64.
 */

const ioExit = (what: string): SyndromeDef => vmxExit(30, `EXIT_REASON_IO_INSTRUCTION (30): ${what} in VMX non-root operation`);
const ioioExit = (what: string): SyndromeDef => svmExit(0x7b, `SVM_EXIT_IOIO (0x07B): ${what} intercepted in the guest`);

/** `inl (%dx), %eax`: IN eAX, DX, one byte. */
export const inEaxDx: InstructionDef = {
  id: 'x86-in-eax-dx',
  mnemonic: 'inl (%dx), %eax',
  immBits: 0,
  encoding: { kind: 'bytes', bytes: [0xed], sources: [src.opIn] },
  target: 'host',
  syndrome: ioExit('IN from port DX'),
  alsoSyndromes: [ioioExit('IN from port DX')],
  sources: [src.hypercallMacro, src.opIn],
};

/** Why the high-bandwidth calls' C shows ECX, ESI and EDI kept, as Linux's wrappers do. */
function hbInlineAsm(mnemonic: string): string {
  return (
    `As in Linux's vmware_hypercall_hb_* wrappers, ECX, ESI and EDI are inputs only: the plan shows them kept. ` +
    `${mnemonic} run without VMware's backdoor would advance them.`
  );
}

/** `rep outsb`: the REP prefix, then OUTS/OUTSB DX, Xb. */
export const repOutsb: InstructionDef = {
  id: 'x86-rep-outsb',
  mnemonic: 'rep outsb',
  inlineAsm: { note: hbInlineAsm('rep outsb') },
  immBits: 0,
  encoding: { kind: 'bytes', bytes: [0xf3, 0x6e], sources: [src.opOuts] },
  target: 'host',
  syndrome: ioExit('REP OUTSB to port DX'),
  alsoSyndromes: [ioioExit('REP OUTSB to port DX')],
  sources: [src.hbOut, src.opOuts],
};

/** `rep insb`: the REP prefix, then INS/INSB Yb, DX. */
export const repInsb: InstructionDef = {
  id: 'x86-rep-insb',
  mnemonic: 'rep insb',
  inlineAsm: { note: hbInlineAsm('rep insb') },
  immBits: 0,
  encoding: { kind: 'bytes', bytes: [0xf3, 0x6c], sources: [src.opIns] },
  target: 'host',
  syndrome: ioExit('REP INSB from port DX'),
  alsoSyndromes: [ioioExit('REP INSB from port DX')],
  sources: [src.hbIn, src.opIns],
};

/** An A64 MRS word as Linux's mrs_s macro builds it: 0xd5200000 | sys_reg(...) | Rt. */
export const a64MrsLayout: BitLayout = {
  id: 'a64-mrs',
  name: 'A64 MRS instruction',
  bits: 32,
  fields: [
    { key: 'base', name: 'MRS opcode bits (0xd5200000 >> 21)', hi: 31, lo: 21, sources: [src.mrsS] },
    { key: 'op0', name: 'op0', hi: 20, lo: 19, sources: [src.sysReg] },
    { key: 'op1', name: 'op1', hi: 18, lo: 16, sources: [src.sysReg] },
    { key: 'CRn', name: 'CRn', hi: 15, lo: 12, sources: [src.sysReg] },
    { key: 'CRm', name: 'CRm', hi: 11, lo: 8, sources: [src.sysReg] },
    { key: 'op2', name: 'op2', hi: 7, lo: 5, sources: [src.sysReg] },
    { key: 'Rt', name: 'Rt (destination register)', hi: 4, lo: 0, names: { '31': 'xzr' }, sources: [src.mrsS] },
  ],
  sources: [src.mrsS, src.sysReg],
};

/** MDCCSR_EL0 is sys_reg(2, 3, 0, 1, 0); the destination is xzr (register number 31). */
export const mdccsrFields = { base: 0xd5200000n >> 21n, op0: 2n, op1: 3n, CRn: 0n, CRm: 1n, op2: 0n, Rt: 31n } as const;

/** `mrs xzr, mdccsr_el0`, built from its fields rather than typed in. */
export const mrsXzrMdccsrWord: bigint = encodeFields(a64MrsLayout, mdccsrFields);

/** ESR_EL2 for a trapped MSR/MRS/system instruction (EC 0x18), with the ISS fields Linux's esr.h names. */
export const esrSys64Layout: BitLayout = {
  id: 'esr-el2-sys64',
  name: 'ESR_EL2 (EC 0x18, system register access)',
  bits: 32,
  fields: [
    { key: 'EC', name: 'exception class', hi: 31, lo: 26, names: { '24': 'SYS64' }, sources: [src.ecSys64] },
    { key: 'IL', name: 'instruction length', hi: 25, lo: 25, names: { '0': '16-bit instruction', '1': '32-bit instruction' }, sources: [src.ecSys64] },
    { key: 'RES0', name: 'RES0', hi: 24, lo: 22, mustBe: 0n, sources: [src.sys64Iss] },
    { key: 'Op0', name: 'Op0', hi: 21, lo: 20, sources: [src.sys64Iss] },
    { key: 'Op2', name: 'Op2', hi: 19, lo: 17, sources: [src.sys64Iss] },
    { key: 'Op1', name: 'Op1', hi: 16, lo: 14, sources: [src.sys64Iss] },
    { key: 'CRn', name: 'CRn', hi: 13, lo: 10, sources: [src.sys64Iss] },
    { key: 'Rt', name: 'Rt', hi: 9, lo: 5, names: { '31': 'xzr' }, sources: [src.sys64Iss] },
    { key: 'CRm', name: 'CRm', hi: 4, lo: 1, sources: [src.sys64Iss] },
    { key: 'Direction', name: 'direction', hi: 0, lo: 0, names: { '1': 'read (MRS)', '0': 'write (MSR)' }, sources: [src.sys64Iss] },
  ],
  sources: [src.ecSys64, src.sys64Iss],
};

export const mrsXzrMdccsr: InstructionDef = {
  id: 'a64-mrs-xzr-mdccsr-el0',
  mnemonic: 'mrs xzr, mdccsr_el0',
  immBits: 0,
  encoding: { kind: 'word', base: Number(mrsXzrMdccsrWord), pieces: [], sources: [src.mrsS, src.sysReg, src.mdccsr] },
  target: 'EL2',
  trappedBy: { level: 'EL2', control: 'MDCR_EL2.TDCC, TDE or TDA (the controls KVM lists for MDCCSR_EL0)', sources: [src.mdcrTrap] },
  syndrome: {
    register: 'ESR_EL2',
    layout: esrSys64Layout,
    fixed: {
      EC: 0x18n,
      IL: 1n,
      Op0: mdccsrFields.op0,
      Op2: mdccsrFields.op2,
      Op1: mdccsrFields.op1,
      CRn: mdccsrFields.CRn,
      Rt: mdccsrFields.Rt,
      CRm: mdccsrFields.CRm,
      Direction: 1n,
    },
    className: 'EC 0x18 SYS64: trapped MRS; ISS names MDCCSR_EL0 (op0 2, op1 3, CRn 0, CRm 1, op2 0), Rt 31 (xzr), read',
    sources: [src.ecSys64, src.sys64Iss, src.mdccsr],
  },
  sources: [src.a64Insn, src.mdccsr],
};

/**
 * x7 on arm64: the x86 I/O instruction the host should pretend ran. The
 * header defines DF as bit 5 and IMM as bits 12:5, which overlap; neither is
 * used, so bits 12:5 are drawn as one field.
 */
export const x7Layout: BitLayout = {
  id: 'vmware-arm64-x7',
  name: 'x7 x86 I/O descriptor',
  bits: 64,
  fields: [
    { key: 'magic', name: 'X86_IO_MAGIC (<< 32)', hi: 63, lo: 32, names: { '134': 'X86_IO_MAGIC (0x86)' }, sources: [src.a64W7Defs, src.a64W7] },
    { key: 'unused', name: 'not set by Linux', hi: 31, lo: 13, sources: [src.a64W7Defs] },
    { key: 'imm', name: 'X86_IO_W7_IMM (bits 12:5; X86_IO_W7_DF is bit 5)', hi: 12, lo: 5, sources: [src.a64W7Defs] },
    { key: 'str', name: 'X86_IO_W7_STR', hi: 4, lo: 4, sources: [src.a64W7Defs, src.a64Hb] },
    { key: 'with', name: 'X86_IO_W7_WITH', hi: 3, lo: 3, sources: [src.a64W7Defs] },
    { key: 'dir', name: 'X86_IO_W7_DIR', hi: 2, lo: 2, sources: [src.a64W7Defs] },
    { key: 'size', name: 'X86_IO_W7_SIZE', hi: 1, lo: 0, sources: [src.a64W7Defs] },
  ],
  sources: [src.a64W7Defs],
};

/** The low-bandwidth x7: (0x86 << 32) | WITH | DIR | (2 << SIZE_SHIFT). */
export const x7LowBandwidth: bigint = encodeFields(x7Layout, { magic: 0x86n, with: 1n, dir: 1n, size: 2n });
