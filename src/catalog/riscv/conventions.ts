import type { Convention } from '../../model/convention';
import type { Note } from '../../model/source';
import { toTwosComplement } from '../../model/value';
import { riscv64 } from './arch';
import { errorSources, SBI_ERRORS } from './errors';
import { AT, linuxAt, opensbi, riscvOpcodes, sbiSpec } from './sources';
import { ecallTrap } from '../exception/riscv';
import { openSbi, openSbiLegacy } from './handlers';

export const SBI_FAMILY = 'riscv-sbi';
/** The v0.1 calls take no function ID and return only a0, so they are a family of their own (see the report on eras). */
export const SBI_LEGACY_FAMILY = 'riscv-sbi-legacy';

const range = (p: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${p}${from + i}`);
const allRegisters = riscv64.registers.map((r) => r.name);

const src = {
  encoding: sbiSpec(
    'src/binary-encoding.adoc',
    AT.binaryEncoding,
    'Binary Encoding: "a7 encodes the SBI extension ID (EID)", "a6 encodes the SBI function ID (FID)"',
  ),
  preserved: sbiSpec(
    'src/binary-encoding.adoc',
    AT.binaryEncoding,
    'Binary Encoding: "All registers except a0 & a1 must be preserved across an SBI call by the callee"',
  ),
  results: sbiSpec(
    'src/binary-encoding.adoc',
    AT.binaryEncoding,
    'Binary Encoding: "SBI functions must return a pair of values in a0 and a1, with a0 returning an error code" (struct sbiret { long error; long value; })',
  ),
  unknown: sbiSpec(
    'src/binary-encoding.adoc',
    AT.binaryEncoding,
    '"An ECALL with an unsupported SBI extension ID (EID) or an unsupported SBI function ID (FID) must return the error code SBI_ERR_NOT_SUPPORTED"',
  ),
  signed32: sbiSpec(
    'src/binary-encoding.adoc',
    AT.binaryEncoding,
    '"SBI extension IDs (EIDs) and SBI function IDs (FIDs) are encoded as signed 32-bit integers"',
  ),
  intro: sbiSpec(
    'src/intro.adoc',
    AT.intro,
    '"An SBI implementation (or SEE) can be platform runtime firmware executing in machine-mode (M-mode) … or it can be some hypervisor executing in hypervisor-mode (HS-mode)"',
  ),
  linuxEcall: linuxAt(
    'arch/riscv/kernel/sbi_ecall.c',
    AT.linuxSbiEcall,
    '__sbi_ecall(): arg0…arg5 in a0…a5, fid in a6, ext in a7; asm "ecall" with a0, a1 as outputs',
  ),
  osbiEcall: opensbi(
    'lib/sbi/sbi_ecall.c',
    AT.osbiEcall,
    'sbi_ecall_handler(): extension_id = regs->a7, func_id = regs->a6, args[0..5] = regs->a0..a5; then mepc += 4, a0 = ret, a1 = out_val unless a v0.1 extension',
  ),
  osbiUnknown: opensbi('lib/sbi/sbi_ecall.c', AT.osbiEcall, 'sbi_ecall_handler(): no extension for the EID → ret = SBI_ENOTSUPP, written to a0'),
  osbiEnotsupp: opensbi('include/sbi/sbi_error.h', AT.osbiError, 'SBI_ENOTSUPP -2'),
  mret: riscvOpcodes('extensions/rv_system', AT.opcodesRvSystem, 'mret 31..20=0x302 … 6..2=0x1C 1..0=3'),
  legacy: sbiSpec(
    'src/ext-legacy.adoc',
    AT.extLegacy,
    'Legacy Extensions (EIDs #0x00 - #0x0F): "The SBI function ID field in a6 register is ignored", "Nothing is returned in a1 register", "All registers except a0 must be preserved"',
  ),
  legacyDeprecated: sbiSpec(
    'src/ext-legacy.adoc',
    AT.extLegacy,
    '"The legacy SBI extensions is deprecated in favor of the other extensions listed below" (Replacement EID column)',
  ),
  md2018: sbiSpec(
    'riscv-sbi.md',
    AT.sbiMd2018,
    '2018 text: "The required arguments are passed through registers a0-a2 and the SBI call type is passed via register a7 … Any unsupported SBI call shoud return error i.e. ENOSYS … All SBI calls should be assumed to clobber a0"',
  ),
  linuxV01: linuxAt(
    'arch/riscv/kernel/sbi.c',
    AT.linuxSbiC,
    '__sbi_rfence_v01(): sbi_ecall(SBI_EXT_0_1_REMOTE_SFENCE_VMA_ASID, 0, &hart_mask, start, size, arg4, 0, 0): four arguments, a0–a3, and 0 in a6',
  ),
  linuxV01Config: linuxAt('arch/riscv/include/asm/sbi.h', AT.linuxSbiH, 'enum sbi_ext_id: SBI_EXT_0_1_* only #ifdef CONFIG_RISCV_SBI_V01'),
  delegation: opensbi(
    'lib/sbi/sbi_trap.c',
    AT.osbiTrapDeleg,
    'delegate_traps(): with the H extension, M-mode handles only "hypervisor calls (i.e. ecalls from HS-mode)" and delegates CAUSE_VIRTUAL_SUPERVISOR_ECALL to HS-mode',
  ),
  kvm: linuxAt('arch/riscv/kvm/vcpu_exit.c', AT.linuxVcpuExit, 'kvm_riscv_vcpu_exit: case EXC_SUPERVISOR_SYSCALL → kvm_riscv_vcpu_sbi_ecall(vcpu, run)'),
  csr: linuxAt('arch/riscv/include/asm/csr.h', AT.linuxCsrH, 'EXC_HYPERVISOR_SYSCALL 9, EXC_SUPERVISOR_SYSCALL 10'),
  osbiCause: opensbi('include/sbi/riscv_encoding.h', AT.osbiEncoding, 'CAUSE_SUPERVISOR_ECALL 0x9, CAUSE_VIRTUAL_SUPERVISOR_ECALL 0xa'),
};

const notSupported = {
  value: toTwosComplement(SBI_ERRORS.SBI_ERR_NOT_SUPPORTED, 64),
  name: 'SBI_ERR_NOT_SUPPORTED (-2)',
};

const whoAnswersNote: Note = {
  kind: 'info',
  text:
    'Shown here: a kernel in S-mode calling machine-mode firmware (OpenSBI), which keeps environment calls from S-mode (code 9) for itself. ' +
    'Under the H extension a guest kernel in VS-mode runs the same code; its ecall is reported as code 10, which OpenSBI delegates to HS-mode, so the hypervisor (KVM) is then the SBI implementation. Both traps are shown.',
  sources: [src.intro, src.delegation, src.kvm],
};

const returnNote: Note = {
  kind: 'info',
  text: 'The SBI implementation moves mepc 4 bytes past the ecall before returning, so the caller resumes at the next instruction; machine-mode firmware returns with mret.',
  sources: [src.osbiEcall, src.mret],
};

const causeNamesNote: Note = {
  kind: 'disagreement',
  text: 'The numbers agree but the names do not: the ISA manual calls code 9 "Environment call from S-mode" and OpenSBI CAUSE_SUPERVISOR_ECALL, while Linux, written from the hypervisor\'s side, calls 9 EXC_HYPERVISOR_SYSCALL and 10 (from VS-mode) EXC_SUPERVISOR_SYSCALL.',
  sources: [src.csr, src.osbiCause],
};

const errorNameNote: Note = {
  kind: 'disagreement',
  text: "Error code -1 is SBI_ERR_FAILED in the specification and OpenSBI but SBI_ERR_FAILURE in the Linux sbi.h we read, which also stops at -8 (SBI_ERR_ALREADY_STOPPED) where the specification goes on to -11 (SBI_ERR_BAD_RANGE). The values agree; we use the specification's names.",
  sources: [errorSources.spec, errorSources.opensbi, errorSources.linux],
};

const argRegsNote: Note = {
  kind: 'unconfirmed',
  text: 'The Binary Encoding chapter names a7, a6 and the a0/a1 results but does not itself list the argument registers. a0–a5 is what Linux passes and what OpenSBI reads.',
  sources: [src.encoding, src.linuxEcall, src.osbiEcall],
};

const signedIdsNote: Note = {
  kind: 'info',
  text: 'EIDs and FIDs are signed 32-bit integers. Every EID in this catalog is positive, so a7 and a6 hold them unchanged.',
  sources: [src.signed32],
};

export const riscvSbi: Convention = {
  id: 'riscv-sbi',
  name: 'RISC-V SBI · ecall (RV64)',
  family: SBI_FAMILY,
  familyName: 'RISC-V SBI',
  era: 'v0.2+',
  summary:
    'The RISC-V Supervisor Binary Interface from v0.2 on: the kernel executes ecall with the extension ID (EID) in a7, the function ID (FID) in a6 and arguments in a0–a5; ' +
    'the SBI implementation returns an error code in a0 and a value in a1 and keeps every other register. Shown with the kernel in S-mode and firmware in M-mode; ' +
    'in a virtual machine the kernel is in VS-mode and the HS-mode hypervisor answers the same way.',
  arch: riscv64,
  instruction: riscv64.instructions.ecall!,
  imm: 0,
  selector: 'a7',
  selectorName: 'extension ID (EID)',
  slotBits: 64,
  args: range('a', 0, 5),
  results: ['a0', 'a1'],
  clobbered: [],
  preserved: allRegisters.filter((r) => r !== 'a0' && r !== 'a1'),
  roleSources: {
    args: [src.linuxEcall, src.osbiEcall],
    results: [src.results, src.osbiEcall],
    clobbered: [],
    preserved: [src.preserved],
  },
  unknownCall: { ...notSupported, sources: [src.unknown, src.osbiUnknown, src.osbiEnotsupp] },
  handler: 'the SBI implementation',
  exception: ecallTrap,
  handlerPath: openSbi,
  eraLinks: [{ id: 'riscv-sbi-v0.1-legacy', relation: 'earlier', why: 'SBI v0.1 had one EID per function, no function ID and a result in a0 only.' }],
  sources: [src.encoding, src.intro],
  notes: [whoAnswersNote, argRegsNote, errorNameNote, causeNamesNote, signedIdsNote, returnNote],
};

const legacyArgsNote: Note = {
  kind: 'disagreement',
  text: 'The 2018 v0.1 text says arguments go in a0–a2, but its own sbi_remote_sfence_vma_asid takes four (hart_mask, start, size, asid) and Linux passes them in a0–a3; a0–a3 is shown. The current specification gives no register list for the legacy calls.',
  sources: [src.md2018, src.legacy, src.linuxV01],
};

const legacyUnknownNote: Note = {
  kind: 'disagreement',
  text: 'For an unknown call the 2018 v0.1 text asks for "ENOSYS" without giving a number. The current specification requires SBI_ERR_NOT_SUPPORTED (-2) for any unsupported EID, which is what OpenSBI returns, so -2 is shown; a v0.1-only firmware may answer differently.',
  sources: [src.md2018, src.unknown, src.osbiUnknown],
};

const legacyA6Note: Note = {
  kind: 'info',
  text: 'The legacy calls ignore a6. Linux still loads 0 there through its common sbi_ecall(); the animation leaves a6 alone.',
  sources: [src.legacy, src.linuxV01],
};

const legacyHistoryNote: Note = {
  kind: 'history',
  text: 'The legacy extensions are deprecated in favour of TIME, IPI, RFENCE, SRST and DBCN; Linux builds them only with CONFIG_RISCV_SBI_V01.',
  sources: [src.legacyDeprecated, src.linuxV01Config],
};

export const riscvSbiLegacy: Convention = {
  id: 'riscv-sbi-v0.1-legacy',
  name: 'RISC-V SBI v0.1 legacy · ecall (RV64)',
  family: SBI_LEGACY_FAMILY,
  familyName: 'RISC-V SBI',
  era: 'v0.1 legacy',
  summary:
    'The first SBI calls (EIDs 0x00–0x0F), kept for compatibility: each function is its own extension ID in a7, there is no function ID, arguments go in a0 onwards and the only result is a0; ' +
    'every register but a0 is preserved. Shown with the kernel in S-mode and firmware in M-mode.',
  arch: riscv64,
  instruction: riscv64.instructions.ecall!,
  imm: 0,
  selector: 'a7',
  selectorName: 'extension ID (EID)',
  slotBits: 64,
  args: range('a', 0, 3),
  results: ['a0'],
  clobbered: [],
  preserved: allRegisters.filter((r) => r !== 'a0'),
  roleSources: {
    args: [src.md2018, src.linuxV01],
    results: [src.legacy, src.md2018],
    clobbered: [],
    preserved: [src.legacy],
  },
  unknownCall: { ...notSupported, sources: [src.unknown, src.osbiUnknown, src.osbiEnotsupp] },
  handler: 'the SBI implementation',
  exception: ecallTrap,
  handlerPath: openSbiLegacy,
  eraLinks: [{ id: 'riscv-sbi', relation: 'later', why: 'SBI v0.2 added the function ID in a6 and the a0/a1 error/value pair.' }],
  sources: [src.legacy, src.md2018],
  notes: [legacyArgsNote, legacyUnknownNote, legacyA6Note, legacyHistoryNote, whoAnswersNote, returnNote],
};

export const riscvConventions: readonly Convention[] = [riscvSbi, riscvSbiLegacy];
