import type { Call } from '../../model/call';
import type { Source } from '../../model/source';
import { linux, tfa } from '../docs';
import { callVal } from './function-id';

const H = 'include/linux/arm-smccc.h';
const PSCI_H = 'include/uapi/linux/psci.h';
const PSCI_C = 'drivers/firmware/psci/psci.c';
const KVM_HC = 'arch/arm64/kvm/hypercalls.c';
const ARCH_SVC = 'include/services/arm_arch_svc.h';

/** A PSCI return code as the result register holds it: two's complement in the call's width. */
const psciRet = (name: string, v: number, bits: 32 | 64) => ({ example: BigInt.asUintN(bits, BigInt(v)), exampleMeaning: `PSCI_RET_${name}` });
const psciRetSrc = linux(PSCI_H, 'PSCI_RET_SUCCESS 0 … PSCI_RET_INVALID_ADDRESS -9');

/** PSCI_0_2_FN(n) or PSCI_0_2_FN64(n); Linux writes the base as a literal, so n and the base are what the header states. */
function psci(n: number, width: 32 | 64, macro: string, base: bigint): Call['number'] {
  const { value, fields } = callVal(1, width === 64 ? 1 : 0, 4, n);
  return {
    value,
    fields,
    stated: {
      value: base + BigInt(n),
      how: 'literal',
      source: linux(PSCI_H, `${macro} (base ${width === 64 ? 'PSCI_0_2_FN64_BASE' : 'PSCI_0_2_FN_BASE 0x84000000'} + ${n})`),
    },
  };
}

const FN = 0x84000000n;
const FN64 = 0xc4000000n;

function width(bits: 32 | 64, v: bigint): bigint {
  return BigInt.asUintN(bits, v);
}

function cpuOn(bits: 32 | 64): Call {
  const macro = bits === 64 ? 'PSCI_0_2_FN64_CPU_ON' : 'PSCI_0_2_FN_CPU_ON';
  return {
    id: `psci-cpu-on-${bits}`,
    name: `PSCI CPU_ON (${bits === 64 ? 'SMC64' : 'SMC32'})`,
    family: 'smccc',
    summary: 'Power up a CPU and start it at an entry point. Linux uses the 64-bit form on arm64 (PSCI_FN_NATIVE).',
    number: psci(3, bits, macro, bits === 64 ? FN64 : FN),
    args: [
      {
        name: 'target_cpu',
        meaning: 'the CPU to start, by its MPIDR affinity fields',
        example: 0x1n,
        sources: [linux(PSCI_C, '__psci_cpu_on(cpuid, entry_point)')],
      },
      {
        name: 'entry_point_address',
        meaning: 'physical address it starts executing at',
        example: width(bits, 0x80080000n),
        sources: [linux(PSCI_C, '__psci_cpu_on(cpuid, entry_point)')],
      },
      {
        name: 'context_id',
        meaning: 'value the new CPU finds in x0 (Linux passes 0)',
        example: 0n,
        sources: [linux(PSCI_C, '__psci_cpu_on: invoke_psci_fn(fn, cpuid, entry_point, 0)')],
      },
    ],
    results: [{ name: 'status', meaning: 'PSCI return code', ...psciRet('SUCCESS', 0, bits), sources: [psciRetSrc] }],
    handles: 'it powers on the target CPU, which starts at the entry point with context_id in x0.',
    returnsOnSuccess: true,
    sources: [linux(PSCI_H, macro), linux(PSCI_C, 'PSCI_FN_NATIVE(0_2, CPU_ON)')],
    notes: [],
  };
}

function systemReset2(bits: 32 | 64): Call {
  const macro = bits === 64 ? 'PSCI_1_1_FN64_SYSTEM_RESET2' : 'PSCI_1_1_FN_SYSTEM_RESET2';
  return {
    id: `psci-system-reset2-${bits}`,
    name: `PSCI SYSTEM_RESET2 (${bits === 64 ? 'SMC64' : 'SMC32'})`,
    family: 'smccc',
    summary: 'Reset the system with an architectural or vendor-defined reset type (PSCI 1.1).',
    number: psci(18, bits, macro, bits === 64 ? FN64 : FN),
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
    results: [{ name: 'status', meaning: 'PSCI return code, only on failure', ...psciRet('NOT_SUPPORTED', -1, bits), sources: [psciRetSrc] }],
    handles: 'it resets the system; a warm reset keeps memory contents where the platform can.',
    returnsOnSuccess: false,
    sources: [linux(PSCI_H, macro), linux(PSCI_C, 'psci_sys_reset')],
    notes: [],
  };
}

const psciVersion: Call = {
  id: 'psci-version',
  name: 'PSCI_VERSION',
  family: 'smccc',
  summary: 'Ask which PSCI version the firmware or hypervisor implements.',
  number: psci(0, 32, 'PSCI_0_2_FN_PSCI_VERSION', FN),
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

const archSvc = (name: string): Source => tfa(ARCH_SVC, name);

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

export const smcccCalls: readonly Call[] = [smcccVersion, archFeatures, psciVersion, cpuOn(32), cpuOn(64), systemReset2(32), systemReset2(64), kvmCallUid];
