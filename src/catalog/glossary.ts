import type { Source } from '../model/source';
import { esrLayout } from './arch/aarch64';
import { vmxExitReason } from './arch/x86-64';
import { linux } from './docs';
import { smcccFunctionId } from './smccc/function-id';
import { src as smccc } from './smccc/conventions';

/**
 * Words a student does not know yet, each with a short definition and its
 * source. Lesson text marks a term as [[term]]; the page shows the
 * definition on hover and on tap.
 */
export interface Term {
  term: string;
  definition: string;
  sources: readonly Source[];
}

const field = (key: string) => esrLayout.fields.find((f) => f.key === key)!;
const fidField = (key: string) => smcccFunctionId.fields.find((f) => f.key === key)!;

export const glossary: readonly Term[] = [
  {
    term: 'EL1',
    definition: 'Exception level 1, where an operating system kernel runs; a guest kernel runs here under a hypervisor.',
    sources: [linux('arch/arm64/include/uapi/asm/ptrace.h', 'PSR_MODE_EL1t, PSR_MODE_EL1h')],
  },
  {
    term: 'EL2',
    definition: 'Exception level 2, the hypervisor’s level. hvc from EL1 enters it; it can trap what EL1 does (HCR_EL2).',
    sources: [linux('arch/arm64/include/uapi/asm/ptrace.h', 'PSR_MODE_EL2t, PSR_MODE_EL2h'), linux('arch/arm64/include/asm/kvm_arm.h', 'HCR_EL2 bits')],
  },
  {
    term: 'EL3',
    definition: 'Exception level 3, the secure monitor’s level (firmware such as Trusted Firmware-A); smc enters it.',
    sources: [linux('arch/arm64/include/uapi/asm/ptrace.h', 'PSR_MODE_EL3t, PSR_MODE_EL3h'), smccc.conduit],
  },
  {
    term: 'ESR_EL2',
    definition: 'Exception Syndrome Register for EL2: written when an exception is taken to EL2, it says why (EC), how long the instruction was (IL) and the details (ISS).',
    sources: esrLayout.sources,
  },
  { term: 'EC', definition: 'Exception Class, ESR bits 31:26: the kind of exception (0x16 is an HVC from AArch64, 0x17 an SMC from AArch64).', sources: field('EC').sources },
  { term: 'IL', definition: 'Instruction Length, ESR bit 25: 1 when the trapping instruction was 32 bits long.', sources: field('IL').sources },
  { term: 'ISS', definition: 'Instruction-Specific Syndrome, ESR bits 24:0: for HVC and SMC from AArch64 it holds the instruction’s 16-bit immediate.', sources: field('ISS').sources },
  {
    term: 'SMC32/SMC64',
    definition: 'The two SMCCC calling conventions, chosen by bit 30 of the function ID: SMC32 passes 32-bit values in w registers, SMC64 64-bit values in x registers. Both are used with hvc as well as smc.',
    sources: fidField('cc').sources,
  },
  {
    term: 'function ID',
    definition: 'The 32-bit value in w0 that names an SMCCC call: fast or yielding (bit 31), SMC32 or SMC64 (bit 30), owner (bits 29:24) and function number (bits 15:0).',
    sources: smcccFunctionId.sources,
  },
  {
    term: 'VM exit',
    definition: 'On x86, the CPU leaving the guest (VMX non-root operation) for the hypervisor, recording the exit reason, such as 18 for VMCALL, in the VMCS.',
    sources: vmxExitReason.sources,
  },
  {
    term: 'preserved',
    definition: 'A register the callee gives back unchanged: the caller may keep a value in it across the call.',
    sources: [smccc.v10clobber],
  },
  {
    term: 'clobbered',
    definition: 'A register the callee may change: after the call the caller must treat its contents as unknown (SMCCC 1.0 clobbered x4–x17).',
    sources: [smccc.v10clobber],
  },
];

export function findTerm(term: string): Term | undefined {
  return glossary.find((t) => t.term.toLowerCase() === term.toLowerCase());
}

/** Text with [[term]] or [[term|shown words]] marks, cut into plain runs and terms. */
export type TextPart = { kind: 'text'; text: string } | { kind: 'term'; term: string; shown: string };

export function textParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(/\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g)) {
    if (m.index > at) parts.push({ kind: 'text', text: text.slice(at, m.index) });
    parts.push({ kind: 'term', term: m[1]!, shown: m[2] ?? m[1]! });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) });
  return parts;
}

/** The text as a reader sees it, marks removed. */
export function plainText(text: string): string {
  return textParts(text)
    .map((p) => (p.kind === 'text' ? p.text : p.shown))
    .join('');
}
