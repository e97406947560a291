import type { InstructionDef } from '../../model/arch';
import type { Convention, FixedInput } from '../../model/convention';
import type { Note } from '../../model/source';
import { aarch64 } from '../arch/aarch64';
import { x8664 } from '../arch/x86-64';
import { linux } from '../docs';
import { inEaxDx, mrsXzrMdccsr, repInsb, repOutsb, x7Layout, x7LowBandwidth } from './instructions';
import { HB, PORT, PORT_HB } from './port';
import { linux510, nvKernelsVmwareH, ovt, src } from './sources';
import { vmwareExit, vmwareHandler } from './exceptions';

export { HB, PORT, PORT_HB };

export const FAMILY_LB = 'vmware-backdoor';
export const FAMILY_HB_OUT = 'vmware-backdoor-hb-out';
export const FAMILY_HB_IN = 'vmware-backdoor-hb-in';
export const FAMILY_ARM64 = 'vmware-backdoor-arm64';

export const MAGIC = 0x564d5868n;

const HANDLER = 'the hypervisor (VMware)';
const range = (p: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${p}${from + i}`);

const magicX86: FixedInput = {
  register: 'eax',
  name: 'VMWARE_HYPERVISOR_MAGIC',
  meaning: 'the backdoor magic number, arg0 of every call (its bytes 56 4D 58 68 spell "VMXh")',
  value: MAGIC,
  sources: [src.magic, src.abi],
};

/** EDX before the trap for the low-bandwidth calls in this catalog. */
const in3Zero: FixedInput = {
  register: 'edx',
  name: 'in3 (arg3)',
  meaning: 'every call listed here passes 0 ("d" (0) in vmware_hypercall1/3; in3 = 0 from vmware_cmd_stealclock)',
  value: 0n,
  sources: [src.hc1, src.hc3, src.stealclock],
};

const portX86: FixedInput = {
  register: 'dx',
  name: 'VMWARE_HYPERVISOR_PORT',
  meaning: 'movw $0x5658, %dx, run right before inl, replaces the low 16 bits of EDX with the port number',
  value: PORT,
  sources: [src.port, src.hypercallMacro],
};

const roleSourcesLb: Convention['roleSources'] = {
  args: [src.abi, src.hc5, src.hc7],
  results: [src.abi, src.hc3, src.hc4, src.hc6, src.hc7],
  clobbered: [src.hc1, src.hc5, ovt.lb, ovt.wholeState],
  preserved: [src.hc1, src.hc3, src.hc5, ovt.lb],
};

// ---------------------------------------------------------------- notes

const modeNote: Note = {
  kind: 'info',
  text:
    'How Linux picks the mode: vmware_platform() checks for the vendor "VMwareVMware" at CPUID 0x40000000 and, if that leaf reports EAX >= 0x40000010, ' +
    'vmware_select_hypercall() keeps CPUID 0x40000010 ECX bit 0 (VMMCALL) and bit 1 (VMCALL). vmware_set_capabilities() turns them into ' +
    'X86_FEATURE_VMW_VMMCALL or X86_FEATURE_VMCALL, and VMWARE_HYPERCALL is ALTERNATIVE_2(movw port, %dx; inl (%dx), %eax | vmcall | vmmcall) patched on ' +
    'those features. With neither bit (or no CPUID leaf) the mode stays 0: port I/O. Built-in code that runs before alternatives are patched goes through ' +
    'vmware_hypercall_slow(), which switches on the same mode; TDX guests use vmware_tdx_hypercall() (TDCALL, magic in R12, command in R13) instead.',
  sources: [src.platform, src.select, src.featureBits, src.capabilities, src.hypercallMacro, src.slow, src.tdx],
};

const wrapperNote: Note = {
  kind: 'info',
  text:
    'Registers per Linux wrapper (x86). Inputs of every low-bandwidth wrapper: EAX = magic, EBX = in1, ECX = command. ' +
    'vmware_hypercall1(cmd, in1): EDX = 0; returns EAX only. vmware_hypercall3(cmd, in1, &out1, &out2): EDX = 0; returns EAX, EBX, ECX. ' +
    'vmware_hypercall4: EDX = 0; returns EAX, EBX, ECX, EDX. vmware_hypercall5(cmd, in1, in3, in4, in5, &out2): EDX = in3, ESI = in4, EDI = in5; returns EAX and ECX only. ' +
    'vmware_hypercall6(cmd, in1, in3, &out2…&out5): EDX = in3; returns EAX, ECX, EDX, ESI, EDI (not EBX). ' +
    'vmware_hypercall7(cmd, in1, in3, in4, in5, &out1, &out2, &out3): EDX = in3, ESI = in4, EDI = in5; returns EAX, EBX, ECX, EDX. ' +
    'There is no vmware_hypercall2. High bandwidth, vmware_hypercall_hb_out/_hb_in(cmd, in2, in3, in4, in5, in6, &out1): EAX = magic, EBX = command, ' +
    'ECX = in2, EDX = in3 | 0x5659, ESI = in4, EDI = in5, EBP = in6; returns EAX and EBX. Every wrapper clobbers "cc" and "memory".',
  sources: [src.hc1, src.hc3, src.hc4, src.hc5, src.hc6, src.hc7, src.hbOut, src.hbIn],
};

const edxDisagreement: Note = {
  kind: 'disagreement',
  text:
    'The comment above VMWARE_HYPERCALL says "The low word of %edx is presumed to have OUT bit set" (VMWARE_HYPERVISOR_OUT is BIT(1)), but ' +
    'vmware_hypercall1/3/4 pass "d" (0) and vmwgfx passes channel_id << 16, so the low word is 0 with the OUT bit clear; the older macro of the same ' +
    'name in the same header says instead "The low word of edx is presumed clear". On the port-I/O path movw then overwrites the low word with 0x5658 ' +
    'although the asm lists EDX as an input only. Recorded as the sources state it; not resolved.',
  sources: [src.edxComment, src.hc1, src.hc3, src.closeChannel, src.oldMacros, src.abi],
};

const historyNote: Note = {
  kind: 'history',
  text:
    'Before the vmware_hypercall API (Linux 5.10 and earlier), GETVERSION, GETHZ and GETVCPU_INFO went through the VMWARE_CMD macro, whose ' +
    'VMWARE_PORT, VMWARE_VMCALL and VMWARE_VMMCALL variants always loaded EBX = UINT_MAX (0xFFFFFFFF), loaded EDX = 0x5658 through the "d" ' +
    'constraint (port I/O) or EDX = 0 (vmcall/vmmcall), clobbered only "memory", and read back EAX, EBX, ECX and EDX for every command. ' +
    'vmware_cmd_stealclock had its own asm with EBX = 0. The new API passes in1 = 0 for GETVERSION and GETVCPU_INFO and UINT_MAX only for GETHZ.',
  sources: [linux510, src.getversion, src.gethz, src.getvcpuInfo],
};

const keptNote = (text: string, sources: Note['sources']): Note => ({ kind: 'disagreement', text, sources });

const keptLbNote = keptNote(
  "Linux's inline asm declares as outputs only the registers a wrapper reads back, so the compiler assumes the others survive (RBX, RCX, RSI and RDI for GETVCPU_INFO). " +
    'VMware\'s own open-vm-tools lists RBX, RCX, RDX, RSI and RDI as clobbered by every low-bandwidth call and says VMware "can modify the whole VM state", though "so far" not EFLAGS. ' +
    'We show the safer reading: RBX, RCX, RDX, RSI and RDI are lost unless the call returns something in them, and the flags are lost as Linux\'s "cc" says.',
  [src.hc1, src.hc3, src.hc5, ovt.lb, ovt.wholeState],
);

const keptHbNote = keptNote(
  "Linux's high-bandwidth wrappers read back only EAX and EBX and restore RBP with pop, so the compiler assumes RCX, RDX, RSI and RDI survive. " +
    "VMware's own open-vm-tools lists RBX, RCX, RDX, RSI, RDI and the flags as clobbered and stores RBP back after the trap. " +
    "We show the safer reading: RCX, RDX, RSI, RDI and RBP are lost at the trap (Linux's wrapper then restores RBP from the stack).",
  [src.hbOut, src.hbIn, ovt.hb, ovt.wholeState],
);

const keptA64Note = keptNote(
  "vmwgfx's arm64 wrappers pass x1 (and x3–x5 in vmware_hypercall5 and 7) as inputs only, so the compiler assumes they survive. " +
    'VMware\'s own open-vm-tools says "The VM can modify the calling vCPU\'s registers x0, x1, x2, x3, x4 and x5" for a low-bandwidth call. ' +
    'We show the safer reading: x1–x5 are lost unless the call returns something in them.',
  [src.a64Hc1, src.a64Hc5, src.a64Hc7, ovt.a64, ovt.a64Flags],
);

const copiesNote: Note = {
  kind: 'info',
  text:
    'The vmware_hypercall API was read in recent Linux mirrors (NVIDIA/NV-Kernels 1aa23d73; Kingxukai/linux 0291023e and 9b44fff6, whose comments ' +
    'the mirror has altered but whose code matches). The Linux release that first carried it was not checked.',
  sources: [nvKernelsVmwareH, src.hc1],
};

const ioInterceptNote: Note = {
  kind: 'unconfirmed',
  text:
    'An I/O instruction reaches the hypervisor only if it intercepts that port; no source we read says how VMware configures I/O interception. ' +
    'The VMX exit reason and SVM exit code shown are the ones Linux names for an intercepted I/O instruction.',
  sources: [linux('arch/x86/include/uapi/asm/vmx.h', 'EXIT_REASON_IO_INSTRUCTION 30'), linux('arch/x86/include/uapi/asm/svm.h', 'SVM_EXIT_IOIO 0x07b')],
};

const inOperandNote: Note = {
  kind: 'unconfirmed',
  text:
    'Linux\'s opcode map gives ED as "IN eAX,DX". That ED with no 66h prefix reads 32 bits (EAX, not AX) follows the operand-size rules of the Intel ' +
    'SDM, which we did not read; the map only writes eAX.',
  sources: [src.opIn],
};

const portPathNote: Note = {
  kind: 'info',
  text:
    'On this path the command and arguments are loaded by the compiler from the asm constraints (EDX = 0 here), then the template runs movw $0x5658, %dx ' +
    'and inl (%dx), %eax. Because the template itself rewrites DX, EDX is shown as unknown afterwards.',
  sources: [src.hypercallMacro, src.hc1, src.slow],
};

const callPathNote = (insn: string): Note => ({
  kind: 'info',
  text:
    `On the ${insn} path there is no port: EDX reaches the hypervisor holding the value the wrapper passed (0 for the calls listed here, in3 for ` +
    'vmware_hypercall5/6/7). The header says the vmcall interface takes flags in that low word instead of a port number (VMWARE_HYPERVISOR_HB BIT(0), VMWARE_HYPERVISOR_OUT BIT(1)).',
  sources: [src.hypercallMacro, src.abi, src.hc1, src.hc5],
});

const hbNote = (insn: string, dir: string): Note => ({
  kind: 'info',
  text:
    `High-bandwidth ${dir} is port I/O only: vmware_hypercall_hb_${dir === 'out' ? 'out' : 'in'} always runs ${insn}, never vmcall or vmmcall, and ` +
    'is not used by guests with encrypted memory (vmwgfx falls back to 4-byte low-bandwidth messages then). The wrapper pushes RBP, moves in6 into it, ' +
    `runs ${insn} and pops RBP, so EBP carries the sixth input only during the trap. EDX is in3 | VMWARE_HYPERVISOR_PORT_HB: the port 0x5659 in the low word, ` +
    "the caller's data (vmwgfx: channel_id << 16) in the high word.",
  sources: [src.hbOnlyPort, dir === 'out' ? src.hbOut : src.hbIn, src.portHb, src.hbChoice],
});

const hbHistoryNote: Note = {
  kind: 'history',
  text:
    'The older VMWARE_HYPERCALL_HB_OUT and VMWARE_HYPERCALL_HB_IN macros (still at the end of the header in the copy read) loaded DX with movw $0x5659 ' +
    'and were ALTERNATIVE_2 patched to vmcall or vmmcall like the low-bandwidth call; the vmware_hypercall_hb_* wrappers dropped that.',
  sources: [src.oldMacros, nvKernelsVmwareH],
};

const pointerNote: Note = {
  kind: 'info',
  text:
    'The header says x86-64 uses only the lower 32 bits of each argument, but vmwgfx passes the message buffer as (uintptr_t) in ESI (out) or EDI (in), ' +
    'a full 64-bit kernel pointer, so that slot is shown as RSI or RDI.',
  sources: [src.abi, src.hbOutUse, src.hbInUse],
};

// ---------------------------------------------------------------- x86 conventions

const lbIds = ['vmware-x86-port-io', 'vmware-x86-vmcall', 'vmware-x86-vmmcall'] as const;

const links = (self: string): Convention['eraLinks'] => [
  ...lbIds
    .filter((id) => id !== self)
    .map((id) => ({
      id,
      relation: 'related' as const,
      why: 'the same low-bandwidth call through another instruction; Linux picks one at boot from CPUID 0x40000010',
    })),
  ...(['vmware-x86-hb-out', 'vmware-x86-hb-in'] as const)
    .filter((id) => id !== self)
    .map((id) => ({ id, relation: 'related' as const, why: 'high-bandwidth string I/O on port 0x5659, command in EBX' })),
  ...(self === 'vmware-arm64-vmwgfx'
    ? []
    : [{ id: 'vmware-arm64-vmwgfx', relation: 'related' as const, why: 'the same registers mapped onto x0–x7 on arm64' }]),
];

function lowBandwidth(id: (typeof lbIds)[number], mode: string, instruction: InstructionDef, summaryTail: string, extra: Note[]): Convention {
  const port = id === 'vmware-x86-port-io';
  return {
    id,
    name: `VMware backdoor · ${mode} (x86-64)`,
    family: FAMILY_LB,
    familyName: 'VMware backdoor (x86)',
    era: mode,
    summary:
      `VMware's low-bandwidth backdoor call through ${summaryTail}: the magic number in EAX, the command in ECX, arguments in EBX, EDX, ESI and EDI, ` +
      'and results in whichever of EAX–EDI the Linux wrapper reads back.',
    arch: x8664,
    instruction,
    imm: 0,
    selector: 'ecx',
    selectorName: 'command',
    fixed: port ? [magicX86, in3Zero, portX86] : [magicX86, in3Zero],
    slotBits: 32,
    args: ['ebx', 'edx', 'esi', 'edi'],
    results: ['eax', 'ebx', 'ecx', 'edx', 'esi', 'edi'],
    clobbered: ['rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rflags'],
    preserved: ['rbp', 'rsp', ...range('r', 8, 15)],
    roleSources: roleSourcesLb,
    handler: HANDLER,
    exception: vmwareExit(instruction.id),
    handlerPath: vmwareHandler,
    eraLinks: links(id),
    sources: [src.abi, src.hypercallMacro, src.magic, src.port],
    notes: [modeNote, wrapperNote, ...extra, edxDisagreement, historyNote, keptLbNote, copiesNote],
  };
}

