import type { ArgDef, Call, ResultDef } from '../../model/call';
import type { Note, Source } from '../../model/source';
import type { Family } from '../family';
import { linux, tfa } from '../docs';
import { asSlot, cc, psci, psciStatus, type Width } from './calls';
import { callVal } from './function-id';

/**
 * SMCCC calls beyond the default view's: SMCCC's own discovery calls, the rest
 * of PSCI, the Arm architecture workarounds, TRNG, PV time, KVM's vendor
 * calls. Loaded with any SMCCC convention (families.ts); nothing the first
 * load runs may import this file.
 */

const H = 'include/linux/arm-smccc.h';
const PSCI_H = 'include/uapi/linux/psci.h';
const PSCI_C = 'drivers/firmware/psci/psci.c';
const ARM64_PSCI = 'arch/arm64/kernel/psci.c';
const LINUX_PSCI_H = 'include/linux/psci.h';
const ARCH_SVC = 'include/services/arm_arch_svc.h';
const ARCH_SVC_C = 'services/arm_arch_svc/arm_arch_svc_setup.c';
const PROTON = 'arch/arm64/kernel/proton-pack.c';
const HYP_ENTRY = 'arch/arm64/kvm/hyp/hyp-entry.S';
const TRNG_H = 'include/services/trng_svc.h';
const TRNG_C = 'services/std_svc/trng/trng_main.c';
const KVM_TRNG = 'arch/arm64/kvm/trng.c';
const KVM_HC = 'arch/arm64/kvm/hypercalls.c';
const PVTIME = 'Documentation/virt/kvm/arm/pvtime.rst';
const PTP = 'Documentation/virt/kvm/arm/ptp_kvm.rst';
const KVM_HC_DOC = 'Documentation/virt/kvm/arm/hypercalls.rst';

const noSpecText: Note = {
  kind: 'unconfirmed',
  text: 'We could not read the PSCI specification (Arm DEN0022) itself; registers follow how Linux’s PSCI driver makes the call.',
  sources: [linux(PSCI_C, '__invoke_psci_fn_hvc/smc: arm_smccc_hvc(function_id, arg0, arg1, arg2, 0, 0, 0, 0, &res); return res.a0')],
};

function cpuSuspend(w: Width): Call {
  const macro = w === 64 ? 'PSCI_0_2_FN64_CPU_SUSPEND' : 'PSCI_0_2_FN_CPU_SUSPEND';
  const call = linux(PSCI_C, '__psci_cpu_suspend: invoke_psci_fn(fn, state, entry_point, 0)');
  return {
    id: `psci-cpu-suspend-${w}`,
    name: `PSCI CPU_SUSPEND (${cc(w)})`,
    family: 'smccc',
    summary:
      'Put the calling CPU into a low-power state; for a power-down state it wakes at the entry point. Linux uses the native-width form (PSCI_FN_NATIVE).',
    number: psci(1, w, macro),
    args: [
      {
        name: 'power_state',
        meaning: 'the state to enter: StateID, type (bit 16, or bit 30 in the extended format) and affinity level (bits 25:24 in the original format)',
        example: 0x10000n,
        sources: [linux(PSCI_H, 'PSCI_0_2_POWER_STATE_TYPE_SHIFT 16, PSCI_0_2_POWER_STATE_AFFL_SHIFT 24, PSCI_1_0_EXT_POWER_STATE_TYPE_SHIFT 30'), call],
      },
      {
        name: 'entry_point_address',
        meaning: 'physical address to resume at after a power-down state (Linux passes cpu_resume; 0 for a state that keeps context)',
        example: asSlot(w, 0x80081000n),
        sources: [call, linux(PSCI_C, 'psci_suspend_finisher: pa_cpu_resume; psci_cpu_suspend_enter: cpu_suspend(state, 0) when no context is lost')],
      },
      { name: 'context_id', meaning: 'value handed back on wake-up; Linux passes 0', example: 0n, sources: [call] },
    ],
    results: [psciStatus(w, 0, 'SUCCESS', 'PSCI return code; a standby state returns SUCCESS after waking')],
    handles: 'it puts the calling CPU into the requested state; after a power-down state the CPU restarts at the entry point instead of returning here.',
    returnsOnSuccess: true,
    sources: [linux(PSCI_H, macro), linux(PSCI_C, 'psci_0_2_cpu_suspend: PSCI_FN_NATIVE(0_2, CPU_SUSPEND)')],
    notes: [noSpecText],
  };
}

const cpuOff: Call = {
  id: 'psci-cpu-off',
  name: 'PSCI CPU_OFF',
  family: 'smccc',
  summary: 'Power down the calling CPU. It only comes back if the call fails.',
  number: psci(2, 32, 'PSCI_0_2_FN_CPU_OFF'),
  args: [
    {
      name: 'state',
      meaning: 'a power state Linux passes anyway: POWER_DOWN << 16',
      example: 0x10000n,
      sources: [
        linux(PSCI_C, '__psci_cpu_off: invoke_psci_fn(fn, state, 0, 0)'),
        linux(ARM64_PSCI, 'cpu_psci_cpu_die: state = PSCI_POWER_STATE_TYPE_POWER_DOWN << PSCI_0_2_POWER_STATE_TYPE_SHIFT'),
        linux(LINUX_PSCI_H, 'PSCI_POWER_STATE_TYPE_POWER_DOWN 1'),
      ],
    },
  ],
  results: [psciStatus(32, -3, 'DENIED', 'PSCI return code, only on failure')],
  handles: 'it powers the calling CPU down; the CPU does not return unless the call is refused.',
  returnsOnSuccess: false,
  sources: [linux(PSCI_H, 'PSCI_0_2_FN_CPU_OFF'), linux(PSCI_C, 'psci_0_2_cpu_off')],
  notes: [
    {
      kind: 'unconfirmed',
      text:
        'Linux passes a power state in x1, with the comment "There are no known implementations of PSCI actually using the power state field, pass a sensible default for now." ' +
        'Whether DEN0022 defines any parameter for CPU_OFF was not checked: we could not read it.',
      sources: [linux(ARM64_PSCI, 'cpu_psci_cpu_die comment'), linux(PSCI_C, '__psci_cpu_off')],
    },
    {
      kind: 'info',
      text: 'A Trusted OS may refuse CPU_OFF on the CPU it lives on; Linux avoids asking (MIGRATE_INFO_TYPE finds that CPU).',
      sources: [linux(PSCI_C, '"The trusted OS may reject CPU_OFF calls to its resident CPU, so we must avoid issuing those."')],
    },
  ],
};

function affinityInfo(w: Width): Call {
  const macro = w === 64 ? 'PSCI_0_2_FN64_AFFINITY_INFO' : 'PSCI_0_2_FN_AFFINITY_INFO';
  const call = linux(PSCI_C, 'psci_affinity_info: invoke_psci_fn(PSCI_FN_NATIVE(0_2, AFFINITY_INFO), target_affinity, lowest_affinity_level, 0)');
  return {
    id: `psci-affinity-info-${w}`,
    name: `PSCI AFFINITY_INFO (${cc(w)})`,
    family: 'smccc',
    summary: 'Ask whether a CPU (or group of CPUs) is on, off or on its way on. Linux uses it to wait for a dying CPU to be off.',
    number: psci(4, w, macro),
    args: [
      { name: 'target_affinity', meaning: 'the CPU, by its MPIDR affinity fields', example: 0x1n, sources: [call] },
      {
        name: 'lowest_affinity_level',
        meaning: 'the affinity level to report on; Linux passes 0 (the CPU itself)',
        example: 0n,
        sources: [call, linux(ARM64_PSCI, 'cpu_psci_cpu_kill: psci_ops.affinity_info(cpu_logical_map(cpu), 0)')],
      },
    ],
    results: [
      {
        name: 'state',
        meaning: '0 ON, 1 OFF, 2 ON_PENDING, or a negative PSCI error',
        example: 1n,
        exampleMeaning: 'PSCI_0_2_AFFINITY_LEVEL_OFF',
        sources: [linux(PSCI_H, 'PSCI_0_2_AFFINITY_LEVEL_ON 0, _OFF 1, _ON_PENDING 2')],
      },
    ],
    handles: 'it reports the power state of the target CPU at the given affinity level.',
    returnsOnSuccess: true,
    sources: [linux(PSCI_H, macro), call],
    notes: [],
  };
}

