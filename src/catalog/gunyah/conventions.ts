import type { Convention } from '../../model/convention';
import { toTwosComplement } from '../../model/value';
import { aarch64 } from '../arch/aarch64';
import { linux } from '../docs';
import { smcccConventions } from '../smccc/conventions';
import { gunyahFunctionId } from './layouts';
import { apiDoc, hvcDef, linuxHeader, linuxHypercall, nak, rmStubs, smcccDispatch, smcccTc, smcccWrapper, torvaldsCopy, v1Abi, v2Abi } from './sources';
import { armException } from '../exception/arm';
import { gunyahNativeHandler, gunyahSmcccHandler } from './handlers';

export const FAMILY_2022 = 'gunyah-2022';
export const FAMILY_SMCCC = 'gunyah-smccc';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `x${from + i}`);

const smccc12 = smcccConventions.find((c) => c.id === 'smccc-1.2-hvc64');
if (!smccc12) throw new Error('gunyah: the SMCCC 1.2 HVC64 convention is missing from the catalog');

const registerNote = {
  kind: 'disagreement' as const,
  text:
    'The sources disagree on which registers a call may change. The patch\'s commit message says "[r8-r18] are temporary and saved by the caller (VM)". ' +
    'Its arch_gh_hypercall() tells the compiler that only x9–x17 (and memory) change, leaving out x8 and x18, and any of x0–x7 it does not read back as an output. ' +
    "The hypervisor's API doc says r8 and r9–r17 are temporary, r18 is preserved, and unused result registers are not preserved. The resource manager's generated stubs agree with the doc " +
    '(hvc 0x6000 clobbers x4–x17). We show the hypervisor doc: x8–x17 unknown after the call, x18 kept, unused x0–x7 lost.',
  sources: [
    v1Abi('commit message "[r8-r18] are temporary and saved by the caller (VM)"'),
    v1Abi('arch_gh_hypercall(): asm clobbers "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "memory"'),
    apiDoc('AArch64 HVC ABI, General-purpose Register table: r18 Preserved; r17, r16, r9…r15, r8 Temporary; r0…r7 "Unused result registers not preserved"'),
    rmStubs('gunyah_hyp_hypervisor_identify(): "hvc 0x6000", clobbers x4–x17'),
  ],
};

const nakNote = {
  kind: 'history' as const,
  text:
    'Mark Rutland (Arm) answered the patch: "We\'ve previously said NO to any new hypercall mechanisms which do not follow SMCCC … NAK to this non-SMCCC interface." ' +
    'The v2 series of July 2022 switched Linux to SMCCC function IDs in x0 (see the Gunyah SMCCC convention).',
  sources: [nak('"NAK to this non-SMCCC interface."'), v2Abi('"The arm64 ABI for Gunyah hypercalls generally follows the SMC Calling Convention."')],
};

const stillDocumentedNote = {
  kind: 'info' as const,
  text:
    'The immediate ABI is "2022" only from Linux\'s point of view: the hypervisor\'s API doc still describes every hypercall as hvc 0x6000–0x61FF, and its resource manager still calls hvc 0x6000. ' +
    "The hypercall number is 0x6000 plus the call_num of the hypervisor's .hvc definition (vcpu_run: call_num 0x65, hvc 0x6065); we worked this out by comparing the two for the calls shown.",
  sources: [
    apiDoc(
      '"Gunyah hypercalls use a range of HVC opcode immediate numbers, and reserves the following HVC immediate range:" "hvc #0x6000" "through to:" "hvc #0x61ff"',
    ),
    rmStubs('"hvc 0x6000", "hvc 0x6001", …'),
    hvcDef.vcpuRun('define vcpu_run hypercall { call_num 0x65; … }'),
    apiDoc('Run a Proxy-Scheduled VCPU thread: vcpu_run, Call number hvc 0x6065'),
  ],
};