const portIo = lowBandwidth('vmware-x86-port-io', 'I/O port 0x5658', inEaxDx, 'the I/O port 0x5658 (inl)', [portPathNote, ioInterceptNote, inOperandNote]);
const vmcall = lowBandwidth('vmware-x86-vmcall', 'VMCALL', x8664.instructions.vmcall!, 'VMCALL, used when CPUID 0x40000010 ECX bit 1 is set', [
  callPathNote('vmcall'),
]);
const vmmcall = lowBandwidth('vmware-x86-vmmcall', 'VMMCALL', x8664.instructions.vmmcall!, 'VMMCALL, used when CPUID 0x40000010 ECX bit 0 is set', [
  callPathNote('vmmcall'),
]);

function highBandwidth(dir: 'out' | 'in'): Convention {
  const id = `vmware-x86-hb-${dir}` as const;
  const insn = dir === 'out' ? repOutsb : repInsb;
  return {
    id,
    name: `VMware backdoor · high-bandwidth ${dir} (${insn.mnemonic}, x86-64)`,
    family: dir === 'out' ? FAMILY_HB_OUT : FAMILY_HB_IN,
    familyName: 'VMware backdoor (x86)',
    era: `high-bandwidth ${dir} (${insn.mnemonic})`,
    summary:
      `VMware's high-bandwidth backdoor: ${insn.mnemonic} on port 0x5659 moves a buffer ${dir === 'out' ? 'to' : 'from'} the host in one trap. ` +
      'The magic number goes in EAX, the command in EBX, and EBP carries a sixth input.',
    arch: x8664,
    instruction: insn,
    imm: 0,
    selector: 'ebx',
    selectorName: 'command',
    fixed: [magicX86],
    slotBits: 32,
    args: ['ecx', 'edx', 'esi', 'edi', 'ebp'],
    results: ['eax', 'ebx'],
    clobbered: ['rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rflags'],
    preserved: ['rsp', ...range('r', 8, 15)],
    roleSources: {
      args: [src.abi, dir === 'out' ? src.hbOut : src.hbIn],
      results: [dir === 'out' ? src.hbOut : src.hbIn],
      clobbered: [dir === 'out' ? src.hbOut : src.hbIn, ovt.hb],
      preserved: [dir === 'out' ? src.hbOut : src.hbIn, ovt.hb],
    },
    handler: HANDLER,
    exception: vmwareExit(insn.id),
    handlerPath: vmwareHandler,
    eraLinks: links(id),
    sources: [src.abi, dir === 'out' ? src.hbOut : src.hbIn, src.portHb, src.magic],
    notes: [hbNote(insn.mnemonic, dir), modeNote, wrapperNote, pointerNote, ioInterceptNote, hbHistoryNote, keptHbNote, copiesNote],
  };
}