const migrateInfoType: Call = {
  id: 'psci-migrate-info-type',
  name: 'PSCI MIGRATE_INFO_TYPE',
  family: 'smccc',
  summary: 'Ask whether a Trusted OS is resident on one CPU and whether it can be migrated.',
  number: psci(6, 32, 'PSCI_0_2_FN_MIGRATE_INFO_TYPE'),
  args: [],
  results: [
    {
      name: 'type',
      meaning: '0 uniprocessor Trusted OS that can migrate, 1 uniprocessor that cannot, 2 migration not required; or NOT_SUPPORTED',
      example: 2n,
      exampleMeaning: 'PSCI_0_2_TOS_MP: "Trusted OS migration not required"',
      sources: [linux(PSCI_H, 'PSCI_0_2_TOS_UP_MIGRATE 0, PSCI_0_2_TOS_UP_NO_MIGRATE 1, PSCI_0_2_TOS_MP 2'), linux(PSCI_C, 'psci_init_migrate')],
    },
  ],
  handles: 'it reports what kind of Trusted OS, if any, the firmware hosts.',
  returnsOnSuccess: true,
  sources: [linux(PSCI_H, 'PSCI_0_2_FN_MIGRATE_INFO_TYPE'), linux(PSCI_C, 'psci_migrate_info_type: invoke_psci_fn(PSCI_0_2_FN_MIGRATE_INFO_TYPE, 0, 0, 0)')],
  notes: [],
};

const offResetNote: Note = {
  kind: 'unconfirmed',
  text: 'Linux ignores the value if the call comes back; which error codes DEN0022 allows here was not checked, so the status shown is only an example.',
  sources: [linux(PSCI_C, 'psci_sys_poweroff, psci_sys_reset: invoke_psci_fn(…, 0, 0, 0), result unused')],
};

const systemOff: Call = {
  id: 'psci-system-off',
  name: 'PSCI SYSTEM_OFF',
  family: 'smccc',
  summary: 'Power the whole system off.',
  number: psci(8, 32, 'PSCI_0_2_FN_SYSTEM_OFF'),
  args: [],
  results: [psciStatus(32, -1, 'NOT_SUPPORTED', 'PSCI return code, only if the call fails')],
  handles: 'it powers the system off; it does not return.',
  returnsOnSuccess: false,
  sources: [linux(PSCI_H, 'PSCI_0_2_FN_SYSTEM_OFF'), linux(PSCI_C, 'psci_sys_poweroff: invoke_psci_fn(PSCI_0_2_FN_SYSTEM_OFF, 0, 0, 0)')],
  notes: [offResetNote],
};

const systemReset: Call = {
  id: 'psci-system-reset',
  name: 'PSCI SYSTEM_RESET',
  family: 'smccc',
  summary: 'Reset the whole system. For a warm or soft reboot Linux uses SYSTEM_RESET2 instead, when the firmware has it.',
  number: psci(9, 32, 'PSCI_0_2_FN_SYSTEM_RESET'),
  args: [],
  results: [psciStatus(32, -1, 'NOT_SUPPORTED', 'PSCI return code, only if the call fails')],
  handles: 'it resets the system; it does not return.',
  returnsOnSuccess: false,
  sources: [linux(PSCI_H, 'PSCI_0_2_FN_SYSTEM_RESET'), linux(PSCI_C, 'psci_sys_reset: invoke_psci_fn(PSCI_0_2_FN_SYSTEM_RESET, 0, 0, 0)')],
  notes: [offResetNote],
};

const psciVersion: Call = {
  id: 'psci-version',
  name: 'PSCI_VERSION',
  family: 'smccc',
  summary: 'Ask which PSCI version the firmware or hypervisor implements.',
  number: psci(0, 32, 'PSCI_0_2_FN_PSCI_VERSION'),
  args: [],
  results: [
    {
      name: 'version',
      meaning: 'major in bits 31:16, minor in bits 15:0',
      example: 0x10001n,
      exampleMeaning: 'PSCI 1.1',
      sources: [linux(PSCI_H, 'PSCI_VERSION_MAJOR_SHIFT 16, PSCI_VERSION_MINOR_MASK')],
    },
  ],
  handles: 'it reports the PSCI version it implements.',
  returnsOnSuccess: true,
  sources: [linux(PSCI_H, 'PSCI_0_2_FN_PSCI_VERSION'), linux(PSCI_C, 'psci_0_2_get_version')],
  notes: [],
};

function systemReset2(bits: Width): Call {
  const macro = bits === 64 ? 'PSCI_1_1_FN64_SYSTEM_RESET2' : 'PSCI_1_1_FN_SYSTEM_RESET2';
  return {
    id: `psci-system-reset2-${bits}`,
    name: `PSCI SYSTEM_RESET2 (${cc(bits)})`,
    family: 'smccc',
    summary: 'Reset the system with an architectural or vendor-defined reset type (PSCI 1.1).',
    number: psci(18, bits, macro),
    args: [
      {
        name: 'reset_type',
        meaning: 'bit 31 set for a vendor reset; 0 is SYSTEM_WARM_RESET',
        example: 0n,
        sources: [linux(PSCI_H, 'PSCI_1_1_RESET_TYPE_SYSTEM_WARM_RESET 0, PSCI_1_1_RESET_TYPE_VENDOR_START 0x80000000U')],
      },
      {
        name: 'cookie',
        meaning: 'passed to the vendor reset; Linux passes 0',
        example: 0n,
        sources: [linux(PSCI_C, 'psci_sys_reset: invoke_psci_fn(PSCI_FN_NATIVE(1_1, SYSTEM_RESET2), 0, 0, 0)')],
      },
    ],
    results: [psciStatus(bits, -1, 'NOT_SUPPORTED', 'PSCI return code, only on failure')],
    handles: 'it resets the system; a warm reset keeps memory contents where the platform can.',
    returnsOnSuccess: false,
    sources: [linux(PSCI_H, macro), linux(PSCI_C, 'psci_sys_reset')],
    notes: [],
  };
}

const psciFeatures: Call = {
  id: 'psci-features',
  name: 'PSCI_FEATURES',
  family: 'smccc',
  summary: 'Ask whether a PSCI function is implemented and, for some, which options it has (PSCI 1.0).',
  number: psci(10, 32, 'PSCI_1_0_FN_PSCI_FEATURES'),
  args: [
    {
      name: 'psci_func_id',
      meaning: 'the function ID being asked about',
      example: 0xc4000001n,
      sources: [
        linux(PSCI_C, 'psci_features: invoke_psci_fn(PSCI_1_0_FN_PSCI_FEATURES, psci_func_id, 0, 0)'),
        linux(PSCI_C, 'psci_init_cpu_suspend: psci_features(PSCI_FN_NATIVE(0_2, CPU_SUSPEND))'),
      ],
    },
  ],
  results: [
    {
      name: 'features',
      meaning:
        'NOT_SUPPORTED, or flags whose meaning depends on the function asked about; for CPU_SUSPEND bit 1 is the extended StateID format and bit 0 OS-initiated mode',
      example: 0x2n,
      exampleMeaning: 'CPU_SUSPEND uses the extended StateID format; no OS-initiated mode',
      sources: [
        linux(PSCI_H, 'PSCI_1_0_FEATURES_CPU_SUSPEND_PF_SHIFT 1'),
        linux(
          PSCI_C,
          'psci_debugfs_read: "OSI is %ssupported\\n" from (feature & BIT(0)), "%s StateID format is used\\n" with "Extended" from (feature & BIT(1))',
        ),
      ],
    },
  ],
  handles: 'it looks up the function ID given in the first argument and reports whether, and how, it is implemented.',
  returnsOnSuccess: true,
  sources: [linux(PSCI_H, 'PSCI_1_0_FN_PSCI_FEATURES PSCI_0_2_FN(10)'), linux(PSCI_C, 'psci_features')],
  notes: [],
};

// ---------------------------------------------------------------- Arm architecture workarounds

