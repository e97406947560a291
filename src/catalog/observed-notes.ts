import type { ObservedNote } from '../model/observed';
import type { Source } from '../model/source';

/**
 * Why an emulator answers a call other than the catalog's example says,
 * each with its source. `npm run check:cpu` fails on a difference that no
 * note here (or a fix to the catalog) accounts for.
 */

/** The runs of the check, in words (src/catalog/observed.json names them by id). */
export const PLATFORM_NAMES: Readonly<Record<string, string>> = {
  'qemu-aarch64-el1-hvc': "AArch64 EL1, QEMU's own PSCI over HVC",
  'qemu-aarch64-el2': "AArch64 EL1 with EL2 present: QEMU's own PSCI over SMC, HVC trapped to the check's EL2 handler",
  'qemu-aarch32-svc-hvc': "AArch32 SVC mode (Cortex-A15), QEMU's own PSCI over HVC",
  'qemu-aarch32-hyp': "AArch32 SVC mode (Cortex-A15) with Hyp present: QEMU's own PSCI over SMC, HVC trapped to the check's Hyp handler",
  'qemu-riscv64-opensbi': 'RISC-V S-mode under the OpenSBI that QEMU bundles (-bios default)',
};

const QEMU_PSCI = 'https://gitlab.com/qemu-project/qemu/-/blob/v7.2.0/target/arm/psci.c';
const qemuPsci = (where: string): Source => ({ title: 'QEMU target/arm/psci.c (v7.2.0)', where, url: QEMU_PSCI });
const ARM_QEMU = ['qemu-aarch64-el1-hvc', 'qemu-aarch64-el2', 'qemu-aarch32-svc-hvc', 'qemu-aarch32-hyp'];
const AARCH64_QEMU = ['qemu-aarch64-el1-hvc', 'qemu-aarch64-el2'];
const AARCH32_QEMU = ['qemu-aarch32-svc-hvc', 'qemu-aarch32-hyp'];

export const OBSERVED_NOTES: readonly ObservedNote[] = [
  {
    platforms: ARM_QEMU,
    calls: ['smccc-version', 'smccc-arch-features', 'smccc-arch-workaround-1', 'trng-version'],
    text:
      "QEMU's own firmware implements PSCI and nothing else of SMCCC: any other function ID returns NOT_SUPPORTED (-1), as " +
      'SMCCC 1.3 section 5.2 asks for an unknown function. With SMCCC_VERSION unsupported it presents itself as SMCCC 1.0 ' +
      '(Linux keeps ARM_SMCCC_VERSION_1_0 when PSCI_FEATURES(SMCCC_VERSION) says NOT_SUPPORTED), yet the check saw it change ' +
      "no register but x0/r0. The catalog's examples are what firmware implementing SMCCC 1.1 and these services returns.",
    sources: [
      qemuPsci('arm_handle_psci_call(): the default case returns QEMU_PSCI_RET_NOT_SUPPORTED'),
      {
        title: 'QEMU commit "arm: tcg: Adhere to SMCCC 1.3 section 5.2"',
        where: 'Alexander Graf, 2021: every SMCCC call at the PSCI conduit is handled; unknown ones return NOT_SUPPORTED',
      },
      {
        title: 'Linux drivers/firmware/psci/psci.c',
        where: 'psci_init_smccc(): ver = ARM_SMCCC_VERSION_1_0 unless psci_features(ARM_SMCCC_VERSION_FUNC_ID) succeeds',
      },
    ],
  },
  {
    platforms: AARCH64_QEMU,
    calls: ['psci-features'],
    text:
      "QEMU's PSCI_FEATURES answers 0 for every PSCI function it implements. For CPU_SUSPEND, 0 means the original power_state " +
      "format (bit 1 clear) and no OS-initiated mode (bit 0 clear); the catalog's example, 0x2 (extended StateID format), is " +
      'what firmware using the extended format (such as TF-A) returns.',
    sources: [
      qemuPsci('arm_handle_psci_call(), case QEMU_PSCI_1_0_FN_PSCI_FEATURES: ret = 0'),
      {
        title: 'Arm DEN0022 Power State Coordination Interface',
        where: 'PSCI_FEATURES: flags for CPU_SUSPEND (bit 1: StateID format; bit 0: OS-initiated mode)',
      },
    ],
  },
  {
    platforms: AARCH32_QEMU,
    calls: ['psci-features'],
    text:
      "The catalog's example asks about CPU_SUSPEND's SMC64 function ID (0xC4000001). An AArch32 caller cannot make SMC64 " +
      'calls, and QEMU answers PSCI_FEATURES for one with NOT_SUPPORTED (-1); asked about the SMC32 ID (0x84000001) it would ' +
      'answer 0, as from AArch64.',
    sources: [qemuPsci('arm_handle_psci_call(), PSCI_FEATURES: ret = 0 only if !(param[1] & QEMU_PSCI_0_2_64BIT) || is_a64(env), else NOT_SUPPORTED')],
  },
];
