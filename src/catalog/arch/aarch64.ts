import type { Architecture, InstructionDef } from '../../model/arch';
import type { BitLayout } from '../../model/bits';
import { linux, qemu } from '../docs';

const ESR_H = 'arch/arm64/include/asm/esr.h';
const INSN_H = 'arch/arm64/include/asm/insn.h';

/** ESR_EL2 as the hypervisor reads it on a trapped HVC or SMC. */
export const esrLayout: BitLayout = {
  id: 'esr-el2',
  name: 'ESR_EL2',
  bits: 32,
  fields: [
    {
      key: 'EC',
      name: 'exception class',
      hi: 31,
      lo: 26,
      names: { '18': 'HVC32', '19': 'SMC32', '22': 'HVC64', '23': 'SMC64' },
      sources: [linux(ESR_H, 'ESR_ELx_EC_SHIFT, ESR_ELx_EC_HVC32/SMC32/HVC64/SMC64')],
    },
    {
      key: 'IL',
      name: 'instruction length',
      hi: 25,
      lo: 25,
      names: { '0': '16-bit instruction', '1': '32-bit instruction' },
      sources: [linux(ESR_H, 'ESR_ELx_IL')],
    },
    {
      key: 'ISS',
      name: 'instruction-specific syndrome',
      hi: 24,
      lo: 0,
      sources: [linux(ESR_H, 'ESR_ELx_ISS_MASK, ESR_ELx_xVC_IMM_MASK')],
    },
  ],
  sources: [linux(ESR_H, 'ESR_ELx_EC_SHIFT, ESR_ELx_IL, ESR_ELx_ISS_MASK')],
};

const hvc: InstructionDef = {
  id: 'a64-hvc',
  mnemonic: 'hvc',
  immBits: 16,
  encoding: {
    kind: 'word',
    base: 0xd4000002,
    pieces: [{ immHi: 15, immLo: 0, at: 5 }],
    sources: [linux(INSN_H, '__AARCH64_INSN_FUNCS(hvc, 0xFFE0001F, 0xD4000002)')],
  },
  target: 'EL2',
  syndrome: {
    register: 'ESR_EL2',
    layout: esrLayout,
    fixed: { EC: 0x16n, IL: 1n },
    immField: 'ISS',
    className: 'EC 0x16 HVC64: HVC from AArch64; ISS holds the immediate',
    sources: [linux(ESR_H, 'ESR_ELx_EC_HVC64, ESR_ELx_xVC_IMM_MASK'), qemu('target/arm/syndrome.h', 'syn_aa64_hvc')],
  },
  sources: [linux(INSN_H, 'aarch64_insn_is_hvc')],
};

const smc: InstructionDef = {
  id: 'a64-smc',
  mnemonic: 'smc',
  immBits: 16,
  encoding: {
    kind: 'word',
    base: 0xd4000003,
    pieces: [{ immHi: 15, immLo: 0, at: 5 }],
    sources: [linux(INSN_H, '__AARCH64_INSN_FUNCS(smc, 0xFFE0001F, 0xD4000003)')],
  },
  target: 'EL3',
  trappedBy: {
    level: 'EL2',
    control: 'HCR_EL2.TSC',
    sources: [linux('arch/arm64/include/asm/kvm_arm.h', 'HCR_TSC')],
  },
  syndrome: {
    register: 'ESR_EL2',
    layout: esrLayout,
    fixed: { EC: 0x17n, IL: 1n },
    immField: 'ISS',
    className: 'EC 0x17 SMC64: SMC from AArch64 trapped by HCR_EL2.TSC; ISS holds the immediate',
    sources: [linux(ESR_H, 'ESR_ELx_EC_SMC64'), qemu('target/arm/syndrome.h', 'syn_aa64_smc')],
  },
  sources: [linux(INSN_H, 'aarch64_insn_is_smc')],
};

const xs = Array.from({ length: 31 }, (_, i) => ({ name: `x${i}`, bits: 64, ...(i === 30 ? { alias: 'lr' } : i === 29 ? { alias: 'fp' } : {}) }));

export const aarch64: Architecture = {
  id: 'aarch64',
  name: 'AArch64',
  registers: [...xs, { name: 'sp', bits: 64 }],
  views: Array.from({ length: 31 }, (_, i) => ({ name: `w${i}`, of: `x${i}`, bits: 32 })),
  levels: [
    { id: 'EL1', name: 'EL1', who: 'guest kernel', where: 'at EL1' },
    { id: 'EL2', name: 'EL2', who: 'hypervisor', where: 'at EL2' },
    { id: 'EL3', name: 'EL3', who: 'secure monitor (firmware)', where: 'at EL3' },
  ],
  returnInstruction: 'eret',
  guestLevel: 'EL1',
  instructions: { hvc, smc },
  sources: [linux('arch/arm64/include/uapi/asm/ptrace.h', 'struct user_pt_regs (regs[31], sp)')],
};