const archSvc = (where: string): Source => tfa(ARCH_SVC, where);
const smcccVersion: Call = {
  id: 'smccc-version',
  name: 'SMCCC_VERSION',
  family: 'smccc',
  summary: 'Ask which SMCCC version the callee implements. It was added in SMCCC 1.1: a 1.0 implementation answers NOT_SUPPORTED.',
  number: { ...callVal(1, 0, 0, 0), stated: { value: 0x80000000n, how: 'literal', source: archSvc('SMCCC_VERSION U(0x80000000)') } },
  args: [],
  results: [
    {
      name: 'version',
      meaning: 'major in bits 30:16, minor in bits 15:0',
      example: 0x10001n,
      exampleMeaning: 'ARM_SMCCC_VERSION_1_1 (what KVM reports)',
      exampleByEra: {
        '1.0': { example: 0xffffffffn, exampleMeaning: 'SMCCC_RET_NOT_SUPPORTED: a 1.0 callee does not know this call' },
        '1.2': { example: 0x10002n, exampleMeaning: 'ARM_SMCCC_VERSION_1_2' },
      },
      sources: [
        linux(H, 'ARM_SMCCC_VERSION_1_0 0x10000 … ARM_SMCCC_VERSION_1_3 0x10003'),
        linux(KVM_HC, 'ARM_SMCCC_VERSION_FUNC_ID: val[0] = ARM_SMCCC_VERSION_1_1'),
      ],
    },
  ],
  handles: 'it reports its SMCCC version.',
  returnsOnSuccess: true,
  sources: [linux(H, 'ARM_SMCCC_VERSION_FUNC_ID')],
  notes: [],
};

const archFeatures: Call = {
  id: 'smccc-arch-features',
  name: 'SMCCC_ARCH_FEATURES',
  family: 'smccc',
  summary: 'Ask whether an Arm architecture call (such as a Spectre workaround) is implemented.',
  number: { ...callVal(1, 0, 0, 1), stated: { value: 0x80000001n, how: 'literal', source: archSvc('SMCCC_ARCH_FEATURES U(0x80000001)') } },
  args: [
    {
      name: 'function_id',
      meaning: 'the function ID being asked about',
      example: 0x80008000n,
      sources: [archSvc('SMCCC_ARCH_WORKAROUND_1 U(0x80008000)'), linux(KVM_HC, 'ARM_SMCCC_ARCH_FEATURES_FUNC_ID: feature = smccc_get_arg1(vcpu)')],
    },
  ],
  results: [
    {
      name: 'status',
      meaning: 'feature answer; its meaning depends on the function asked about',
      example: 0n,
      exampleMeaning: 'SMCCC_RET_SUCCESS: KVM mitigates ARCH_WORKAROUND_1 for this CPU',
      sources: [linux(KVM_HC, 'ARM_SMCCC_ARCH_WORKAROUND_1: SMCCC_RET_SUCCESS when mitigated')],
    },
  ],
  handles: 'it looks up the function ID given in the first argument.',
  returnsOnSuccess: true,
  sources: [linux(H, 'ARM_SMCCC_ARCH_FEATURES_FUNC_ID')],
  notes: [
    {
      kind: 'info',
      text: 'KVM answers NOT_SUPPORTED for any function it does not list, including SMCCC_VERSION and ARCH_FEATURES themselves.',
      sources: [linux(KVM_HC, 'kvm_smccc_call_handler, case ARM_SMCCC_ARCH_FEATURES_FUNC_ID')],
    },
  ],
};

const kvmFastPath = linux(
  HYP_ENTRY,
  'el1_sync: WORKAROUND_1, _2 and _3 branch to wa_epilogue: "mov x0, xzr … eret"; "We don\'t bother restoring x1, as it can be clobbered anyway."',
);

const waResult = (tfaSays: string): ResultDef => ({
  name: 'return',
  meaning: `no status defined in the sources we read: KVM writes 0 to x0; ${tfaSays}`,
  example: 0n,
  exampleMeaning: 'what KVM leaves in x0',
  sources: [kvmFastPath],
});

const workaround1: Call = {
  id: 'smccc-arch-workaround-1',
  name: 'SMCCC_ARCH_WORKAROUND_1',
  family: 'smccc',
  summary:
    'Ask the firmware or hypervisor to invalidate the branch predictor for CVE-2017-5715 (Spectre variant 2). Discover it with SMCCC_ARCH_FEATURES first.',
  number: { ...callVal(1, 0, 0, 0x8000), stated: { value: 0x80008000n, how: 'literal', source: archSvc('SMCCC_ARCH_WORKAROUND_1 U(0x80008000)') } },
  args: [],
  results: [waResult('TF-A’s handler returns with SMC_RET0, writing no value')],
  handles:
    'it applies the CVE-2017-5715 mitigation for this CPU; TF-A has already done so on entry to EL3, and KVM returns at once because the host applied it.',
  returnsOnSuccess: true,
  sources: [
    linux(H, 'ARM_SMCCC_ARCH_WORKAROUND_1 = ARM_SMCCC_CALL_VAL(FAST, SMC_32, 0, 0x8000)'),
    linux(PROTON, 'call_hvc_arch_workaround_1: arm_smccc_1_1_hvc(ARM_SMCCC_ARCH_WORKAROUND_1, NULL)'),
  ],
  notes: [
    {
      kind: 'disagreement',
      text: 'What x0 holds afterwards differs: KVM’s fast path sets x0 to 0, while TF-A’s handler (2018 version read) returns with SMC_RET0 and writes no return value.',
      sources: [
        kvmFastPath,
        tfa(
          ARCH_SVC_C,
          'arm_arch_svc_smc_handler: case SMCCC_ARCH_WORKAROUND_1: "The workaround has already been applied on affected PEs during entry to EL3" SMC_RET0(handle)',
        ),
      ],
    },
  ],
};

const workaround2: Call = {
  id: 'smccc-arch-workaround-2',
  name: 'SMCCC_ARCH_WORKAROUND_2',
  family: 'smccc',
  summary: 'Turn the firmware mitigation for CVE-2018-3639 (Speculative Store Bypass) on or off for the calling CPU.',
  number: { ...callVal(1, 0, 0, 0x7fff), stated: { value: 0x80007fffn, how: 'literal', source: archSvc('SMCCC_ARCH_WORKAROUND_2 U(0x80007FFF)') } },
  args: [
    {
      name: 'enable',
      meaning: '1 to turn the mitigation on, 0 to turn it off (Linux passes true or false)',
      example: 1n,
      sources: [linux(PROTON, 'spectre_v4_enable_fw_mitigation: arm_smccc_1_1_invoke(ARM_SMCCC_ARCH_WORKAROUND_2, true, NULL)')],
    },
  ],
  results: [waResult('what firmware returns was not read')],
  handles: 'it enables or disables the Speculative Store Bypass mitigation for the calling CPU; KVM returns at once without acting.',
  returnsOnSuccess: true,
  sources: [
    linux(H, 'ARM_SMCCC_ARCH_WORKAROUND_2 = ARM_SMCCC_CALL_VAL(FAST, SMC_32, 0, 0x7fff)'),
    tfa(ARCH_SVC_C, 'smccc_arch_features: #if WORKAROUND_CVE_2018_3639 case SMCCC_ARCH_WORKAROUND_2'),
  ],
  notes: [
    {
      kind: 'unconfirmed',
      text: 'We did not read a firmware handler for this call or the DEN0028 text for it; KVM’s fast path returns 0 in x0 without looking at the argument.',
      sources: [kvmFastPath],
    },
  ],
};

const workaround3: Call = {
  id: 'smccc-arch-workaround-3',
  name: 'SMCCC_ARCH_WORKAROUND_3',
  family: 'smccc',
  summary: 'Ask the firmware or hypervisor to apply the branch-history mitigation for CVE-2022-23960 (Spectre-BHB); it can be used instead of WORKAROUND_1.',
  number: { ...callVal(1, 0, 0, 0x3fff), stated: { value: 0x80003fffn, how: 'literal', source: archSvc('SMCCC_ARCH_WORKAROUND_3 U(0x80003FFF)') } },
  args: [],
  results: [waResult('what firmware returns was not read')],
  handles: 'it applies the CVE-2022-23960 mitigation (which also covers WORKAROUND_1) for this CPU; KVM returns at once.',
  returnsOnSuccess: true,
  sources: [
    linux(H, 'ARM_SMCCC_ARCH_WORKAROUND_3 = ARM_SMCCC_CALL_VAL(FAST, SMC_32, 0, 0x3fff)'),
    linux(HYP_ENTRY, 'spectrev2_smccc_wa1_smc: "Patched to mov WA3 when supported" mov w0, #ARM_SMCCC_ARCH_WORKAROUND_1; smc #0'),
    tfa(ARCH_SVC_C, 'smccc_arch_features: case SMCCC_ARCH_WORKAROUND_3: "/* WA_3 can be used instead of WA_1 */" return smccc_check_for_wa_1();'),
  ],
  notes: [
    {
      kind: 'unconfirmed',
      text: 'We did not read a firmware handler for this call or the DEN0028 text for it; KVM’s fast path returns 0 in x0.',
      sources: [kvmFastPath],
    },
  ],
};

