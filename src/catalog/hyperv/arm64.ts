import type { Convention } from '../../model/convention';
import type { Note } from '../../model/source';
import { aarch64 } from '../arch/aarch64';
import { callVal, smcccFunctionId } from '../smccc/function-id';
import { controlLayout, HV_STATUS_INVALID_HYPERCALL_CODE, layoutNotes, unknownCallSources } from './control';
import { a64Core, a64Msh, kelleyReply, mazReview, openvmm, smcccH, tlfs, tlfsArm64, v5Hvc } from './sources';
import { armException } from '../exception/arm';
import { hypervHandler } from './exceptions';

export const FAMILY_ARM64_2019 = 'hyperv-arm64-2019';
export const FAMILY_ARM64 = 'hyperv-arm64';

const x = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `x${from + i}`);

/** HV_FUNC_ID = ARM_SMCCC_CALL_VAL(ARM_SMCCC_STD_CALL, ARM_SMCCC_SMC_64, ARM_SMCCC_OWNER_VENDOR_HYP, HV_SMCCC_FUNC_NUMBER). */
export const HV_FUNC_ID = callVal(0, 1, 6, 1);

const immediatesNote: Note = {
  kind: 'info',
  text:
    'On arm64 the HVC immediate tells Hyper-V which ABI the call uses: 0 is Arm\'s SMCCC, 1 is Hyper-V\'s own "Aa64" ABI, 2 and 3 enter and leave a virtual trust level (VTL), 4 launches a VP. ' +
    "Microsoft's OpenHCL paravisor still calls with hvc #1. Without SMCCC the control word goes in x0 and the input and output GPAs in x1 and x2; with SMCCC everything moves up one register.",
  sources: [
    openvmm(
      'module comment: "- `0`: ARM\'s SMCCC ABI specification. - `1`: Hyper-V\'s Aa64 ABI specification. - `2`: … VTL entry. - `3`: … VTL exit. - `4`: … VP launch."',
    ),
    openvmm(
      '"If not using the SMCCC ABI, the hypercall call code is passed in `X0`." "In the SMCCC case, the hypervisor expects their GPA\'s in `X2` and `X3`, otherwise in `X1` and `X2`."',
    ),
  ],
};

const reviewNote: Note = {
  kind: 'history',
  text:
    'Linux\'s first arm64 Hyper-V patches (v4 August 2019, v5 October 2019) used hvc #1, "a Hyper-V specific calling sequence with a non-zero immediate value per Section 2.9 of the SMC Calling Convention spec". ' +
    'Marc Zyngier objected that this was "following the spec by actively sidestepping it"; Michael Kelley answered that Hyper-V was already shipping on arm64 and hard to change. ' +
    'The arm64 code Linux merged (arch/arm64/hyperv/hv_core.c) calls Hyper-V through SMCCC with HV_FUNC_ID instead.',
  sources: [
    v5Hvc('commit message'),
    mazReview('I find this "following the spec by actively sidestepping it" counter productive.'),
    kelleyReply('"Hyper-V is shipping and in use as a commercial product on ARM64 hardware, which makes it harder to change."'),
    a64Core('hv_do_hypercall: arm_smccc_1_1_hvc(HV_FUNC_ID, control, input_address, output_address, &res)'),
  ],
};

const hvc1RolesNote: Note = {
  kind: 'disagreement',
  text:
    'The TLFS (the revision with the ARM64 sections) says a hypercall under the hvc #1 ABI changes only X0 (X0 also takes the new rep start index of a rep call) and X1–X17 only when they carry fast output. ' +
    'The 2019 patch, written against Hyper-V of its day, says Hyper-V "does not preserve registers x0-x17" and keeps its own pointer in x18 across the call. We show the patch\'s rule, the safer reading: x1–x17 lost. ' +
    'Neither says whether x19–x30 and SP survive, so they are left unmarked. OpenHCL says fast input starts at x1 and uses up to 16 registers; we show x1–x16 as argument slots.',
  sources: [
    tlfsArm64('Volatile Registers (ARM64 HVC #1): "Rep hypercalls will modify X0 with the new rep start index."'),
    tlfsArm64('Volatile Registers (ARM64 HVC #1): "X1 - X17, when used for fast hypercall input, remain unmodified."'),
    v5Hvc('hv_do_hvc_fast_get comment: "x18 is used as scratch space to avoid buildng a stack frame, as Hyper-V does not preserve registers x0-x17."'),
    openvmm(
      '"For the fast hypercalls, the parameters are passed in 16 registers. Specifically, in `X2`..`X16` when using the SMCCC conventions, and starting from `X1` otherwise."',
    ),
  ],
};

