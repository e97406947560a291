import type { Architecture, InstructionDef, Level } from '../../model/arch';
import { githubFile, linux } from '../docs';
import { svmExit, x8664 } from '../arch/x86-64';
import { src, uapiSvm } from './sources';

/** MSR_AMD64_SEV_ES_GHCB, as msr-index.h defines it. */
export const MSR_AMD64_SEV_ES_GHCB = 0xc0010130;

/** msr-index.h in a torvalds/linux tree that has SEV-SNP (MSR_AMD64_SEV_SNP_ENABLED_BIT 2 follows the line). */
export const MSR_INDEX_AT = '002bba562dd371d9ead03f8a309bfdedd6b51230';
export const msrIndex = githubFile(
  'torvalds/linux',
  'arch/x86/include/asm/msr-index.h',
  MSR_INDEX_AT,
  '#define MSR_AMD64_SEV_ES_GHCB 0xc0010130 (then MSR_AMD64_SEV 0xc0010131)',
);

/** The legacy prefix byte rep (repe) adds in front of an instruction. */
export const REP_PREFIX = 0xf3;
const repSource = linux('arch/x86/include/asm/inat.h', '#define INAT_PFX_REPE 2 /* 0xF3 */ (legacy last prefix)');

const vmmcall = x8664.instructions.vmmcall!;
if (vmmcall.encoding.kind !== 'bytes') throw new Error('vmmcall is encoded as bytes');

/**
 * VMGEXIT: Linux writes it "rep; vmmcall", the rep prefix in front of
 * VMMCALL's three bytes; the bytes are computed from those two pieces, and
 * check:asm compiles "rep; vmmcall" and finds them, disassembled as vmgexit.
 */
export const vmgexit: InstructionDef = {
  id: 'x86-vmgexit',
  mnemonic: 'vmgexit',
  immBits: 0,
  encoding: { kind: 'bytes', bytes: [REP_PREFIX, ...vmmcall.encoding.bytes], sources: [src.vmgexit, repSource, ...vmmcall.encoding.sources] },
  target: 'host',
  syndrome: svmExit(0x403, 'SVM_EXIT_VMGEXIT (0x403): VMGEXIT executed in an SEV-ES guest'),
  inlineAsm: { template: 'rep; vmmcall', note: 'Written "rep; vmmcall" as Linux\'s VMGEXIT() writes it; GNU objdump names the bytes F3 0F 01 D9 vmgexit.' },
  sources: [src.vmgexit, src.exitVmgexit, uapiSvm('SVM_EXIT_REASONS: { SVM_EXIT_VMGEXIT, "vmgexit" }')],
};

const levels: readonly Level[] = [
  {
    id: 'guest',
    name: 'Guest',
    who: 'SEV-ES/SNP guest kernel (its registers encrypted in its VMSA)',
    where: 'in an SEV-ES guest (SVM guest mode, register state encrypted)',
  },
  { id: 'host', name: 'Host', who: 'hypervisor (KVM, SVM host mode)', where: 'in SVM host mode' },
];

/**
 * x86-64 as an SEV-ES guest calls its host: the general-purpose registers
 * stay in the encrypted VMSA, and the GHCB MSR is the one cell both sides
 * read and write. It is drawn as a cell of its own after the registers.
 */
export const sevArch: Architecture = {
  ...x8664,
  registers: [
    ...x8664.registers,
    { name: 'ghcb_msr', bits: 64, msr: { index: MSR_AMD64_SEV_ES_GHCB, name: 'MSR_AMD64_SEV_ES_GHCB', sources: [msrIndex, src.wrMsr] } },
  ],
  levels,
  returnInstruction: 'VMRUN',
  instructions: { vmgexit },
  sources: [...x8664.sources, src.vmsa, msrIndex],
};
