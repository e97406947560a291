import type { Convention } from '../../model/convention';
import type { Note } from '../../model/source';
import { x86, x8664 } from '../arch/x86-64';
import { controlLayout, controlLow, HV_STATUS_INVALID_HYPERCALL_CODE, layoutNotes, unknownCallSources } from './control';
import { gdk, kvmHv, tlfs, x86Msh } from './sources';
import { hypervHandler, hypervVmcallExit } from './exceptions';

export const FAMILY_X64 = 'hyperv-x64';
export const FAMILY_X86 = 'hyperv-x86';

const xmm = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `xmm${from + i}`);
const r = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `r${from + i}`);

const volatile = tlfs(
  'Volatile Registers: "Hypercalls will only modify the specified register values under the following conditions": RAX always; RCX (x64) / EDX:EAX (x86) for rep hypercalls; RDX, R8, XMM0–XMM5 only for fast output',
);
const fastInputsKept = tlfs('Volatile Registers: "RDX, R8, and XMM0 through XMM5, when used for fast hypercall input, remain unmodified."');
const resultReg = tlfs('Hypercall Outputs: "RAX | EDX:EAX | Hypercall Result Value"');
const kvmDecode = kvmHv('kvm_hv_hypercall: 64-bit hc.param = rcx, hc.ingpa = rdx, hc.outgpa = r8; else param = edx:eax, ingpa = ebx:ecx, outgpa = edi:esi');

const hypercallPageNote: Note = {
  kind: 'unconfirmed',
  text:
    'The guest does not execute VMCALL itself: it CALLs the start of the hypercall page, code the hypervisor writes into guest memory, which ends like a near RET (0xC3). ' +
    'The TLFS says only that the opcode "differs among virtualization implementations" and does not name it. KVM\'s Hyper-V emulation fills the page with VMCALL (Intel) or ' +
    'VMMCALL (AMD) followed by RET, and Linux in an SEV-SNP guest without a paravisor executes VMMCALL directly with the same registers. We show VMCALL and the VMX exit it causes; ' +
    "what Microsoft's own hypervisor puts in the page is not stated in the sources we read.",
  sources: [
    tlfs(
      'Establishing the Hypercall Interface: "Hypercalls are invoked by using a special opcode. Because this opcode differs among virtualization implementations, it is necessary for the hypervisor to abstract this difference."',
    ),
    tlfs(
      'Establishing the Hypercall Interface: "issues a CALL to the beginning of the hypercall page. The guest should assume the hypercall page performs the equivalent of a near return (0xC3)"',
    ),
    kvmHv('HV_X64_MSR_HYPERCALL: "/* vmcall/vmmcall */" kvm_x86_patch_hypercall(), then "/* ret */" 0xc3'),
    x86Msh('hv_do_hypercall: SNP without paravisor executes "vmmcall"; otherwise CALL_NOSPEC to hv_hypercall_pg'),
  ],
};

const legalNote: Note = {
  kind: 'info',
  text: 'Hypercalls are allowed only at CPL 0 in protected mode; from anywhere else the guest gets #UD. The guest must first write HV_X64_MSR_GUEST_OS_ID (0x40000000) and enable the page through HV_X64_MSR_HYPERCALL (0x40000001).',
  sources: [
    tlfs('Legal Hypercall Environments: "protected mode with a current privilege level (CPL) of zero … will generate a #UD"'),
    tlfs('Establishing the Hypercall Interface: HV_X64_MSR_GUEST_OS_ID 0x40000000, HV_X64_MSR_HYPERCALL 0x40000001'),
    gdk('HV_X64_MSR_GUEST_OS_ID 0x40000000, HV_X64_MSR_HYPERCALL 0x40000001'),
  ],
};

const repRcxNote: Note = {
  kind: 'info',
  text:
    'A simple (non-rep) call leaves RCX as it was, so it is shown preserved. Rep hypercalls write the new rep start index back into RCX (EDX:EAX on 32-bit x86): ' +
    'a rep call lists RCX among its results.',
  sources: [tlfs('Volatile Registers (x86/x64): "Rep hypercalls will modify RCX (x64) and EDX:EAX (x86) with the new rep start index."'), volatile],
};