const hvFuncIdNote: Note = {
  kind: 'info',
  text:
    'HV_FUNC_ID is ARM_SMCCC_CALL_VAL(ARM_SMCCC_STD_CALL, ARM_SMCCC_SMC_64, ARM_SMCCC_OWNER_VENDOR_HYP, 1) = 0x46000001 (we expanded the macro): ' +
    'a yielding (standard) SMC64 call, owner 6 (vendor-specific hypervisor service), function 1. Every Hyper-V hypercall uses this one function ID; the Hyper-V control word in x1 picks the hypercall.',
  sources: [
    a64Msh('HV_SMCCC_FUNC_NUMBER 1, HV_FUNC_ID ARM_SMCCC_CALL_VAL(ARM_SMCCC_STD_CALL, ARM_SMCCC_SMC_64, ARM_SMCCC_OWNER_VENDOR_HYP, HV_SMCCC_FUNC_NUMBER)'),
    smcccH('ARM_SMCCC_CALL_VAL, ARM_SMCCC_STD_CALL 0, ARM_SMCCC_SMC_64 1, ARM_SMCCC_OWNER_VENDOR_HYP 6'),
  ],
};

const smcccRolesNote: Note = {
  kind: 'disagreement',
  text:
    'The TLFS (the revision with the ARM64 sections) says a hypercall under the SMCCC ABI changes only X0, X1 for rep calls (the new rep start index), and X2–X17 only when they carry fast output. ' +
    'Linux makes most calls with arm_smccc_1_1_hvc, which reads results from x0–x3, so the compiler treats x1–x3 as changed, and lets it assume x4–x17 survive (SMCCC 1.1); ' +
    'for HvCallGetVpRegisters it uses arm_smccc_1_2_hvc "because the results are in registers beyond X0-X3". We show the SMCCC rules, the safer reading: x1–x3 are shown lost when a call leaves them unused. ' +
    'Linux passes at most x2–x7 as input; OpenHCL and the TLFS say fast input may use x2–x16 (TLFS: X2 - X17).',
  sources: [
    tlfsArm64('Volatile Registers (ARM64 SMCCC): "X0 is always overwritten with the hypercall result value and output parameters, if any."'),
    tlfsArm64('Volatile Registers (ARM64 SMCCC): "Rep hypercalls will modify X1 with the new rep start index."'),
    tlfsArm64('Volatile Registers (ARM64 SMCCC): "X2 - X17, when used for fast hypercall input, remain unmodified."'),
    tlfsArm64('Register Fast Call Input (ARM64 SMCCC): "X2 - X17 | Input Parameter Block"'),
    a64Core('hv_do_hypercall, hv_do_fast_hypercall8/16, hv_set_vpreg: arm_smccc_1_1_hvc(…)'),
    a64Core('hv_get_vpreg_128: "Use the SMCCC 1.2 interface because the results are in registers beyond X0-X3."'),
    smcccH('arm_smccc_1_1_hvc(): "make an SMCCC v1.1 compliant HVC call", "@res: result values from registers 0 to 3"'),
    openvmm('"in `X2`..`X16` when using the SMCCC conventions"'),
  ],
};

export const arm64Hvc1: Convention = {
  id: 'hyperv-arm64-2019-hvc1',
  name: 'Hyper-V · arm64 hvc #1 (2019 patches)',
  family: FAMILY_ARM64_2019,
  familyName: 'Hyper-V (arm64)',
  era: '2019 hvc #1 ABI',
  summary:
    "Hyper-V's own arm64 hypercall ABI, which Linux's unmerged 2019 patches used: hvc #1 with the hypercall control word in x0, the input and output GPAs (or fast inputs) from x1, " +
    'the result value back in x0. Hyper-V does not keep x0–x17.',
  arch: aarch64,
  instruction: aarch64.instructions.hvc!,
  imm: 1,
  selector: 'x0',
  selectorName: 'hypercall control value',
  slotBits: 64,
  args: x(1, 16),
  results: ['x0'],
  clobbered: x(1, 17),
  preserved: ['x18'],
  roleSources: {
    args: [
      v5Hvc(
        'hv_hvc.S: "x0 contains the hypercall control value … When the arguments are in memory x1 is the guest physical address of the input arguments, and x2 is the guest physical address of the output arguments."',
      ),
      openvmm('invoke_hypercall: "hvc #1", inout("x0") control, in("x1") input, in("x2") output; invoke_hypercall_fast_6_2: in("x1")…in("x6")'),
    ],
    results: [openvmm('"The hypercall status is returned in `X0`."'), v5Hvc('hv_do_hvc: "hvc #1; ret" returns x0')],
    clobbered: [v5Hvc('"Hyper-V does not preserve registers x0-x17"')],
    preserved: [v5Hvc('hv_do_hvc_fast_get: "mov x18, x4; hvc #1; str x15,[x18]; str x16,[x18,#8]"')],
  },
  functionId: { layout: controlLayout, fixed: {} },
  unknownCall: { value: HV_STATUS_INVALID_HYPERCALL_CODE, name: 'HV_STATUS_INVALID_HYPERCALL_CODE (0x2)', sources: unknownCallSources },
  handler: 'the hypervisor',
  exception: armException(aarch64.instructions.hvc!.id),
  handlerPath: hypervHandler,
  eraLinks: [
    { id: 'hyperv-arm64-smccc', relation: 'later', why: 'Linux merged SMCCC calls with HV_FUNC_ID in x0 instead of hvc #1' },
    { id: 'hyperv-x64-memory', relation: 'related', why: 'the same control word and result value on x64' },
  ],
  sources: [v5Hvc('arch/arm64/hyperv/hv_hvc.S'), openvmm('invoke_hypercall')],
  notes: [reviewNote, immediatesNote, hvc1RolesNote, ...layoutNotes],
};