/** The February 2022 Linux patches' ABI, and the hypervisor's own: the HVC immediate selects the call. */
export const gunyah2022: Convention = {
  id: 'gunyah-2022-hvc-imm',
  name: 'Gunyah 2022 · HVC immediate (AArch64)',
  family: FAMILY_2022,
  familyName: 'Gunyah (arm64)',
  era: '2022 hvc #0x6000 ABI',
  summary:
    "Gunyah's own hypercall ABI, which Linux's first patches (February 2022) used: the call number is the HVC immediate (hvc #0x6000 to #0x61FF), " +
    'so no register selects the call; arguments go in x0–x7 and results come back in x0–x7, x0 holding the error code. ' +
    'Mark Rutland (Arm) NAKed it for Linux.',
  arch: aarch64,
  instruction: aarch64.instructions.hvc!,
  imm: 'call',
  selectorName: 'call number (HVC immediate)',
  slotBits: 64,
  args: range(0, 7),
  results: range(0, 7),
  clobbered: range(8, 17),
  preserved: [...range(18, 30), 'sp'],
  roleSources: {
    args: [
      apiDoc('AArch64 HVC ABI: r0…r7 "Parameter / Result registers"'),
      v1Abi('commit message "[r0,r7] are parameter and result registers"; __gh_declare_arg_1..8 bind r0..r7'),
    ],
    results: [
      apiDoc('Error Result: "the error result is placed in (X0), and the return values are returned in X1…X7"'),
      v1Abi('__gh_declare_res_1..8 bind r0..r7'),
    ],
    clobbered: [apiDoc('General-purpose Register table: r8, r9…r15, r16, r17 "Temporary. (Caller-saved)"')],
    preserved: [apiDoc('General-purpose Register table: SP_EL0/SP_EL1, r30/LR, r29/FR, r19…r28, r18 "Preserved. (Callee-saved)"')],
  },
  handler: 'the hypervisor',
  exception: armException(aarch64.instructions.hvc!.id),
  handlerPath: gunyahNativeHandler,
  eraLinks: [
    {
      id: 'gunyah-smccc',
      relation: 'later',
      why: 'After the NAK, Linux moved Gunyah to SMCCC: the call number went into an SMCCC function ID in x0 and every argument moved up one register.',
    },
  ],
  sources: [
    apiDoc('AArch64 HVC ABI: "Gunyah hypercalls encode the Call-ID in the HVC immediate"'),
    v1Abi('commit message "Function identifier is passed through the imm operand"; arch_gh_hypercall(): "hvc %[num]" with [num] "i" (hcall_num)'),
  ],
  notes: [registerNote, nakNote, stillDocumentedNote],
};