// ---------------------------------------------------------------- TRNG (Arm DEN0098)

const trngSrc = (where: string): Source => tfa(TRNG_H, where);
const trngNote: Note = {
  kind: 'unconfirmed',
  text: 'We could not read Arm DEN0098 itself; registers follow TF-A’s and KVM’s implementations, which agree.',
  sources: [tfa(TRNG_C, 'trng_smc_handler'), linux(KVM_TRNG, 'kvm_trng_call')],
};
const trngStatus = (): ResultDef => ({
  name: 'status',
  meaning: 'TRNG status: 0 SUCCESS, -1 NOT_SUPPORTED, -2 INVALID_PARAMETER, -3 NO_ENTROPY',
  example: 0n,
  exampleMeaning: 'TRNG_SUCCESS',
  sources: [
    trngSrc('TRNG_E_SUCCESS (0), TRNG_E_NOT_SUPPORTED (-1), TRNG_E_INVALID_PARAMS (-2), TRNG_E_NO_ENTROPY (-3)'),
    linux(KVM_TRNG, 'TRNG_SUCCESS … TRNG_NO_ENTROPY'),
  ],
});

const trngVersion: Call = {
  id: 'trng-version',
  name: 'TRNG_VERSION',
  family: 'smccc',
  summary: 'Ask which version of the Arm True Random Number Generator firmware interface is implemented.',
  number: { ...callVal(1, 0, 4, 0x50), stated: { value: 0x84000050n, how: 'literal', source: trngSrc('ARM_TRNG_VERSION U(0x84000050)') } },
  args: [],
  results: [
    {
      name: 'version',
      meaning: 'major in the upper half, minor in bits 15:0, or NOT_SUPPORTED',
      example: 0x10000n,
      exampleMeaning: 'TRNG 1.0 (ARM_SMCCC_TRNG_VERSION_1_0, what KVM reports)',
      sources: [linux(KVM_TRNG, 'ARM_SMCCC_TRNG_VERSION_1_0 0x10000UL'), tfa(TRNG_C, 'MAKE_SMCCC_VERSION(TRNG_VERSION_MAJOR, TRNG_VERSION_MINOR)')],
    },
  ],
  handles: 'it reports the TRNG interface version.',
  returnsOnSuccess: true,
  sources: [linux(H, 'ARM_SMCCC_TRNG_VERSION = ARM_SMCCC_CALL_VAL(FAST, SMC_32, OWNER_STANDARD, 0x50)')],
  notes: [trngNote],
};

const trngFeatures: Call = {
  id: 'trng-features',
  name: 'TRNG_FEATURES',
  family: 'smccc',
  summary: 'Ask whether a TRNG function is implemented.',
  number: { ...callVal(1, 0, 4, 0x51), stated: { value: 0x84000051n, how: 'literal', source: trngSrc('ARM_TRNG_FEATURES U(0x84000051)') } },
  args: [
    {
      name: 'function_id',
      meaning: 'the TRNG function ID being asked about',
      example: 0xc4000053n,
      sources: [tfa(TRNG_C, 'case ARM_TRNG_FEATURES: is_trng_fid((uint32_t)x1)'), linux(KVM_TRNG, 'case ARM_SMCCC_TRNG_FEATURES: smccc_get_arg1(vcpu)')],
    },
  ],
  results: [
    {
      ...trngStatus(),
      meaning: '0 SUCCESS if the function is implemented, else NOT_SUPPORTED (-1)',
      exampleMeaning: 'TRNG_SUCCESS: TRNG_RND64 is implemented',
    },
  ],
  handles: 'it looks up the function ID given in the first argument.',
  returnsOnSuccess: true,
  sources: [linux(H, 'ARM_SMCCC_TRNG_FEATURES (…, 0x51)')],
  notes: [trngNote],
};

/** KVM's TRNG UUID, as the four little-endian words kvm_trng_call() returns. */
const KVM_TRNG_UUID = '0d21e000-4384-11eb-8070-5244554e5a4c';
const KVM_TRNG_WORDS = [0x00e0210dn, 0xeb118443n, 0x44527080n, 0x4c5a4e55n] as const;

const trngGetUuid: Call = {
  id: 'trng-get-uuid',
  name: 'TRNG_GET_UUID',
  family: 'smccc',
  summary: 'Ask for the UUID identifying the TRNG back end, in four 32-bit words.',
  number: { ...callVal(1, 0, 4, 0x52), stated: { value: 0x84000052n, how: 'literal', source: trngSrc('ARM_TRNG_GET_UUID U(0x84000052)') } },
  args: [],
  results: KVM_TRNG_WORDS.map((v, i) => ({
    name: `uuid[${i}]`,
    meaning: `bytes ${4 * i}–${4 * i + 3} of the UUID as a little-endian word`,
    example: v,
    exampleMeaning: `word ${i} of KVM’s TRNG UUID ${KVM_TRNG_UUID}`,
    sources: [
      linux(
        KVM_TRNG,
        'arm_smc_trng_uuid UUID_INIT(0x0d21e000, 0x4384, 0x11eb, 0x80, 0x70, 0x52, 0x44, 0x55, 0x4e, 0x5a, 0x4c); smccc_set_retval(vcpu, le32_to_cpu(u[0]) … u[3])',
      ),
    ],
  })),
  handles: 'it answers with the back end’s UUID, one 32-bit word per result register.',
  returnsOnSuccess: true,
  sources: [linux(H, 'ARM_SMCCC_TRNG_GET_UUID (…, 0x52)'), tfa(TRNG_C, 'case ARM_TRNG_GET_UUID: SMC_UUID_RET(handle, plat_trng_uuid)')],
  notes: [trngNote],
};

function trngRnd(w: Width): Call {
  const max = w === 64 ? 192 : 96;
  const hi = (k: number) => `${(k + 1) * w - 1}:${k * w}`;
  return {
    id: `trng-rnd${w}`,
    name: `TRNG_RND${w}`,
    family: 'smccc',
    summary: `Ask for up to ${max} bits of conditioned entropy, returned in three ${w}-bit registers.`,
    number:
      w === 64
        ? { ...callVal(1, 1, 4, 0x53), stated: { value: 0xc4000053n, how: 'literal', source: trngSrc('ARM_TRNG_RND64 U(0xC4000053)') } }
        : { ...callVal(1, 0, 4, 0x53), stated: { value: 0x84000053n, how: 'literal', source: trngSrc('ARM_TRNG_RND32 U(0x84000053)') } },
    args: [
      {
        name: 'N',
        meaning: `number of bits wanted, 1 to ${max}`,
        example: BigInt(w),
        sources: [
          trngSrc(`TRNG_RND${w}_ENTROPY_MAXBITS (${max}U)`),
          tfa(TRNG_C, `trng_rnd${w}((uint32_t)x1, handle)`),
          linux(KVM_TRNG, 'kvm_trng_do_rnd: num_bits = smccc_get_arg1(vcpu)'),
        ],
      },
    ],
    results: [
      trngStatus(),
      {
        name: `entropy[${hi(2)}]`,
        meaning: 'highest third of the bits; zero when fewer are asked for',
        example: 0n,
        exampleMeaning: `zero: only ${w} bits were asked for`,
        sources: [tfa(TRNG_C, `trng_rnd${w}: SMC_RET4(handle, TRNG_E_SUCCESS, …)`)],
      },
      {
        name: `entropy[${hi(1)}]`,
        meaning: 'middle third of the bits',
        example: 0n,
        exampleMeaning: `zero: only ${w} bits were asked for`,
        sources: [tfa(TRNG_C, `trng_rnd${w}: SMC_RET4(handle, TRNG_E_SUCCESS, …)`)],
      },
      {
        name: `entropy[${hi(0)}]`,
        meaning: 'lowest bits, in the last result register',
        example: w === 64 ? 0x9a3c51e7d2804b6fn : 0x9a3c51e7n,
        exampleMeaning: 'random bits (an example)',
        sources: [
          tfa(TRNG_C, `trng_rnd${w}: case 0: SMC_RET4(handle, TRNG_E_SUCCESS, 0, 0, ent[0] & mask)`),
          linux(KVM_TRNG, 'kvm_trng_do_rnd: smccc_set_retval(vcpu, TRNG_SUCCESS, …, lower bits last)'),
        ],
      },
    ],
    handles: `it fills the three result registers with N bits of entropy, lowest bits in the last register, and zeroes the rest.`,
    returnsOnSuccess: true,
    sources: [linux(H, `ARM_SMCCC_TRNG_RND${w} = ARM_SMCCC_CALL_VAL(FAST, ${w === 64 ? 'SMC_64' : 'SMC_32'}, OWNER_STANDARD, 0x53)`)],
    notes: [trngNote],
  };
}