export const arm64Smccc: Convention = {
  id: 'hyperv-arm64-smccc',
  name: 'Hyper-V · arm64 SMCCC (HV_FUNC_ID)',
  family: FAMILY_ARM64,
  familyName: 'Hyper-V (arm64)',
  era: 'SMCCC HV_FUNC_ID',
  summary:
    'How Linux calls Hyper-V on arm64 today: an SMCCC HVC64 call with the function ID HV_FUNC_ID (0x46000001) in x0, the Hyper-V control word in x1, ' +
    'the input and output GPAs (or fast inputs) from x2, through hvc #0; the result value comes back in x0.',
  arch: aarch64,
  instruction: aarch64.instructions.hvc!,
  imm: 0,
  selector: 'x1',
  selectorName: 'hypercall control word',
  fixed: [
    {
      register: 'x0',
      name: 'HV_FUNC_ID',
      meaning: 'the SMCCC function ID of every Hyper-V hypercall (yielding, SMC64, vendor hypervisor service, function 1)',
      value: HV_FUNC_ID.value,
      layout: smcccFunctionId,
      sources: [
        a64Msh('HV_FUNC_ID ARM_SMCCC_CALL_VAL(ARM_SMCCC_STD_CALL, ARM_SMCCC_SMC_64, ARM_SMCCC_OWNER_VENDOR_HYP, HV_SMCCC_FUNC_NUMBER)'),
        a64Core('arm_smccc_1_1_hvc(HV_FUNC_ID, …)'),
      ],
    },
  ],
  slotBits: 64,
  args: x(2, 7),
  results: x(0, 3),
  clobbered: [],
  preserved: [...x(4, 17), ...x(18, 30), 'sp'],
  roleSources: {
    args: [
      a64Core('hv_do_hypercall: arm_smccc_1_1_hvc(HV_FUNC_ID, control, input_address, output_address, &res); hv_set_vpreg passes up to a7'),
      smcccH('arm_smccc_1_1_hvc(): "@a0-a7: arguments passed in registers 0 to 7"'),
    ],
    results: [smcccH('arm_smccc_1_1_hvc(): "@res: result values from registers 0 to 3"'), a64Core('hv_do_hypercall: return res.a0')],
    clobbered: [],
    preserved: [
      smcccH('arm_smccc_1_1_hvc(): "make an SMCCC v1.1 compliant HVC call" (SMCCC 1.1 keeps x4-x17)'),
      smcccH('__arm_smccc_1_1: only r0-r3 are outputs ("=r" (r0), "=r" (r1), "=r" (r2), "=r" (r3)) and the only clobber is "memory"'),
      a64Core('hv_get_vpreg_128: arm_smccc_1_2_hvc reads results beyond x0-x3'),
    ],
  },
  functionId: { layout: controlLayout, fixed: {} },
  unknownCall: { value: HV_STATUS_INVALID_HYPERCALL_CODE, name: 'HV_STATUS_INVALID_HYPERCALL_CODE (0x2)', sources: unknownCallSources },
  handler: 'the hypervisor',
  exception: armException(aarch64.instructions.hvc!.id),
  handlerPath: hypervHandler,
  eraLinks: [
    { id: 'hyperv-arm64-2019-hvc1', relation: 'earlier', why: 'the 2019 patches used hvc #1 with the control word in x0; later versions moved to SMCCC' },
    { id: 'hyperv-x64-memory', relation: 'related', why: 'the same control word and result value on x64' },
  ],
  sources: [
    a64Core('hv_do_hypercall, hv_do_fast_hypercall8, hv_set_vpreg, hv_get_vpreg_128'),
    a64Msh('HV_FUNC_ID'),
    tlfs('Hypercall Inputs; Hypercall Outputs'),
  ],
  notes: [hvFuncIdNote, smcccRolesNote, reviewNote, immediatesNote, ...layoutNotes],
};

export const arm64Conventions: readonly Convention[] = [arm64Smccc, arm64Hvc1];