const linuxClobberNote: Note = {
  kind: 'disagreement',
  text:
    'Linux assumes more may change than the TLFS allows. Its hv_do_hypercall, hv_do_fast_hypercall8 and hv_do_fast_hypercall16 list r8, r9, r10, r11 and the flags ("cc") as clobbered ' +
    'and treat RCX and RDX as read-write ("+c", "+d"), while the TLFS says a hypercall changes only RAX, RCX for rep calls, and RDX, R8, XMM0–XMM5 only when they carry fast output. ' +
    'We show the TLFS rules; code written like Linux does not rely on r8–r11 surviving.',
  sources: [
    volatile,
    x86Msh('hv_do_hypercall (x86_64): "=a" (hv_status), "+c" (control), "+d" (input_address); clobbers "cc", "memory", "r8", "r9", "r10", "r11"'),
    x86Msh('hv_do_fast_hypercall8/16 (x86_64): clobbers "cc", "r8", "r9", "r10", "r11"'),
  ],
};

const fastR8Note: Note = {
  kind: 'disagreement',
  text:
    'The TLFS register table for Fast = 1 labels R8 (EDI:ESI) "Output Parameter", but its introduction says fast calls have "two or fewer input parameters and no output parameters". ' +
    'Linux passes the second input in R8 (hv_do_fast_hypercall16) and KVM reads R8 as the second input; we show R8 as input 2.',
  sources: [
    tlfs('Hypercall Inputs, Fast flag one: "R8 | EDI:ESI | Output Parameter"'),
    tlfs('introduction: "those that have two or fewer input parameters and no output parameters"'),
    x86Msh('hv_do_fast_hypercall16: "mov %[input2], %%r8"'),
    kvmHv('kvm_hv_flush_tlb: fast form reads flush.flags = hc->outgpa (R8)'),
  ],
};

const xmmNote: Note = {
  kind: 'info',
  text:
    'XMM fast hypercalls pass up to 112 bytes of input: RDX and R8 (8 bytes each), then XMM0–XMM5 (16 bytes each). The hypervisor offers them when CPUID leaf 0x40000003 reports bit 4 ' +
    '(Linux: EDX, HV_X64_HYPERCALL_XMM_INPUT_AVAILABLE); using them otherwise raises #UD. Bit 15 adds XMM fast output: registers after the input block return output, which a call lists as results.',
  sources: [
    tlfs(
      'XMM Fast Hypercall Input: "uses six XMM registers to allow the caller to pass an input parameter block up to 112 bytes"; "Bit 4"; "will result in a #UD fault"',
    ),
    tlfs('XMM Fast Hypercall Output: "Bit 15"; "Registers that are not being used to pass input parameters can be used to return output."'),
    gdk(
      'HV_X64_HYPERCALL_XMM_INPUT_AVAILABLE BIT(4), HV_X64_HYPERCALL_XMM_OUTPUT_AVAILABLE BIT(15) (HV_X64_HYPERVISOR_FEATURES EDX); HV_HYPERCALL_MAX_XMM_REGISTERS 6',
    ),
  ],
};

const pairNote: Note = {
  kind: 'info',
  text:
    'From 32-bit code each 64-bit value travels in a register pair, high half first: input value EDX:EAX, input GPA EBX:ECX, output GPA EDI:ESI, result EDX:EAX. ' +
    'Trapscope has no register pairs, so each half is its own slot: EAX holds bits 31:0 of the input value (the call code and fast bit), EDX bits 63:32 (rep count and rep start index).',
  sources: [tlfs('Hypercall Inputs: "RCX | EDX:EAX … RDX | EBX:ECX … R8 | EDI:ESI"'), kvmDecode],
};