// ---------------------------------------------------------------- PV time (Arm DEN0057A)

const pvNote: Note = {
  kind: 'info',
  text: 'Only SMC64/HVC64: paravirtualised time is not offered to 32-bit guests. Probe PV_TIME_FEATURES with SMCCC_ARCH_FEATURES before calling it.',
  sources: [linux(PVTIME, '"These are only available in the SMC64/HVC64 calling convention … should be probed using the SMCCC 1.1 ARCH_FEATURES mechanism"')],
};

const pvTimeFeatures: Call = {
  id: 'pv-time-features',
  name: 'PV_TIME_FEATURES',
  family: 'smccc',
  summary: 'Ask whether a paravirtualised-time call (today only PV_TIME_ST) is supported.',
  number: { ...callVal(1, 1, 5, 0x20), stated: { value: 0xc5000020n, how: 'literal', source: linux(PVTIME, 'PV_TIME_FEATURES: 0xC5000020') } },
  args: [
    {
      name: 'PV_call_id',
      meaning: 'the function to ask about (uint32); only PV_TIME_ST is defined',
      example: 0xc5000021n,
      sources: [linux(PVTIME, 'PV_TIME_FEATURES: "PV_call_id: (uint32) The function to query for support"')],
    },
  ],
  results: [
    {
      name: 'status',
      meaning: 'SUCCESS (0) if supported, else NOT_SUPPORTED (-1); int64',
      example: 0n,
      exampleMeaning: 'SUCCESS: PV_TIME_ST is supported',
      sources: [linux(PVTIME, 'PV_TIME_FEATURES: "Return value: (int64) NOT_SUPPORTED (-1) or SUCCESS (0)"')],
    },
  ],
  handles: 'it reports whether the paravirtualised-time function given in the first argument is supported.',
  returnsOnSuccess: true,
  sources: [linux(PVTIME, 'PV_TIME_FEATURES'), linux(H, 'ARM_SMCCC_HV_PV_TIME_FEATURES = ARM_SMCCC_CALL_VAL(FAST, SMC_64, OWNER_STANDARD_HYP, 0x20)')],
  notes: [pvNote],
};

const pvTimeSt: Call = {
  id: 'pv-time-st',
  name: 'PV_TIME_ST',
  family: 'smccc',
  summary: 'Ask where this vCPU’s stolen-time structure is: the guest reads there how long its vCPU was kept from running.',
  number: { ...callVal(1, 1, 5, 0x21), stated: { value: 0xc5000021n, how: 'literal', source: linux(PVTIME, 'PV_TIME_ST: 0xC5000021') } },
  args: [],
  results: [
    {
      name: 'ipa',
      meaning: 'IPA of the stolen-time structure for the calling vCPU, or NOT_SUPPORTED (-1); int64',
      example: 0x8ffe0000n,
      exampleMeaning: 'where this vCPU’s 16-byte stolen-time record is (an example address)',
      sources: [linux(PVTIME, 'PV_TIME_ST: "Return value: (int64) IPA of the stolen time data structure for this VCPU. On failure: NOT_SUPPORTED (-1)"')],
    },
  ],
  handles: 'it returns the IPA of the calling vCPU’s stolen-time structure.',
  returnsOnSuccess: true,
  sources: [linux(PVTIME, 'PV_TIME_ST'), linux(H, 'ARM_SMCCC_HV_PV_TIME_ST = ARM_SMCCC_CALL_VAL(FAST, SMC_64, OWNER_STANDARD_HYP, 0x21)')],
  notes: [pvNote],
};

// ---------------------------------------------------------------- KVM vendor hypervisor calls

const bitmap = (i: number, example: bigint, exampleMeaning: string): ResultDef => ({
  name: `bitmap[${i}]`,
  meaning: `bitmap of available KVM function numbers ${32 * i}–${32 * i + 31}`,
  example,
  exampleMeaning,
  sources: [linux(KVM_HC_DOC, `ARM_SMCCC_VENDOR_HYP_KVM_FEATURES_FUNC_ID: "R${i} Bitmap of available function numbers ${32 * i}-${32 * i + 31}"`)],
});

const kvmFeatures: Call = {
  id: 'kvm-vendor-features',
  name: 'KVM vendor hypervisor FEATURES',
  family: 'smccc',
  summary: 'Ask KVM which of its own vendor hypercalls it offers, as four bitmaps of function numbers. Check the KVM UID with CALL_UID first.',
  number: {
    ...callVal(1, 0, 6, 0),
    stated: { value: 0x86000000n, how: 'literal', source: linux(KVM_HC_DOC, 'ARM_SMCCC_VENDOR_HYP_KVM_FEATURES_FUNC_ID: "Function ID: (uint32) 0x86000000"') },
  },
  args: [],
  results: [
    bitmap(0, 0x3n, 'bits 0 and 1: FEATURES and PTP (an example)'),
    bitmap(1, 0n, 'none (an example)'),
    bitmap(2, 0n, 'none (an example)'),
    bitmap(3, 0n, 'none (an example)'),
  ],
  handles: 'it answers with the bitmaps of the KVM vendor functions it implements.',
  returnsOnSuccess: true,
  sources: [
    linux(KVM_HC_DOC, 'ARM_SMCCC_VENDOR_HYP_KVM_FEATURES_FUNC_ID: "Calling convention: HVC32"'),
    linux(H, 'ARM_SMCCC_KVM_FUNC_FEATURES 0, ARM_SMCCC_KVM_FUNC_PTP 1'),
  ],
  notes: [],
};

const kvmPtp: Call = {
  id: 'kvm-vendor-ptp',
  name: 'KVM PTP',
  family: 'smccc',
  summary: 'Get the host’s wall clock and a counter value, for precise time sync between host and guest (ptp_kvm).',
  number: {
    ...callVal(1, 0, 6, 1),
    stated: { value: 0x86000001n, how: 'literal', source: linux(PTP, 'ARM_SMCCC_VENDOR_HYP_KVM_PTP_FUNC_ID: "Function ID: (uint32) 0x86000001"') },
  },
  args: [
    {
      name: 'counter',
      meaning: 'which counter to sample: KVM_PTP_VIRT_COUNTER (0) or KVM_PTP_PHYS_COUNTER (1)',
      example: 0n,
      sources: [
        linux(PTP, '"Arguments: (uint32) R1 KVM_PTP_VIRT_COUNTER (0)" … "KVM_PTP_PHYS_COUNTER (1)"'),
        linux(H, 'KVM_PTP_VIRT_COUNTER 0, KVM_PTP_PHYS_COUNTER 1'),
      ],
    },
  ],
  results: [
    {
      name: 'wall clock, upper 32 bits',
      meaning: 'upper 32 bits of the wall-clock time, or NOT_SUPPORTED (-1) on error',
      example: 0x1812a3b4n,
      exampleMeaning: 'an example value',
      sources: [linux(PTP, '"(int32) R0 NOT_SUPPORTED (-1) on error, else upper 32 bits of wall clock time"')],
    },
    {
      name: 'wall clock, lower 32 bits',
      meaning: 'lower 32 bits of the wall-clock time',
      example: 0x5c6d7e8fn,
      exampleMeaning: 'an example value',
      sources: [linux(PTP, '"(uint32) R1 Lower 32 bits of wall clock time"')],
    },
    {
      name: 'counter, upper 32 bits',
      meaning: 'upper 32 bits of the counter',
      example: 0x0n,
      exampleMeaning: 'an example value',
      sources: [linux(PTP, '"(uint32) R2 Upper 32 bits of counter"')],
    },
    {
      name: 'counter, lower 32 bits',
      meaning: 'lower 32 bits of the counter',
      example: 0x3b9aca00n,
      exampleMeaning: 'an example value',
      sources: [linux(PTP, '"(uint32) R3 Lower 32 bits of counter"')],
    },
  ],
  handles: 'it returns the wall clock and the chosen counter, each split into two 32-bit halves.',
  returnsOnSuccess: true,
  sources: [linux(PTP, 'ARM_SMCCC_VENDOR_HYP_KVM_PTP_FUNC_ID: "Calling convention: HVC32"'), linux(H, 'ARM_SMCCC_VENDOR_HYP_KVM_PTP_FUNC_ID')],
  notes: [],
};