// ---------------------------------------------------------------- arm64

const a64Notes: Note[] = [
  {
    kind: 'info',
    text:
      'There is no mode selection on arm64: every wrapper in vmwgfx_msg_arm64.h issues mrs xzr, mdccsr_el0. The x86 choice between port I/O, ' +
      'VMCALL and VMMCALL (vmware_select_hypercall() reading CPUID 0x40000010 ECX bits 0 and 1, then ALTERNATIVE_2 patching) does not apply here.',
    sources: [src.a64Insn, src.select, src.hypercallMacro],
  },
  {
    kind: 'info',
    text:
      'Linux has this only inside the vmwgfx DRM driver (drivers/gpu/drm/vmwgfx/vmwgfx_msg_arm64.h, built for __aarch64__); we found no arm64 ' +
      'counterpart of arch/x86/include/asm/vmware.h. The registers follow the x86 ones: x0 = EAX (magic), x1 = EBX (in1), x2 = ECX (command), ' +
      'x3 = EDX (in3 | port), x4 = ESI, x5 = EDI, x6 = EBP (high bandwidth only), and x7 describes the x86 I/O instruction being stood in for.',
    sources: [src.a64Hc5, src.a64Hb, src.a64W7],
  },
  {
    kind: 'info',
    text:
      'Wrappers on arm64: vmware_hypercall1 (x3 = VMWARE_HYPERVISOR_PORT alone; returns x0), vmware_hypercall5 (returns x0, x2), vmware_hypercall6 ' +
      '(returns x0, x2, x3, x4, x5), vmware_hypercall7 (returns x0, x1, x2, x3), vmware_hypercall_hb (x1 = command, x6 = in6, x7 = (0x86 << 32) | STR | WITH | dir; ' +
      'returns x0, x1). There is no vmware_hypercall2, 3 or 4 on arm64. The port is ORed into x3 by the wrapper rather than loaded by a separate instruction.',
    sources: [src.a64Hc1, src.a64Hc5, src.a64Hc6, src.a64Hc7, src.a64Hb],
  },
  {
    kind: 'unconfirmed',
    text:
      "vmwgfx only issues mrs xzr, mdccsr_el0. VMware's own backdoor_def.h describes the mechanism (X7<63:32> = X86_IO_MAGIC, then MRS XZR, MDCCSR_EL0, usable from EL1 and EL0; " +
      "from EL1 it prefers HVC with the immediate X86_IO_MAGIC) but not how EL2 is made to trap the read. KVM's nested-virtualization table lists " +
      'MDCR_EL2.TDCC, TDE and TDA as the controls that trap MDCCSR_EL0, which is what the trap step shows. The ESR_EL2 value is computed from the ' +
      "EC and ISS fields Linux's esr.h defines, with IL = 1 for a 32-bit instruction.",
    sources: [src.mdcrTrap, src.ecSys64, src.sys64Iss, ovt.mechanism, ovt.hvcFromEl1],
  },
  {
    kind: 'disagreement',
    text:
      "vmwgfx_msg_arm64.h defines X86_IO_W7_DF as (1 << 5) and X86_IO_W7_IMM_MASK as (0xff << 5), which overlap at bit 5. VMware's backdoor_def.h, which defines the same values, " +
      'explains it: the 8-bit port immediate sits in W7<12:5> only for IN/OUT without DX, the direction flag in W7<5> only for string instructions. Neither is used by the ' +
      "wrappers, so x7's bits 12:5 are drawn as a single field.",
    sources: [src.a64W7Defs, ovt.w7Imm, ovt.w7Df],
  },
  keptA64Note,
];