/** Linux's later ABI: an SMCCC function ID in x0, arguments from x1. */
export const gunyahSmccc: Convention = {
  id: 'gunyah-smccc',
  name: 'Gunyah · SMCCC HVC64 (AArch64)',
  family: FAMILY_SMCCC,
  familyName: 'Gunyah (arm64)',
  era: 'SMCCC (2022 v2 onward)',
  summary:
    'How Linux has called Gunyah since the v2 patches (July 2022): hvc #0 with an SMCCC function ID in x0 ' +
    '(fast, SMC64, Vendor Specific Hypervisor Service, call class HYPERCALL, the hypercall number in bits 13:0), arguments from x1, results from x0. ' +
    'Linux makes most calls with arm_smccc_1_1_hvc and the address-space map and vCPU-run calls, which need more registers, with arm_smccc_1_2_hvc. ' +
    "We show one convention on SMCCC 1.2's register rules: for the calls made under 1.1 the caller sees the same thing (x4–x17 kept, unused x0–x3 lost).",
  arch: aarch64,
  instruction: aarch64.instructions.hvc!,
  imm: 0,
  selector: 'x0',
  selectorName: 'function ID',
  slotBits: 64,
  args: smccc12.args,
  results: smccc12.results,
  clobbered: smccc12.clobbered,
  preserved: smccc12.preserved,
  roleSources: {
    args: [...smccc12.roleSources.args, smcccWrapper('hypercall inputs are read from args[1], args[2], … (xar starts at 1)')],
    results: [...smccc12.roleSources.results, smcccWrapper('outputs are written to args[0], args[1], …')],
    clobbered: smccc12.roleSources.clobbered,
    preserved: smccc12.roleSources.preserved,
  },
  functionId: { layout: gunyahFunctionId, fixed: { cc: 1n } },
  unknownCall: {
    value: toTwosComplement(-1n, 64),
    name: 'SMCCC_UNKNOWN_FUNCTION64 (-1)',
    sources: [
      smcccTc('SMCCC_UNKNOWN_FUNCTION64 public constant uint64 = -1'),
      smcccWrapper('smccc_hypercall_table_wrapper(): default: args[0] = SMCCC_UNKNOWN_FUNCTION64'),
    ],
  },
  handler: 'the hypervisor',
  exception: armException(aarch64.instructions.hvc!.id),
  handlerPath: gunyahSmcccHandler,
  eraLinks: [
    {
      id: 'gunyah-2022-hvc-imm',
      relation: 'earlier',
      why: 'Before July 2022 Linux put the call number in the HVC immediate and the arguments from x0; Mark Rutland (Arm) NAKed that for not following SMCCC.',
    },
    { id: 'smccc-1.2-hvc64', relation: 'related', why: 'The register rules shown here are SMCCC 1.2 HVC64.' },
  ],
  sources: [
    linuxHypercall('GUNYAH_HYPERCALL(fn) = ARM_SMCCC_CALL_VAL(ARM_SMCCC_FAST_CALL, ARM_SMCCC_SMC_64, ARM_SMCCC_OWNER_VENDOR_HYP, fn)'),
    smcccDispatch('smccc_handle_hypercall_wrapper(): owner must be VENDOR_HYP; class HYPERCALL needs is_fast && is_smc64'),
    linux('include/linux/arm-smccc.h', 'SMCCC_HVC_INST "hvc #0"'),
  ],
  notes: [
    {
      kind: 'unconfirmed',
      text:
        'Whether this driver was ever merged into a mainline Linux release is unconfirmed, and probably it was not. We read it in a vendor tree (BayLibre/android_kernel_common). ' +
        'torvalds/linux shows copies at commits 5943689f and c0cad4ea, but GitHub shows fork commits under every repository of a network, so these may not be mainline. ' +
        'A recent mainline mirror (Kingxukai/linux) has no arch/arm64/gunyah/ directory.',
      sources: [linuxHypercall('whole file (Copyright 2022-2024)'), torvaldsCopy('GH_HYPERCALL_HYP_IDENTIFY, MSGQ_SEND, MSGQ_RECV only')],
    },
    {
      kind: 'unconfirmed',
      text:
        "No Gunyah document states which registers survive an SMCCC call; the register table in the hypervisor's API doc covers only the immediate ABI, where x8–x17 are temporary. " +
        'We show the SMCCC 1.2 rules that Linux relies on (arm_smccc_1_1_hvc assumes x4–x17 survive). The hypervisor says it implements SMCCC 1.3, and its SMCCC wrapper writes only the result registers.',
      sources: [
        smcccTc('"SMCCC 1.3 implemented." SMCCC_VERSION = 0x10003'),
        smcccWrapper('writes args[0..n-1] for the n outputs only'),
        apiDoc('AArch64 HVC ABI register table'),
      ],
    },
    {
      kind: 'history',
      text:
        'The v2 patches wrote the function number as (GH_CALL_TYPE_HYPERCALL << GH_CALL_TYPE_SHIFT) | fn with fn = 0x0000 for HYP_IDENTIFY; ' +
        'later series write GUNYAH_HYPERCALL(0x8000) directly. Both give 0xC6008000.',
      sources: [
        v2Abi('GH_HYPERCALL(fn) … (GH_CALL_TYPE_HYPERCALL << GH_CALL_TYPE_SHIFT) | ((fn) & GH_CALL_FUNCTION_NUM_MASK)'),
        linuxHypercall('GUNYAH_HYPERCALL_HYP_IDENTIFY GUNYAH_HYPERCALL(0x8000)'),
      ],
    },
    {
      kind: 'info',
      text: 'Before any of these calls Linux checks that it runs on Gunyah by calling the standard Vendor Hypervisor CALL_UID (0x8600FF01) and comparing the answer with c1d58fcd-a453-5fdb-9265-ce36673d5f14.',
      sources: [
        linuxHypercall('arch_is_gunyah_guest(): arm_smccc_1_1_invoke(ARM_SMCCC_VENDOR_HYP_CALL_UID_FUNC_ID), GUNYAH_UUID'),
        smcccTc('"Gunyah SMCCC UUID: c1d58fcd-a453-5fdb-9265-ce36673d5f14"'),
        linuxHeader('arch_is_gunyah_guest()'),
      ],
    },
  ],
};