const pkvmNote: Note = {
  kind: 'info',
  text: 'Optional, and only for pKVM protected guests; the region size is the memory protection granule that HYP_MEMINFO reports.',
  sources: [linux(KVM_HC_DOC, '"Presence: Optional; pKVM protected guests only."')],
};

const mbz = (reg: string, n: number): ArgDef => ({
  name: `reserved${n}`,
  meaning: 'reserved, must be zero',
  register: reg,
  example: 0n,
  sources: [linux(KVM_HC_DOC, `"(uint64) ${reg.toUpperCase().replace('X', 'R')} Reserved / Must be zero"`)],
});

function pkvm(id: string, name: string, n: number, macro: string, summary: string, handles: string, firstArg: ArgDef | undefined, result: ResultDef): Call {
  const fid = 0xc6000000n + BigInt(n);
  return {
    id,
    name,
    family: 'smccc',
    summary,
    number: {
      ...callVal(1, 1, 6, n),
      stated: { value: fid, how: 'literal', source: linux(KVM_HC_DOC, `${macro}: "Function ID: (uint32) 0x${fid.toString(16).toUpperCase()}"`) },
    },
    args: [...(firstArg ? [firstArg] : [mbz('x1', 1)]), mbz('x2', 2), mbz('x3', 3)],
    results: [result],
    handles,
    returnsOnSuccess: true,
    sources: [linux(KVM_HC_DOC, `${macro}: "Calling convention: HVC64"`), linux(H, `${macro} ${n}`)],
    notes: [pkvmNote],
  };
}

const shareResult = (what: string): ResultDef => ({
  name: 'status',
  meaning: 'SUCCESS (0) or INVALID_PARAMETER (-3); int64',
  example: 0n,
  exampleMeaning: `SUCCESS: the region is ${what}`,
  sources: [linux(KVM_HC_DOC, '"Return Values: (int64) R0 SUCCESS (0)" … "INVALID_PARAMETER (-3)"')],
});

const ipa = (what: string): ArgDef => ({
  name: 'ipa',
  meaning: `base IPA of the ${what}`,
  register: 'x1',
  example: 0x8a000000n,
  sources: [linux(KVM_HC_DOC, `"(uint64) R1 Base IPA of ${what}"`)],
});

const pkvmMeminfo = pkvm(
  'kvm-vendor-hyp-meminfo',
  'pKVM HYP_MEMINFO',
  2,
  'ARM_SMCCC_KVM_FUNC_HYP_MEMINFO',
  'Ask a pKVM hypervisor for the memory protection granule: the unit that MEM_SHARE, MEM_UNSHARE and MMIO_GUARD work in.',
  'it returns the memory protection granule in bytes.',
  undefined,
  {
    name: 'granule',
    meaning: 'memory protection granule in bytes, or INVALID_PARAMETER (-3); int64',
    example: 0x1000n,
    exampleMeaning: '4 KiB (an example)',
    sources: [linux(KVM_HC_DOC, 'ARM_SMCCC_KVM_FUNC_HYP_MEMINFO: "(int64) R0 INVALID_PARAMETER (-3) on error, else memory protection granule in bytes"')],
  },
);

const pkvmShare = pkvm(
  'kvm-vendor-mem-share',
  'pKVM MEM_SHARE',
  3,
  'ARM_SMCCC_KVM_FUNC_MEM_SHARE',
  'Share one granule of a protected guest’s memory with the host, granting it read, write and execute.',
  'it shares the granule at the given IPA with the host.',
  ipa('memory region to share'),
  shareResult('shared'),
);

const pkvmUnshare = pkvm(
  'kvm-vendor-mem-unshare',
  'pKVM MEM_UNSHARE',
  4,
  'ARM_SMCCC_KVM_FUNC_MEM_UNSHARE',
  'Take back from the host a granule shared earlier with MEM_SHARE.',
  'it revokes the host’s access to the granule at the given IPA.',
  ipa('memory region to unshare'),
  shareResult('no longer shared'),
);

const pkvmMmioGuard = pkvm(
  'kvm-vendor-mmio-guard',
  'pKVM MMIO_GUARD',
  7,
  'ARM_SMCCC_KVM_FUNC_MMIO_GUARD',
  'Tell a pKVM hypervisor that a granule is MMIO, so the host may emulate accesses to it.',
  'it marks the granule at the given IPA as MMIO to be emulated by the host.',
  ipa('MMIO memory region'),
  shareResult('now treated as MMIO'),
);

const uid = (i: number, v: bigint) => ({
  name: `uid[${i}]`,
  meaning: `word ${i} of the KVM UID 28b46fb6-2ec5-11e9-a9ca-4b564d003a74`,
  example: v,
  exampleMeaning: `ARM_SMCCC_VENDOR_HYP_UID_KVM_REG_${i}`,
  sources: [linux(H, `ARM_SMCCC_VENDOR_HYP_UID_KVM, smccc_uuid_to_reg(…, ${i})`)],
});

const kvmCallUid: Call = {
  id: 'kvm-vendor-call-uid',
  name: 'KVM vendor hypervisor CALL_UID',
  family: 'smccc',
  summary:
    "Ask the Vendor Specific Hypervisor Service who it is; KVM answers with its UID in four registers. Linux's kvm_init_hyp_services() makes this call at boot.",
  number: {
    ...callVal(1, 0, 6, 0xff01),
    stated: {
      value: 0x8600ff01n,
      how: 'expanded',
      source: linux(H, 'ARM_SMCCC_VENDOR_HYP_CALL_UID_FUNC_ID = ARM_SMCCC_CALL_VAL(FAST, SMC_32, OWNER_VENDOR_HYP, ARM_SMCCC_FUNC_QUERY_CALL_UID 0xff01)'),
    },
  },
  args: [],
  results: [uid(0, 0xb66fb428n), uid(1, 0xe911c52en), uid(2, 0x564bcaa9n), uid(3, 0x743a004dn)],
  handles: 'it answers with its UID, one 32-bit word per result register.',
  returnsOnSuccess: true,
  sources: [linux(KVM_HC, 'ARM_SMCCC_VENDOR_HYP_CALL_UID_FUNC_ID'), linux('drivers/firmware/smccc/kvm_guest.c', 'kvm_init_hyp_services')],
  notes: [
    {
      kind: 'history',
      text: 'Older kernels wrote the four words as ARM_SMCCC_VENDOR_HYP_UID_KVM_REG_0..3 (0xb66fb428, 0xe911c52e, 0x564bcaa9, 0x743a004d); newer ones derive them from the UUID with smccc_uuid_to_reg(). The values are the same.',
      sources: [linux(H, 'ARM_SMCCC_VENDOR_HYP_UID_KVM_REG_0..3 (older trees), ARM_SMCCC_VENDOR_HYP_UID_KVM (newer)')],
    },
  ],
};

// ---------------------------------------------------------------- PSCI migration and system suspend