const arm64: Convention = {
  id: 'vmware-arm64-vmwgfx',
  name: 'VMware backdoor · mrs xzr, mdccsr_el0 (arm64, vmwgfx)',
  family: FAMILY_ARM64,
  familyName: 'VMware backdoor (arm64)',
  era: 'arm64, vmwgfx only',
  summary:
    "VMware's backdoor on arm64 as the vmwgfx graphics driver makes it: the x86 registers mapped onto x0–x5, a descriptor of the x86 I/O " +
    'instruction in x7, and a trapped read of MDCCSR_EL0 in place of the I/O instruction.',
  arch: aarch64,
  instruction: mrsXzrMdccsr,
  imm: 0,
  selector: 'x2',
  selectorName: 'command',
  fixed: [
    { register: 'x0', name: 'VMWARE_HYPERVISOR_MAGIC', meaning: 'the backdoor magic number, as EAX on x86', value: MAGIC, sources: [src.a64Magic, src.a64Hc5] },
    {
      register: 'x7',
      name: 'x86 I/O descriptor',
      meaning: '(X86_IO_MAGIC 0x86 << 32) | X86_IO_W7_WITH | X86_IO_W7_DIR | (2 << X86_IO_W7_SIZE_SHIFT), the low-bandwidth value every LB wrapper loads',
      value: x7LowBandwidth,
      layout: x7Layout,
      sources: [src.a64W7, src.a64W7Defs],
    },
  ],
  slotBits: 64,
  args: ['x1', 'x3', 'x4', 'x5'],
  results: ['x0', 'x1', 'x2', 'x3', 'x4', 'x5'],
  clobbered: range('x', 1, 5),
  preserved: [...range('x', 6, 30), 'sp'],
  roleSources: {
    args: [src.a64Hc5, src.a64Hc7],
    results: [src.a64Hc5, src.a64Hc6, src.a64Hc7],
    clobbered: [ovt.a64],
    preserved: [src.a64Hc5, src.a64Hc6, ovt.a64],
  },
  handler: HANDLER,
  handlerPath: vmwareHandler,
  eraLinks: links('vmware-arm64-vmwgfx'),
  sources: [src.a64Insn, src.a64Magic, src.a64W7],
  notes: a64Notes,
};

export const vmwareConventions: readonly Convention[] = [portIo, vmcall, vmmcall, highBandwidth('out'), highBandwidth('in'), arm64];
