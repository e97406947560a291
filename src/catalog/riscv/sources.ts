import type { Source } from '../../model/source';

/**
 * Citation helpers for the RISC-V documents, kept inside this family so it
 * does not touch the shared docs.ts. Links are pinned to the commit we read,
 * so the text a reader finds is the text we checked.
 */

function github(repo: string, commit: string, path: string): string {
  return `https://github.com/${repo}/blob/${commit}/${path}`;
}

/** The RISC-V SBI specification (riscv-non-isa/riscv-sbi-doc), one chapter file. */
export function sbiSpec(path: string, commit: string, where: string): Source {
  return { title: `RISC-V SBI specification ${path}`, where, url: github('riscv-non-isa/riscv-sbi-doc', commit, path) };
}

/** The RISC-V ISA manual (riscv/riscv-isa-manual). */
export function isaManual(path: string, commit: string, where: string): Source {
  return { title: `RISC-V ISA manual ${path}`, where, url: github('riscv/riscv-isa-manual', commit, path) };
}

/** riscv/riscv-opcodes, the machine-readable opcode and cause tables the ISA manual is generated against. */
export function riscvOpcodes(path: string, commit: string, where: string): Source {
  return { title: `riscv-opcodes ${path}`, where, url: github('riscv/riscv-opcodes', commit, path) };
}

/** The RISC-V ELF psABI (riscv-non-isa/riscv-elf-psabi-doc). */
export function psabi(path: string, commit: string, where: string): Source {
  return { title: `RISC-V psABI ${path}`, where, url: github('riscv-non-isa/riscv-elf-psabi-doc', commit, path) };
}

/** OpenSBI, the reference SBI implementation (riscv-software-src/opensbi). */
export function opensbi(path: string, commit: string, where: string): Source {
  return { title: `OpenSBI ${path}`, where, url: github('riscv-software-src/opensbi', commit, path) };
}

/** A Linux file at the commit we read (the text can differ on master, e.g. SBI_ERR_FAILURE). */
export function linuxAt(path: string, commit: string, where: string): Source {
  return { title: `Linux ${path}`, where, url: github('torvalds/linux', commit, path) };
}

/** Commits of the files read for this family. */
export const AT = {
  binaryEncoding: '14527b448767bbbbb3016762e9c90eff743cc110',
  extBase: '0924d4579eb25de71efd83d3920b106569acf0fa',
  extTime: '6f9fee96680ba653fa58231abb9d210e7a45b648',
  extIpi: '2b09fad403728d4d07b8754ddb59af9b7c8cddb2',
  extHsm: '6894109f5045f1627b62996268101d5a0e7da767',
  extSrst: 'd0f896e2b776cbcc5427f4cb434f65cd08aceaa2',
  extLegacy: '364b9f5851578d9effa617b8a6affc2bc67508bc',
  intro: '7d1746f7d2061d54c808e46176335cc4e59fd368',
  sbiMd2018: '2b544dc5f3c0e8d9d0610800d131e987686ac300',
  machine: '00883b028b0eb14fd9b51f98cdba2ca22d20098f',
  mcauseReg: '130925991c4e4a30fac5227d9a163181f79fc003',
  opcodesRvI: '3edfee2116f88e5d4fec47eb916f9d88d605bf91',
  opcodesRvSystem: 'a9327c36b30e38870532cf563147adcb0d573129',
  opcodesCauses: '09c6db5a945bd4c8e52f6335591b8cbcedcad155',
  psabiRegs: 'eb290a6c419e24011bd766726f41415f8b253f2c',
  osbiEncoding: '01250d00447d3838e31c1fc67ce3acb1dd6b2682',
  osbiInterface: '05970d273c609ff43b372f34150fba2855a94426',
  osbiEcall: '021b9e7c767f101e80fdd4868ad95177fa1cf1da',
  osbiError: '3d335bc54b453dd69b269c8841657876fb48f15f',
  osbiTrap: '00fec20b4976c756ddacedef23a6bf510fa00dad',
  osbiTrapDeleg: '4e79fd7de59f1b2899092c1a84ce68c8ebc68f93',
  linuxSbiH: '03c11eb3b16dc0058589751dfd91f254be2be613',
  linuxSbiC: '03c11eb3b16dc0058589751dfd91f254be2be613',
  linuxSbiEcall: '77b679453d3364688ff3e5153c0be5b2b52672b7',
  linuxCsrH: '011f09d1205285b215003a6c65408609ef78abac',
  linuxPtrace: '03c3fcd9941a172abdea84456eefce2d2b7b415c',
  linuxVcpuExit: '0604aa87b098740f2e517a584552591cbf2209d7',
  linuxCpuOpsSbi: '0eaed89c18aeedf0898baf2dbf5ff027c6795152',
} as const;