function migrate(w: Width): Call {
  const macro = w === 64 ? 'PSCI_0_2_FN64_MIGRATE' : 'PSCI_0_2_FN_MIGRATE';
  const call = linux(PSCI_C, '__psci_migrate(fn, cpuid): invoke_psci_fn(fn, cpuid, 0, 0); psci_0_2_migrate: PSCI_FN_NATIVE(0_2, MIGRATE)');
  return {
    id: `psci-migrate-${w}`,
    name: `PSCI MIGRATE (${cc(w)})`,
    family: 'smccc',
    summary: 'Move a uniprocessor Trusted OS to another CPU, so that the CPU it lives on can be powered off.',
    number: psci(5, w, macro),
    args: [{ name: 'target_cpu', meaning: 'the CPU to move the Trusted OS to, by its MPIDR affinity fields', example: 0x1n, sources: [call] }],
    results: [psciStatus(w, 0, 'SUCCESS')],
    handles: 'it moves the Trusted OS to the target CPU.',
    returnsOnSuccess: true,
    sources: [linux(PSCI_H, macro), call],
    notes: [
      noSpecText,
      {
        kind: 'info',
        text: 'Only meaningful when MIGRATE_INFO_TYPE reports a uniprocessor Trusted OS that can migrate (type 0). Linux defines psci_ops.migrate but none of its callers we read makes the call.',
        sources: [linux(PSCI_H, 'PSCI_0_2_TOS_UP_MIGRATE 0'), linux(PSCI_C, 'psci_0_2_set_functions: psci_ops = (struct psci_operations){ … .migrate = psci_0_2_migrate, … }')],
      },
    ],
  };
}

function migrateInfoUpCpu(w: Width): Call {
  const macro = w === 64 ? 'PSCI_0_2_FN64_MIGRATE_INFO_UP_CPU' : 'PSCI_0_2_FN_MIGRATE_INFO_UP_CPU';
  const call = linux(PSCI_C, 'psci_migrate_info_up_cpu: invoke_psci_fn(PSCI_FN_NATIVE(0_2, MIGRATE_INFO_UP_CPU), 0, 0, 0)');
  return {
    id: `psci-migrate-info-up-cpu-${w}`,
    name: `PSCI MIGRATE_INFO_UP_CPU (${cc(w)})`,
    family: 'smccc',
    summary: 'Ask which CPU a uniprocessor Trusted OS lives on. Linux asks at boot so that it never turns that CPU off.',
    number: psci(7, w, macro),
    args: [],
    results: [
      {
        name: 'cpu',
        meaning: 'the MPIDR affinity fields of the CPU the Trusted OS is resident on',
        example: 0x0n,
        exampleMeaning: 'CPU 0 (an example)',
        sources: [call, linux(PSCI_C, 'psci_init_migrate: "MIGRATE_INFO_UP_CPU reported invalid physical ID (0x%lx)" if cpuid & ~MPIDR_HWID_BITMASK')],
      },
    ],
    handles: 'it returns the affinity of the CPU the Trusted OS runs on.',
    returnsOnSuccess: true,
    sources: [linux(PSCI_H, macro), call],
    notes: [
      noSpecText,
      {
        kind: 'info',
        text: 'Linux makes this call only when MIGRATE_INFO_TYPE returned 0 or 1 (a uniprocessor Trusted OS), and then avoids CPU_OFF on that CPU.',
        sources: [
          linux(PSCI_C, 'psci_init_migrate: if (type != PSCI_0_2_TOS_UP_MIGRATE && type != PSCI_0_2_TOS_UP_NO_MIGRATE) … cpuid = psci_migrate_info_up_cpu()'),
        ],
      },
    ],
  };
}

function systemSuspend(w: Width): Call {
  const macro = w === 64 ? 'PSCI_1_0_FN64_SYSTEM_SUSPEND' : 'PSCI_1_0_FN_SYSTEM_SUSPEND';
  const call = linux(PSCI_C, 'psci_system_suspend: invoke_psci_fn(PSCI_FN_NATIVE(1_0, SYSTEM_SUSPEND), pa_cpu_resume, 0, 0)');
  return {
    id: `psci-system-suspend-${w}`,
    name: `PSCI SYSTEM_SUSPEND (${cc(w)})`,
    family: 'smccc',
    summary: 'Suspend the whole system to RAM; the last running CPU wakes at an entry point. Linux uses it for suspend-to-RAM when PSCI_FEATURES reports it.',
    number: psci(14, w, macro),
    args: [
      {
        name: 'entry_point_address',
        meaning: 'physical address to resume at on wake-up (Linux passes cpu_resume)',
        example: asSlot(w, 0x80081000n),
        sources: [call, linux(PSCI_C, 'psci_system_suspend: pa_cpu_resume = __pa_symbol(cpu_resume)')],
      },
      { name: 'context_id', meaning: 'value handed back on wake-up; Linux passes 0', example: 0n, sources: [call] },
    ],
    results: [psciStatus(w, -3, 'DENIED', 'PSCI return code, only if the call fails')],
    handles: 'it suspends the system; on wake-up the calling CPU restarts at the entry point, so the call returns only if it fails.',
    returnsOnSuccess: false,
    sources: [
      linux(PSCI_H, `${macro} = PSCI_0_2_FN${w === 64 ? '64' : ''}(14)`),
      call,
      linux(PSCI_C, 'psci_init_system_suspend: psci_features(PSCI_FN_NATIVE(1_0, SYSTEM_SUSPEND))'),
    ],
    notes: [noSpecText],
  };
}

// ---------------------------------------------------------------- SMCCC_ARCH_SOC_ID

const SOC_ID_C = 'drivers/firmware/smccc/smccc.c';
const socId: Call = {
  id: 'smccc-arch-soc-id',
  name: 'SMCCC_ARCH_SOC_ID',
  family: 'smccc',
  summary:
    'Ask the firmware which SoC this is: a JEP-106 vendor code and a SoC number (type 0), or the SoC revision (type 1). Linux registers them as a SoC device (drivers/firmware/smccc/soc_id.c).',
  number: { ...callVal(1, 0, 0, 2), stated: { value: 0x80000002n, how: 'literal', source: archSvc('SMCCC_ARCH_SOC_ID U(0x80000002)') } },
  args: [
    {
      name: 'SoC_ID_type',
      meaning: '0 = SoC version, 1 = SoC revision (2 = SoC name, SMC64 only, in TF-A)',
      example: 0n,
      sources: [
        archSvc('SMCCC_GET_SOC_VERSION U(0), SMCCC_GET_SOC_REVISION U(1), SMCCC_GET_SOC_NAME U(2)'),
        linux(SOC_ID_C, 'arm_smccc_version_init: arm_smccc_1_1_invoke(ARM_SMCCC_ARCH_SOC_ID, 0, &res); … (ARM_SMCCC_ARCH_SOC_ID, 1, &res)'),
      ],
    },
  ],
  results: [
    {
      name: 'SoC version',
      meaning:
        'bit 31 zero; JEP-106 bank (continuation code) in bits 30:24, JEP-106 identification code with its parity bit in bits 23:16, implementation-defined SoC ID in bits 15:0; or NOT_SUPPORTED / INVALID_PARAMETER (negative)',
      example: 0x043b_0001n,
      exampleMeaning: 'JEP-106 bank 4, code 0x3B, SoC ID 1 (an example)',
      sources: [
        linux(
          'drivers/firmware/smccc/soc_id.c',
          'SMCCC_SOC_ID_JEP106_BANK_IDX_MASK GENMASK(30, 24), SMCCC_SOC_ID_JEP106_ID_CODE_MASK GENMASK(22, 16), SMCCC_SOC_ID_IMP_DEF_SOC_ID_MASK GENMASK(15, 0)',
        ),
        linux('drivers/firmware/smccc/soc_id.c', '"bits[23:16] are JEP-106 identification code with parity bit for the SiP. We can drop the parity bit."'),
      ],
    },
  ],
  handles: 'it returns the SoC version or revision the platform reports (TF-A: plat_get_soc_version() or plat_get_soc_revision()).',
  returnsOnSuccess: true,
  sources: [
    linux(H, 'ARM_SMCCC_ARCH_SOC_ID = ARM_SMCCC_CALL_VAL(ARM_SMCCC_FAST_CALL, ARM_SMCCC_SMC_32, 0, 2)'),
    tfa(ARCH_SVC_C, 'smccc_arch_id(): arg1 == SMCCC_GET_SOC_REVISION → plat_get_soc_revision(); SMCCC_GET_SOC_VERSION → plat_get_soc_version()'),
    linux(SOC_ID_C, 'arm_smccc_get_soc_id_version(), arm_smccc_get_soc_id_revision()'),
  ],
  notes: [
    {
      kind: 'info',
      text: 'Linux asks SMCCC_ARCH_FEATURES(SMCCC_ARCH_SOC_ID) first and only with SMCCC 1.2 or later. TF-A also answers an SMC64 form with type 2, the SoC name as an ASCII string in x1–x17; Linux does not ask for it.',
      sources: [
        linux(
          SOC_ID_C,
          'arm_smccc_version_init: if (version >= ARM_SMCCC_VERSION_1_2) { arm_smccc_1_1_invoke(ARM_SMCCC_ARCH_FEATURES_FUNC_ID, ARM_SMCCC_ARCH_SOC_ID, &res); …',
        ),
        tfa(ARCH_SVC_C, 'smccc_arch_id(): "SoC Name is only present for SMC64 invocations"; "split across registers X1 to X17"'),
      ],
    },
  ],
};

