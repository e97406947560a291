import type { Architecture, InstructionDef } from '../../model/arch';
import { linux, qemu, xen } from '../docs';
import { esrLayout } from './aarch64';

const VIRT_H = 'arch/arm/include/asm/opcodes-virt.h';
const SEC_H = 'arch/arm/include/asm/opcodes-sec.h';
const ESR_H = 'arch/arm64/include/asm/esr.h';

/**
 * A hypervisor in AArch32 Hyp mode (a 32-bit kernel's own stub, 32-bit Xen)
 * reads the same syndrome from HSR, which has ESR_EL2's EC, IL and ISS layout.
 */
const hsr = (ec: string) => ({
  AArch32: {
    register: 'HSR',
    sources: [
      xen('xen/arch/arm/include/asm/cpregs.h', '"#define HSR p15,4,c5,c2,0 /* Hyp. Syndrome Register */", "#define ESR_EL2 HSR"'),
      xen('xen/arch/arm/include/asm/processor.h', ec),
    ],
  },
});

/** A1 (ARM state) encodings; Linux's __HVC and __SMC also give the Thumb forms. */
const hvc: InstructionDef = {
  id: 'a32-hvc',
  mnemonic: 'hvc',
  immBits: 16,
  encoding: {
    kind: 'word',
    base: 0xe1400070,
    pieces: [
      { immHi: 15, immLo: 4, at: 8 },
      { immHi: 3, immLo: 0, at: 0 },
    ],
    sources: [linux(VIRT_H, '__HVC(imm16): 0xE1400070 | ((imm16 & 0xFFF0) << 4) | (imm16 & 0x000F)')],
  },
  target: 'EL2',
  syndrome: {
    register: 'ESR_EL2',
    layout: esrLayout,
    registerIn: hsr('HSR_EC_HVC32 0x12'),
    fixed: { EC: 0x12n, IL: 1n },
    immField: 'ISS',
    className: 'EC 0x12 HVC32: HVC from AArch32; ISS holds the immediate',
    sources: [linux(ESR_H, 'ESR_ELx_EC_HVC32'), qemu('target/arm/syndrome.h', 'syn_aa32_hvc')],
  },
  sources: [linux(VIRT_H, '__HVC')],
};

const smc: InstructionDef = {
  id: 'a32-smc',
  mnemonic: 'smc',
  immBits: 4,
  encoding: {
    kind: 'word',
    base: 0xe1600070,
    pieces: [{ immHi: 3, immLo: 0, at: 0 }],
    sources: [linux(SEC_H, '__SMC(imm4): 0xE1600070 | (imm4 & 0xF)')],
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
    registerIn: hsr('HSR_EC_SMC32 0x13'),
    fixed: { EC: 0x13n, IL: 1n },
    className: 'EC 0x13 SMC32: SMC from AArch32 trapped by HCR_EL2.TSC; the immediate is not reported',
    sources: [linux(ESR_H, 'ESR_ELx_EC_SMC32'), qemu('target/arm/syndrome.h', 'syn_aa32_smc')],
  },
  sources: [linux(SEC_H, '__SMC')],
};

export const aarch32: Architecture = {
  id: 'aarch32',
  name: 'AArch32',
  registers: Array.from({ length: 16 }, (_, i) => ({
    name: `r${i}`,
    bits: 32,
    ...(i === 13 ? { alias: 'sp' } : i === 14 ? { alias: 'lr' } : i === 15 ? { alias: 'pc' } : i === 12 ? { alias: 'ip' } : {}),
  })),
  views: [],
  levels: [
    // A kernel runs in SVC (Supervisor) mode, one of the AArch32 PE modes at EL1 (Arm ARM DDI 0487, AArch32 PE modes).
    { id: 'EL1', name: 'EL1', who: 'guest kernel (PL1)', where: 'at EL1', aka: ['SVC mode'] },
    { id: 'EL2', name: 'EL2', who: 'hypervisor', where: 'at EL2' },
    { id: 'EL3', name: 'EL3', who: 'secure monitor (firmware)', where: 'at EL3' },
  ],
  returnInstruction: 'eret',
  guestLevel: 'EL1',
  instructions: { hvc, smc },
  sources: [linux('arch/arm/include/uapi/asm/ptrace.h', 'ARM_r0 … ARM_pc')],
};