const linux32Note: Note = {
  kind: 'disagreement',
  text: 'Linux\'s 32-bit hv_do_hypercall declares ECX read-write ("+c" (input_address_lo)), and its 32-bit hv_do_fast_hypercall8 lists EDI and ESI as clobbered; the TLFS says only EDX:EAX changes. We show the TLFS rules.',
  sources: [
    volatile,
    x86Msh('hv_do_hypercall (32-bit): "=A" (hv_status), "+c" (input_address_lo), "A" (control), "b", "D", "S"'),
    x86Msh('hv_do_fast_hypercall8 (32-bit): clobbers "cc", "edi", "esi"'),
  ],
};

const keptX64 = ['rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', ...r(8, 15), ...xmm(0, 15)];

type Mode = 'memory' | 'fast' | 'xmm-fast';

const modeArgs: Record<Mode, string[]> = {
  memory: ['rdx', 'r8'],
  fast: ['rdx', 'r8'],
  'xmm-fast': ['rdx', 'r8', ...xmm(0, 5)],
};

const argSources: Record<Mode, Convention['roleSources']['args']> = {
  memory: [
    tlfs(
      'Hypercall Inputs, Fast flag zero: "RCX | EDX:EAX | Hypercall Input Value", "RDX | EBX:ECX | Input Parameters GPA", "R8 | EDI:ESI | Output Parameters GPA"',
    ),
    kvmDecode,
  ],
  fast: [
    tlfs('Hypercall Inputs, Fast flag one: "RCX | EDX:EAX | Hypercall Input Value", "RDX | EBX:ECX | Input Parameter", "R8 | EDI:ESI | Output Parameter"'),
    x86Msh('hv_do_fast_hypercall16: "+d" (input1), "mov %[input2], %%r8"'),
  ],
  'xmm-fast': [
    tlfs('XMM Fast Hypercall Input, Register Mapping: RCX input value; RDX, R8, XMM0–XMM5 "Input Parameter Block"'),
    kvmHv(
      'struct kvm_hv_hcall: sse128_t xmm[HV_HYPERCALL_MAX_XMM_REGISTERS]; kvm_hv_flush_tlb fast form: address_space = hc->ingpa, flags = hc->outgpa, processor_mask = sse128_lo(hc->xmm[0])',
    ),
  ],
};

const NAMES: Record<Mode, string> = { memory: 'memory-based', fast: 'fast', 'xmm-fast': 'XMM fast' };

function x64(mode: Mode): Convention {
  const notes: Note[] = [hypercallPageNote, legalNote, repRcxNote, linuxClobberNote];
  if (mode === 'fast') notes.push(fastR8Note);
  if (mode === 'xmm-fast') notes.push(xmmNote);
  const summary: Record<Mode, string> = {
    memory:
      'Hyper-V hypercalls from 64-bit code with parameters in memory: the hypercall input value in RCX, the guest physical addresses of the input and output blocks in RDX and R8, the result value back in RAX.',
    fast: 'Hyper-V fast hypercalls from 64-bit code: the input value in RCX with the fast bit set, up to two 8-byte inputs in RDX and R8, no output, the result value in RAX.',
    'xmm-fast':
      'Hyper-V XMM fast hypercalls from 64-bit code: the input value in RCX with the fast bit set, an input block of up to 112 bytes in RDX, R8 and XMM0–XMM5, the result value in RAX.',
  };
  return {
    id: `hyperv-x64-${mode}`,
    name: `Hyper-V · x64 ${NAMES[mode]} hypercall`,
    family: FAMILY_X64,
    familyName: 'Hyper-V (x86)',
    era: 'TLFS x64',
    summary: summary[mode],
    arch: x8664,
    instruction: x8664.instructions.vmcall!,
    imm: 0,
    selector: 'rcx',
    selectorName: 'hypercall input value',
    slotBits: 64,
    args: modeArgs[mode],
    results: ['rax'],
    clobbered: [],
    preserved: keptX64,
    roleSources: {
      args: argSources[mode],
      results: [resultReg],
      clobbered: [],
      preserved: mode === 'memory' ? [volatile] : [volatile, fastInputsKept],
    },
    functionId: { layout: controlLayout, fixed: { fast: mode === 'memory' ? 0n : 1n } },
    unknownCall: { value: HV_STATUS_INVALID_HYPERCALL_CODE, name: 'HV_STATUS_INVALID_HYPERCALL_CODE (0x2)', sources: unknownCallSources },
    handler: 'the hypervisor',
    exception: hypervVmcallExit,
    handlerPath: hypervHandler,
    eraLinks: [
      ...(['memory', 'fast', 'xmm-fast'] as const)
        .filter((m) => m !== mode)
        .map((m) => ({ id: `hyperv-x64-${m}`, relation: 'related' as const, why: `the same hypercalls, ${NAMES[m]}` })),
      { id: 'hyperv-x86-memory', relation: 'related', why: 'the same interface from 32-bit code, values split into register pairs' },
      { id: 'hyperv-arm64-smccc', relation: 'related', why: 'the same control word and result value on arm64' },
    ],
    sources: [tlfs('Hypercall Inputs; Hypercall Outputs; Volatile Registers'), x86Msh('hv_do_hypercall, hv_do_fast_hypercall8, hv_do_fast_hypercall16')],
    notes: [...notes, ...layoutNotes],
  };
}