// ---------------------------------------------------------------- KVM: target implementation CPUs

const discoverCaller = linux('drivers/firmware/smccc/kvm_guest.c', 'kvm_arm_target_impl_cpu_init()');
const discoverWho: Note = {
  kind: 'unconfirmed',
  text:
    'hypercalls.rst gives these calls as "Optional; KVM/ARM64 Guests only"; we did not read the host side, so which component answers them (KVM itself, or the VMM the call is forwarded to) is not shown. ' +
    'The guest asks only when the FEATURES bitmap lists both (function numbers 64 and 65).',
  sources: [
    linux(KVM_HC_DOC, '"Presence: Optional; KVM/ARM64 Guests only"'),
    linux(H, 'ARM_SMCCC_KVM_FUNC_DISCOVER_IMPL_VER 64, ARM_SMCCC_KVM_FUNC_DISCOVER_IMPL_CPUS 65'),
    discoverCaller,
  ],
};

const discoverImplVer: Call = {
  id: 'kvm-vendor-discover-impl-ver',
  name: 'KVM vendor DISCOVER_IMPL_VER',
  family: 'smccc',
  summary:
    'Ask the hypervisor on how many kinds of CPU (implementations) this guest may run, so it can enable their errata workarounds; a guest that migrates between hosts needs it.',
  number: {
    ...callVal(1, 1, 6, 64),
    stated: {
      value: 0xc6000040n,
      how: 'literal',
      source: linux(KVM_HC_DOC, 'ARM_SMCCC_VENDOR_HYP_KVM_DISCOVER_IMPL_VER_FUNC_ID: "Function ID: (uint32) 0xC6000040"'),
    },
  },
  args: [],
  results: [
    {
      name: 'status',
      meaning: 'SUCCESS (0) or NOT_SUPPORTED (-1)',
      example: 0n,
      exampleMeaning: 'SUCCESS',
      sources: [linux(KVM_HC_DOC, '"Return Values: (int64) R0 SUCCESS (0)" … "NOT_SUPPORTED (-1)"')],
    },
    {
      name: 'version',
      meaning: 'bits 31:16 major, 15:0 minor, 63:32 zero',
      example: 0x10000n,
      exampleMeaning: 'version 1.0 (Linux accepts major 1 only)',
      sources: [
        linux(KVM_HC_DOC, '"(uint64) R1 Bits [63:32] Reserved/Must be zero" … "Bits [31:16] Major version" … "Bits [15:0] Minor version"'),
        discoverCaller,
      ],
    },
    {
      name: 'count',
      meaning: 'number of target implementations',
      example: 2n,
      exampleMeaning: '2 (an example)',
      sources: [linux(KVM_HC_DOC, '"(uint64) R2 Number of target implementations"')],
    },
    { name: 'reserved', meaning: 'reserved, zero', example: 0n, exampleMeaning: 'zero', sources: [linux(KVM_HC_DOC, '"(uint64) R3 Reserved / Must be zero"')] },
  ],
  handles: 'it reports the version of this interface and how many target CPU implementations the guest may meet.',
  returnsOnSuccess: true,
  sources: [linux(KVM_HC_DOC, 'ARM_SMCCC_VENDOR_HYP_KVM_DISCOVER_IMPL_VER_FUNC_ID: "Calling convention: HVC64"'), discoverCaller],
  notes: [discoverWho],
};

const discoverImplCpus: Call = {
  id: 'kvm-vendor-discover-impl-cpus',
  name: 'KVM vendor DISCOVER_IMPL_CPUS',
  family: 'smccc',
  summary:
    'Ask for the ID registers (MIDR_EL1, REVIDR_EL1, AIDR_EL1) of one target CPU implementation; the guest asks once per implementation DISCOVER_IMPL_VER counted.',
  number: {
    ...callVal(1, 1, 6, 65),
    stated: {
      value: 0xc6000041n,
      how: 'literal',
      source: linux(KVM_HC_DOC, 'ARM_SMCCC_VENDOR_HYP_KVM_DISCOVER_IMPL_CPUS_FUNC_ID: "Function ID: (uint32) 0xC6000041"'),
    },
  },
  args: [
    {
      name: 'index',
      meaning: 'the implementation to describe, from 0',
      example: 0n,
      sources: [linux(KVM_HC_DOC, '"(uint64) R1 selected implementation index"'), discoverCaller],
    },
    { name: 'reserved', meaning: 'reserved, zero', example: 0n, sources: [linux(KVM_HC_DOC, '"(uint64) R2 Reserved / Must be zero"')] },
    { name: 'reserved', meaning: 'reserved, zero', example: 0n, sources: [linux(KVM_HC_DOC, '"(uint64) R3 Reserved / Must be zero"')] },
  ],
  results: [
    {
      name: 'status',
      meaning: 'SUCCESS (0) or INVALID_PARAMETER (-3)',
      example: 0n,
      exampleMeaning: 'SUCCESS',
      sources: [linux(KVM_HC_DOC, '"Return Values: (int64) R0 SUCCESS (0)" … "INVALID_PARAMETER (-3)"')],
    },
    {
      name: 'MIDR_EL1',
      meaning: 'MIDR_EL1 of the selected implementation',
      example: 0x410f_d0c0n,
      exampleMeaning: 'an example MIDR_EL1 value',
      sources: [linux(KVM_HC_DOC, '"(uint64) R1 MIDR_EL1 of the selected implementation"'), discoverCaller],
    },
    {
      name: 'REVIDR_EL1',
      meaning: 'REVIDR_EL1 of the selected implementation',
      example: 0n,
      exampleMeaning: 'zero (an example)',
      sources: [linux(KVM_HC_DOC, '"(uint64) R2 REVIDR_EL1 of the selected implementation"')],
    },
    {
      name: 'AIDR_EL1',
      meaning: 'AIDR_EL1 of the selected implementation',
      example: 0n,
      exampleMeaning: 'zero (an example)',
      sources: [linux(KVM_HC_DOC, '"(uint64) R3 AIDR_EL1 of the selected implementation"')],
    },
  ],
  handles: 'it returns the three ID registers of the implementation the index selects.',
  returnsOnSuccess: true,
  sources: [linux(KVM_HC_DOC, 'ARM_SMCCC_VENDOR_HYP_KVM_DISCOVER_IMPL_CPUS_FUNC_ID: "Calling convention: HVC64"'), discoverCaller],
  notes: [discoverWho],
};

export const moreSmcccCalls: readonly Call[] = [
  smcccVersion,
  archFeatures,
  psciVersion,
  systemReset2(32),
  systemReset2(64),
  kvmCallUid,
  cpuSuspend(32),
  cpuSuspend(64),
  cpuOff,
  affinityInfo(32),
  affinityInfo(64),
  migrateInfoType,
  migrate(32),
  migrate(64),
  migrateInfoUpCpu(32),
  migrateInfoUpCpu(64),
  systemSuspend(32),
  systemSuspend(64),
  systemOff,
  systemReset,
  psciFeatures,
  workaround1,
  workaround2,
  workaround3,
  trngVersion,
  trngFeatures,
  trngGetUuid,
  trngRnd(32),
  trngRnd(64),
  pvTimeFeatures,
  pvTimeSt,
  socId,
  kvmFeatures,
  kvmPtp,
  discoverImplVer,
  discoverImplCpus,
  pkvmMeminfo,
  pkvmShare,
  pkvmUnshare,
  pkvmMmioGuard,
];

/**
 * These calls as a family of their own ('smccc-more'): no conventions, since
 * they fit the SMCCC ones. A chunk loaded with any SMCCC convention, so the
 * first load carries only the calls in calls.ts.
 */
export const smcccMore: Family = { conventions: [], calls: moreSmcccCalls };
