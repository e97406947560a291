import type { Call, CallNumber } from '../../model/call';
import type { Convention } from '../../model/convention';
import type { Note, Source } from '../../model/source';
import { aarch32 } from '../arch/aarch32';
import { aarch64 } from '../arch/aarch64';
import type { Family } from '../family';
import { oldStub64, src } from './sources';
import { armException } from '../exception/arm';
import { hypStubArm32, hypStubArm32Old, hypStubArm64, hypStubArm64Old } from './handlers';

/**
 * The Linux hyp-stub ABI: how a kernel booted at EL2 (HYP on 32-bit Arm),
 * now running at EL1, calls the small stub it left behind at EL2. Call
 * numbers changed in the 2017 rework, so each era is its own convention,
 * and because the model matches calls to conventions by family, each era
 * is also its own family: a call never shows up under an era whose numbers
 * differ from its own.
 */

export const HVC_STUB_ERR = 0xbadca11n;

const range = (p: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${p}${from + i}`);

/** A call number the source writes as a number. */
function stated(value: bigint, source: Source): CallNumber {
  return { value, stated: { value, how: 'literal', source } };
}

// ---------------------------------------------------------------- notes

const intraKernel: Note = {
  kind: 'info',
  text:
    'Not a guest-to-hypervisor ABI: this is one Linux kernel talking to itself. Booted at EL2 (HYP), it installs a stub there and drops to EL1; ' +
    'later it calls that stub to install or remove KVM’s vectors, or to restart into a new kernel (kexec). The "guest kernel at EL1" in the steps is that same kernel.',
  sources: [src.abiScope, src.abiHvc0],
};

const unwritten: Note = {
  kind: 'info',
  text:
    'The only written description we found is the kernel’s own Documentation/virt/kvm/arm/hyp-abi.rst ("Internal ABI between the kernel and HYP"); ' +
    'we found no description outside the kernel tree, and the numbers changed between kernel versions.',
  sources: [src.abiScope],
};

const releaseBoundary: Note = {
  kind: 'unconfirmed',
  text:
    'The renumbering (HVC_GET_VECTORS dropped, SET_VECTORS and SOFT_RESTART moved down, RESET_VECTORS and HVC_STUB_ERR added) came with Marc Zyngier’s hyp-stub rework; ' +
    'a commit of that series is dated 3 April 2017. We did not find the commit that renumbered the calls, so v4.12 as the first release with the new numbers is unconfirmed.',
  sources: [src.rework2017, src.old64Get, src.v64Set],
};

const keptInferred64: Note = {
  kind: 'unconfirmed',
  text:
    'hyp-abi.rst and virt.h say a stub hypercall may clobber the caller-saved registers x0–x18; neither lists what is kept. ' +
    'x19–x30 and sp are shown as kept because they are outside that list, not because a source promises it.',
  sources: [src.abiClobber, src.v64Comment],
};

const keptInferred32: Note = {
  kind: 'unconfirmed',
  text:
    'hyp-abi.rst says a stub hypercall may clobber r0–r3 and ip on arm; it does not list what is kept. ' +
    'r4–r11, sp and lr are shown as kept because they are outside that list, not because a source promises it.',
  sources: [src.abiClobber],
};

// ---------------------------------------------------------------- arm64, 2017 rework and later

const arm64: Convention = {
  id: 'hypstub-arm64',
  name: 'Linux hyp-stub · arm64 (v4.12+)',
  family: 'hypstub-arm64',
  familyName: 'Linux hyp-stub (arm64)',
  era: 'v4.12+',
  summary:
    'A kernel booted at EL2 leaves a stub there and runs at EL1; it calls the stub with hvc #0, the stub call number in x0, arguments from x1, and reads 0 or HVC_STUB_ERR back in x0.',
  arch: aarch64,
  instruction: aarch64.instructions.hvc!,
  imm: 0,
  selector: 'x0',
  selectorName: 'stub hypercall number',
  slotBits: 64,
  args: range('x', 1, 4),
  results: ['x0'],
  clobbered: range('x', 0, 18),
  preserved: [...range('x', 19, 30), 'sp'],
  roleSources: {
    args: [src.abiSoftRestart, src.v64Set],
    results: [src.abiReturn],
    clobbered: [src.abiClobber, src.v64Comment],
    preserved: [src.abiClobber],
  },
  unknownCall: { value: HVC_STUB_ERR, name: 'HVC_STUB_ERR (0xbadca11)', sources: [src.v64Err, src.s64Err] },
  caller: 'the host kernel (booted at EL2)',
  handler: 'the hyp stub at EL2',
  exception: armException(aarch64.instructions.hvc!.id),
  handlerPath: hypStubArm64,
  eraLinks: [
    {
      id: 'hypstub-arm64-pre-4.12',
      relation: 'earlier',
      why: 'Before the 2017 rework 0 read VBAR_EL2, 1 set it and 2 was SOFT_RESTART; other small numbers were reserved and larger values were a function pointer.',
    },
    { id: 'hypstub-arm32', relation: 'related', why: 'The same ABI on 32-bit Arm: r0 selects, and only SET_VECTORS (zImage only) and SOFT_RESTART remain.' },
  ],
  sources: [src.abiHvc0, src.v64Comment, src.s64Dispatch, src.s64Callers],
  notes: [
    intraKernel,
    unwritten,
    keptInferred64,
    releaseBoundary,
    {
      kind: 'info',
      text: 'Any other value of x0 is left to whatever hypervisor replaced the stub; the stub itself answers HVC_STUB_ERR.',
      sources: [src.abiOther, src.s64Err],
    },
  ],
};

const status64 = (example: bigint, exampleMeaning: string) => ({
  name: 'status',
  meaning: '0 on success, HVC_STUB_ERR on error',
  example,
  exampleMeaning,
  sources: [src.abiReturn, src.v64Err],
});

const arm64Calls: Call[] = [
  {
    id: 'hypstub-arm64-set-vectors',
    name: 'HVC_SET_VECTORS',
    family: arm64.family,
    summary: 'Point VBAR_EL2 at a new vector table: how KVM installs itself at EL2 on a non-VHE system.',
    number: stated(0n, src.v64Set),
    args: [
      {
        name: 'vectors',
        meaning: 'physical address of the new EL2 vector table, 2 KB aligned',
        example: 0x40080800n,
        sources: [src.v64Set, src.abiSetVectors, src.s64Align],
      },
    ],
    results: [status64(0n, 'success: the stub always returns 0 here')],
    handles: 'it writes x1 to VBAR_EL2 and returns 0 in x0.',
    returnsOnSuccess: true,
    sources: [src.v64Set, src.s64Set, src.abiSetVectors],
    notes: [{ kind: 'info', text: 'Only the initial stub implements this; a Linux hypervisor installed with it does not.', sources: [src.abiSetVectors] }],
  },
  {
    id: 'hypstub-arm64-soft-restart',
    name: 'HVC_SOFT_RESTART',
    family: arm64.family,
    summary: 'Jump to a restart address at EL2 with three values for the next payload: how kexec enters the new kernel at EL2.',
    number: stated(1n, src.v64Soft),
    args: [
      { name: 'restart address', meaning: 'where to branch at EL2', example: 0x80080000n, sources: [src.abiSoftRestart, src.s64Soft] },
      { name: 'next x0', meaning: 'becomes x0 of the next payload', example: 0x48000000n, sources: [src.abiSoftRestart, src.s64Soft] },
      { name: 'next x1', meaning: 'becomes x1 of the next payload', example: 0n, sources: [src.abiSoftRestart, src.s64Soft] },
      { name: 'next x2', meaning: 'becomes x2 of the next payload', example: 0n, sources: [src.abiSoftRestart, src.s64Soft] },
    ],
    results: [status64(HVC_STUB_ERR, 'HVC_STUB_ERR, only from EL2 code that does not implement the call: the stub itself always jumps')],
    handles: 'it moves x2–x4 into x0–x2 and branches to the restart address from x1, still at EL2; it does not come back.',
    returnsOnSuccess: false,
    sources: [src.v64Soft, src.s64Soft, src.abiSoftRestart],
    notes: [],
  },
  {
    id: 'hypstub-arm64-reset-vectors',
    name: 'HVC_RESET_VECTORS',
    family: arm64.family,
    summary: 'Give EL2 back to the stub: a hypervisor installed with SET_VECTORS turns the EL2 MMU off and restores the stub vectors.',
    number: stated(2n, src.v64Reset),
    args: [],
    results: [status64(0n, 'success')],
    handles: 'the stub itself has nothing to reset and returns 0; a hypervisor that replaced it restores the stub’s vectors.',
    returnsOnSuccess: true,
    sources: [src.v64Reset, src.s64Reset, src.abiResetVectors],
    notes: [],
  },
  {
    id: 'hypstub-arm64-finalise-el2',
    name: 'HVC_FINALISE_EL2',
    family: arm64.family,
    summary: 'Finish configuring EL2 and, where the CPU has VHE and nothing disabled it, move the kernel up from EL1 to EL2.',
    number: stated(3n, src.v64Finalise),
    args: [],
    results: [status64(0n, 'success: the kernel now runs at EL2')],
    handles: 'it finishes EL2 set-up and, if VHE is usable, copies the kernel’s EL1 context to EL2 and returns there; otherwise it returns HVC_STUB_ERR.',
    returnsOnSuccess: true,
    sources: [src.v64Finalise, src.s64Finalise, src.abiFinalise],
    notes: [
      {
        kind: 'info',
        text: 'On success the stub rewrites SPSR_EL1 to EL2h before its eret, so the caller resumes at EL2, not EL1 as the return step shows.',
        sources: [src.s64Finalise],
      },
      {
        kind: 'history',
        text: 'Number 3 was added in 2021 as HVC_VHE_RESTART ("Upgrade the CPU from EL1 to EL2, if possible") and later renamed HVC_FINALISE_EL2; the renaming commit is not cited here.',
        sources: [src.vheRestart, src.abiOldVhe, src.v64Finalise],
      },
    ],
  },
];

// ---------------------------------------------------------------- arm64, before the rework

const arm64Old: Convention = {
  id: 'hypstub-arm64-pre-4.12',
  name: 'Linux hyp-stub · arm64 (before v4.12)',
  family: 'hypstub-arm64-pre-4.12',
  familyName: 'Linux hyp-stub (arm64)',
  era: 'pre-4.12',
  summary:
    'The arm64 stub before the 2017 rework: hvc #0 with x0 = 0 to read VBAR_EL2, 1 to set it from x1, 2 for a soft restart; values from 0xfff up were a function pointer to run at EL2.',
  arch: aarch64,
  instruction: aarch64.instructions.hvc!,
  imm: 0,
  selector: 'x0',
  selectorName: 'hcall type',
  slotBits: 64,
  args: ['x1'],
  results: ['x0'],
  clobbered: [],
  preserved: [],
  roleSources: { args: [src.old64Set], results: [src.old64Protos], clobbered: [], preserved: [] },
  caller: 'the host kernel (booted at EL2)',
  handler: 'the hyp stub at EL2',
  exception: armException(aarch64.instructions.hvc!.id),
  handlerPath: hypStubArm64Old,
  eraLinks: [
    {
      id: 'hypstub-arm64',
      relation: 'later',
      why: 'The 2017 rework dropped GET_VECTORS, renumbered SET_VECTORS to 0 and SOFT_RESTART to 1, and added RESET_VECTORS and HVC_STUB_ERR.',
    },
    { id: 'hypstub-arm32-pre-4.12', relation: 'related', why: 'The early 32-bit stub: r0 = -1 read HVBAR, any other r0 was the new HVBAR.' },
  ],
  sources: [src.old64Comment, src.old64Get, src.old64Set],
  notes: [
    intraKernel,
    unwritten,
    releaseBoundary,
    {
      kind: 'history',
      text:
        'x0 values below 0xfff were reserved for stub calls and any other value was "used as a pointer to the function to call" (KVM’s kvm_call_hyp). ' +
        'That split came in with "arm64: hyp/kvm: Make hyp-stub extensible"; before it, x0 was only tested for zero.',
      sources: [src.old64Comment, src.extensible],
    },
    {
      kind: 'unconfirmed',
      text:
        'No clobber list was written for this era (hyp-abi.rst came with the rework), and this era’s hyp-stub.S was read only in a v4.9-based vendor tree (the handler’s path), ' +
        'where el1_sync touches x0–x4 and answers an unknown number with ARM_EXCEPTION_HYP_GONE; with no torvalds/linux copy, what the stub changes is unconfirmed. No register is shown as kept.',
      sources: [src.old64Comment, src.abiClobber, oldStub64('el1_sync: "3: mov x0, #ARM_EXCEPTION_HYP_GONE"')],
    },
  ],
};

const arm64OldCalls: Call[] = [
  {
    id: 'hypstub-arm64-pre-4.12-get-vectors',
    name: 'HVC_GET_VECTORS',
    family: arm64Old.family,
    summary: 'Read VBAR_EL2, so that KVM could later put the stub’s vectors back.',
    number: stated(0n, src.old64Get),
    args: [],
    results: [
      {
        name: 'vectors',
        meaning: 'the value of VBAR_EL2',
        example: 0x40080800n,
        exampleMeaning: 'the stub’s vector base (an example address)',
        sources: [src.old64Get, src.old64Protos],
      },
    ],
    handles: 'it returns the value of VBAR_EL2.',
    returnsOnSuccess: true,
    sources: [src.old64Get, src.old64Protos],
    notes: [
      {
        kind: 'unconfirmed',
        text: 'That the value comes back in x0 is read from the C prototype phys_addr_t __hyp_get_vectors(void), which returns in x0, and from the stub as a v4.9-based vendor tree has it ("mrs x0, vbar_el2"); no torvalds/linux copy of the stub was read.',
        sources: [src.old64Protos, oldStub64('el1_sync: "cmp x0, #HVC_GET_VECTORS; b.ne 1f; mrs x0, vbar_el2"')],
      },
    ],
  },
  {
    id: 'hypstub-arm64-pre-4.12-set-vectors',
    name: 'HVC_SET_VECTORS',
    family: arm64Old.family,
    summary: 'Point VBAR_EL2 at a new vector table (number 1 in this era, 0 after the rework).',
    number: stated(1n, src.old64Set),
    args: [{ name: 'vectors', meaning: 'physical address of the new EL2 vector table', example: 0x40080800n, sources: [src.old64Set] }],
    results: [
      {
        name: 'x0',
        meaning: 'what x0 holds on return; this era defined no status',
        example: 1n,
        exampleMeaning: 'a placeholder (the call number): what x0 holds afterwards is unconfirmed',
        sources: [src.old64Set],
      },
    ],
    handles: 'it writes x1 to VBAR_EL2.',
    returnsOnSuccess: true,
    sources: [src.old64Set],
    notes: [
      {
        kind: 'unconfirmed',
        text: 'This era had no HVC_STUB_ERR and no written return convention. In a v4.9-based vendor tree the stub returns with x0 unchanged (the call number, as shown); no torvalds/linux copy confirms it.',
        sources: [src.old64Set, src.v64Err, oldStub64('el1_sync: "1: cmp x0, #HVC_SET_VECTORS; b.ne 2f; msr vbar_el2, x1; b 9f" … "9: eret"')],
      },
    ],
  },
  {
    id: 'hypstub-arm64-pre-4.12-soft-restart',
    name: 'HVC_SOFT_RESTART',
    family: arm64Old.family,
    summary: 'CPU soft reset for cpu_soft_restart (kexec), number 2 in this era, 1 after the rework.',
    number: stated(2n, src.old64Soft),
    args: [],
    results: [
      {
        name: 'x0',
        meaning: 'only seen if the call comes back; this era defined no status',
        example: 2n,
        exampleMeaning: 'a placeholder: this era defined no failure value',
        sources: [src.old64Soft],
      },
    ],
    handles: 'it performs the CPU soft reset that cpu_soft_restart asks for; it does not come back.',
    returnsOnSuccess: false,
    sources: [src.old64Soft],
    notes: [
      {
        kind: 'unconfirmed',
        text:
          'The number 2 comes from a stored pre-rework copy of virt.h whose repository and commit we could not identify, not from a torvalds/linux commit; ' +
          'the tree at 03263ac9 has only GET_VECTORS 0 and SET_VECTORS 1. A v4.9-based vendor tree’s stub branches to x1 with x2–x4 moved down to x0–x2, as after the rework; with no torvalds/linux copy, no arguments are shown.',
        sources: [src.old64Soft, src.old64Get, oldStub64('el1_sync: "2: cmp x0, #HVC_SOFT_RESTART" … "mov x0, x2; mov x2, x4; mov x4, x1; mov x1, x3; br x4 // no return"')],
      },
    ],
  },
];

// ---------------------------------------------------------------- arm32, 2017 rework and later

const arm32: Convention = {
  id: 'hypstub-arm32',
  name: 'Linux hyp-stub · arm (32-bit, v4.12+)',
  family: 'hypstub-arm32',
  familyName: 'Linux hyp-stub (32-bit arm)',
  era: 'v4.12+',
  summary: 'A 32-bit kernel booted in HYP mode calls its HYP stub with hvc #0: the stub call number in r0, the address in r1, 0 or HVC_STUB_ERR back in r0.',
  arch: aarch32,
  // The stub a 32-bit kernel leaves behind runs in AArch32 Hyp mode, which reads the syndrome from HSR.
  targetState: 'AArch32',
  instruction: aarch32.instructions.hvc!,
  imm: 0,
  selector: 'r0',
  selectorName: 'stub hypercall number',
  slotBits: 32,
  args: ['r1'],
  results: ['r0'],
  clobbered: ['r0', 'r1', 'r2', 'r3', 'ip'],
  preserved: [...range('r', 4, 11), 'sp', 'lr'],
  roleSources: {
    args: [src.abiSetVectors, src.s32Callers],
    results: [src.abiReturn, src.s32Err],
    clobbered: [src.abiClobber],
    preserved: [src.abiClobber],
  },
  unknownCall: { value: HVC_STUB_ERR, name: 'HVC_STUB_ERR (0xbadca11)', sources: [src.v32Err, src.s32Err] },
  caller: 'the host kernel (booted in HYP mode, now in SVC mode)',
  handler: 'the HYP stub',
  exception: armException(aarch32.instructions.hvc!.id, 'AArch32'),
  handlerPath: hypStubArm32,
  eraLinks: [
    { id: 'hypstub-arm32-pre-4.12', relation: 'earlier', why: 'Before the rework r0 = -1 read HVBAR and any other r0 was written to HVBAR.' },
    {
      id: 'hypstub-arm64',
      relation: 'related',
      why: 'The arm64 stub: same numbers for SET_VECTORS and SOFT_RESTART, plus RESET_VECTORS and FINALISE_EL2, and x2–x4 passed on by SOFT_RESTART.',
    },
  ],
  sources: [src.abiHvc0, src.v32Numbers, src.s32Trap, src.s32Callers],
  notes: [
    intraKernel,
    unwritten,
    keptInferred32,
    releaseBoundary,
    {
      kind: 'history',
      text:
        'Until the 2020 removal of KVM/arm, arm also had HVC_RESET_VECTORS 2 and the kernel proper’s stub accepted SET_VECTORS. ' +
        'The patch that removed them made SET_VECTORS zImage-only and kept SOFT_RESTART, "still present in order to support kexec".',
      sources: [src.arm32Removal],
    },
    {
      kind: 'disagreement',
      text: 'hyp-abi.rst still lists HVC_RESET_VECTORS for "r0/x0", but arch/arm/include/asm/virt.h no longer defines it and the arm stub answers any number but its own with HVC_STUB_ERR.',
      sources: [src.abiResetVectors, src.v32Numbers, src.s32Err],
    },
  ],
};

const status32 = (example: bigint, exampleMeaning: string) => ({
  name: 'status',
  meaning: '0 on success, HVC_STUB_ERR on error',
  example,
  exampleMeaning,
  sources: [src.abiReturn, src.s32Err],
});

const arm32Calls: Call[] = [
  {
    id: 'hypstub-arm32-set-vectors',
    name: 'HVC_SET_VECTORS',
    family: arm32.family,
    summary: 'Point HVBAR at a new vector table. Only the zImage decompressor’s stub still implements it.',
    number: stated(0n, src.v32Numbers),
    args: [
      {
        name: 'vectors',
        meaning: 'physical address of the new HYP vector table',
        example: 0x60018000n,
        sources: [src.abiSetVectors, src.s32Trap, src.s32Callers],
      },
    ],
    results: [status32(0n, 'success (zImage stub)')],
    handles: 'the zImage stub writes r1 to HVBAR and returns 0; the kernel proper’s stub answers HVC_STUB_ERR.',
    returnsOnSuccess: true,
    sources: [src.v32Numbers, src.s32Trap],
    notes: [
      {
        kind: 'info',
        text: 'Only the stub built into the zImage decompressor (#ifdef ZIMAGE) implements this call.',
        sources: [src.s32Trap, src.arm32Removal],
      },
    ],
  },
  {
    id: 'hypstub-arm32-soft-restart',
    name: 'HVC_SOFT_RESTART',
    family: arm32.family,
    summary: 'Branch to a restart address in HYP mode: how kexec enters the new kernel in HYP.',
    number: stated(1n, src.v32Numbers),
    args: [
      { name: 'restart address', meaning: 'where to branch in HYP mode', example: 0x60008000n, sources: [src.abiSoftRestart, src.s32Soft, src.s32Callers] },
    ],
    results: [status32(HVC_STUB_ERR, 'HVC_STUB_ERR, only from HYP code that does not implement the call: the stub itself always branches')],
    handles: 'it branches to the address in r1 (bx r1), still in HYP mode; it does not come back.',
    returnsOnSuccess: false,
    sources: [src.v32Numbers, src.s32Soft, src.abiSoftRestart],
    notes: [],
  },
];

// ---------------------------------------------------------------- arm32, before the rework

const arm32Old: Convention = {
  id: 'hypstub-arm32-pre-4.12',
  name: 'Linux hyp-stub · arm (32-bit, before v4.12)',
  family: 'hypstub-arm32-pre-4.12',
  familyName: 'Linux hyp-stub (32-bit arm)',
  era: 'pre-4.12',
  summary: 'The early 32-bit HYP stub: hvc #0 with r0 = -1 reads HVBAR into r0; any other r0 is written to HVBAR. There are no call numbers.',
  arch: aarch32,
  // The stub a 32-bit kernel leaves behind runs in AArch32 Hyp mode, which reads the syndrome from HSR.
  targetState: 'AArch32',
  instruction: aarch32.instructions.hvc!,
  imm: 0,
  selector: 'r0',
  selectorName: 'vector address or -1',
  slotBits: 32,
  args: [],
  results: ['r0'],
  clobbered: [],
  preserved: [],
  roleSources: { args: [], results: [src.old32Trap], clobbered: [], preserved: [] },
  caller: 'the host kernel (booted in HYP mode, now in SVC mode)',
  handler: 'the HYP stub',
  exception: armException(aarch32.instructions.hvc!.id, 'AArch32'),
  handlerPath: hypStubArm32Old,
  eraLinks: [
    { id: 'hypstub-arm32', relation: 'later', why: 'The rework gave the stub call numbers in r0 and an address in r1, with 0 or HVC_STUB_ERR returned.' },
    { id: 'hypstub-arm64-pre-4.12', relation: 'related', why: 'The early arm64 stub already had numbered calls in x0.' },
  ],
  sources: [src.old32Trap, src.old32Get],
  notes: [
    intraKernel,
    unwritten,
    {
      kind: 'unconfirmed',
      text: 'Read from the tree at 0af0b189; that this scheme lasted unchanged until the 2017 rework is unconfirmed.',
      sources: [src.old32Trap, src.rework2017],
    },
    {
      kind: 'unconfirmed',
      text: 'No clobber list was written for this era. The stub code as read changes only r0 (on a read) and HVBAR; no register is shown as promised kept.',
      sources: [src.old32Trap],
    },
  ],
};

const arm32OldCalls: Call[] = [
  {
    id: 'hypstub-arm32-pre-4.12-get-vectors',
    name: '__hyp_get_vectors (r0 = -1)',
    family: arm32Old.family,
    summary: 'Read HVBAR: r0 = -1 asks for it.',
    number: stated(0xffffffffn, src.old32Get),
    args: [],
    results: [
      {
        name: 'vectors',
        meaning: 'the value of HVBAR',
        example: 0x60018000n,
        exampleMeaning: 'the stub’s vector base (an example address)',
        sources: [src.old32Trap],
      },
    ],
    handles: 'it sees r0 = -1 (0xFFFFFFFF) and reads HVBAR into r0 (mrceq p15, 4, r0, c12, c0, 0).',
    returnsOnSuccess: true,
    sources: [src.old32Trap, src.old32Get],
    notes: [],
  },
  {
    id: 'hypstub-arm32-pre-4.12-set-vectors',
    name: '__hyp_set_vectors (r0 = new HVBAR)',
    family: arm32Old.family,
    summary: 'Write HVBAR: any r0 other than -1 is taken as the physical address of the new vector table.',
    number: {
      value: 0x60018000n,
      stated: {
        value: 0x60018000n,
        how: 'expanded',
        source: {
          ...src.old32Set,
          where: `${src.old32Set.where}. No call number: any r0 other than -1 is the new HVBAR; 0x60018000 is an example address, not a number from the source`,
        },
      },
    },
    args: [],
    results: [
      {
        name: 'r0',
        meaning: 'unchanged: this path does not write r0',
        example: 0x60018000n,
        exampleMeaning: 'the address passed in',
        sources: [src.old32Trap],
      },
    ],
    handles: 'it writes r0 to HVBAR (mcrne p15, 4, r0, c12, c0, 0) and returns.',
    returnsOnSuccess: true,
    sources: [src.old32Trap, src.old32Set],
    notes: [
      {
        kind: 'info',
        text:
          'This call has no number: r0 is both selector and argument. The value shown in r0 is an example vector address (32-byte aligned, below 4 GB); ' +
          'any value you type other than 0xFFFFFFFF would also set HVBAR, although the plan then reports it as "not a call in the catalog".',
        sources: [src.old32Trap, src.old32Set],
      },
    ],
  },
];

export const hypstubConventions: readonly Convention[] = [arm64, arm64Old, arm32, arm32Old];
export const hypstubCalls: readonly Call[] = [...arm64Calls, ...arm64OldCalls, ...arm32Calls, ...arm32OldCalls];

export const hypstub: Family = { conventions: hypstubConventions, calls: hypstubCalls };