export const x64Memory = x64('memory');
export const x64Fast = x64('fast');
export const x64XmmFast = x64('xmm-fast');

/** 32-bit x86, memory-based: every 64-bit value split across a register pair. */
export const x86Memory: Convention = {
  id: 'hyperv-x86-memory',
  name: 'Hyper-V · 32-bit x86 memory-based hypercall',
  family: FAMILY_X86,
  familyName: 'Hyper-V (x86)',
  era: 'TLFS x86',
  summary:
    'Hyper-V hypercalls from 32-bit code: the 64-bit input value in EDX:EAX, the input block GPA in EBX:ECX, the output block GPA in EDI:ESI, the result value back in EDX:EAX.',
  arch: x86,
  instruction: x86.instructions.vmcall!,
  imm: 0,
  selector: 'eax',
  selectorName: 'hypercall input value, bits 31:0',
  slotBits: 32,
  args: ['ebx', 'ecx', 'edi', 'esi'],
  results: ['eax', 'edx'],
  clobbered: [],
  preserved: ['ebx', 'ecx', 'esi', 'edi', 'ebp', 'esp'],
  roleSources: {
    args: [
      tlfs('Hypercall Inputs, Fast flag zero: "RDX | EBX:ECX | Input Parameters GPA", "R8 | EDI:ESI | Output Parameters GPA"'),
      kvmDecode,
      x86Msh('hv_do_hypercall (32-bit): "b" (input_address_hi), "+c" (input_address_lo), "D" (output_address_hi), "S" (output_address_lo)'),
    ],
    results: [resultReg, x86Msh('hv_do_hypercall (32-bit): "=A" (hv_status)')],
    clobbered: [],
    preserved: [volatile],
  },
  functionId: { layout: controlLow, fixed: { fast: 0n } },
  unknownCall: { value: HV_STATUS_INVALID_HYPERCALL_CODE, name: 'HV_STATUS_INVALID_HYPERCALL_CODE (0x2)', sources: unknownCallSources },
  handler: 'the hypervisor',
  exception: hypervVmcallExit,
  handlerPath: hypervHandler,
  eraLinks: [{ id: 'hyperv-x64-memory', relation: 'related', why: 'the same interface from 64-bit code, one register per value' }],
  sources: [tlfs('Hypercall Inputs: x86 column; Hypercall Outputs'), x86Msh('hv_do_hypercall (32-bit)')],
  notes: [pairNote, hypercallPageNote, legalNote, repRcxNote, linux32Note, ...layoutNotes],
};

export const x64Conventions: readonly Convention[] = [x64Memory, x64Fast, x64XmmFast];
