import type { HandlerPath, HandlerStep } from '../../model/exception';
import { githubFile } from '../docs';

/**
 * Trusted Firmware-A at EL3, the reference secure monitor: how an SMC from
 * the normal world reaches the runtime service that owns its function ID.
 * Read at one commit; the SPMD's part is in ffa/handlers.ts.
 */

export const TFA = 'ARM-software/arm-trusted-firmware';
export const TFA_AT = '6a164dda7208d3f2c0a5c4a1681db5ec37532bf5';
export const tfa = (path: string, where: string) => githubFile(TFA, path, TFA_AT, where);

const RUNTIME_SVC = 'common/runtime_svc.c';
const STD_SVC = 'services/std_svc/std_svc_setup.c';

/** From BL31's vector to the runtime service that owns the function ID, for an smc from a lower EL in AArch64 or AArch32. */
function el3EntryFrom(from: 'aarch64' | 'aarch32'): readonly HandlerStep[] {
  const a64 = from === 'aarch64';
  return [
    {
      fn: `sync_exception_${from} → handle_sync_exception`,
      what: `BL31’s vector for a synchronous exception from a lower EL in ${a64 ? 'AArch64' : 'AArch32'} saves the context and calls the C handler`,
      sources: [tfa('bl31/aarch64/runtime_exceptions.S', `vector_entry sync_exception_${from}: "handle_sync_exception"; handle_sync_exception: "bl prepare_el3_entry" … "bl handler_sync_exception"`)],
    },
    {
      fn: 'handler_sync_exception → sync_handler',
      what: a64
        ? 'EC_AARCH64_SMC: takes the function ID from x0 and finds the runtime service that owns it (get_handler_for_smc_fid); an ID nobody owns returns SMC_UNK'
        : 'EC_AARCH32_SMC, in a BL31 built with CTX_INCLUDE_AARCH32_REGS (the default): an ID with the SMC64 bit (FUNCID_CC, bit 30) set returns SMC_UNK; any other goes to sync_handler as from AArch64, the function ID read from r0 (x0 in the saved context)',
      sources: [
        a64
          ? tfa(RUNTIME_SVC, 'handler_sync_exception(): "if (exc_class == EC_AARCH64_SMC) return sync_handler(ctx, smc_fid, scr_el3)"')
          : tfa(RUNTIME_SVC, 'handler_sync_exception(): "#if CTX_INCLUDE_AARCH32_REGS } else if (exc_class == EC_AARCH32_SMC) { if (EXTRACT(FUNCID_CC, smc_fid) != 0) return smc_unknown(ctx); return sync_handler(ctx, smc_fid, scr_el3);"'),
        ...(a64 ? [] : [tfa('make_helpers/defaults.mk', 'CTX_INCLUDE_AARCH32_REGS := 1'), tfa('include/lib/smccc.h', 'FUNCID_CC_SHIFT U(30), FUNCID_CC_MASK U(0x1)')]),
        tfa(RUNTIME_SVC, 'sync_handler(): "if (!get_handler_for_smc_fid(smc_fid, &handler)) return smc_unknown(ctx)" … handler(smc_fid, x1, x2, x3, x4, NULL, ctx, flags)'),
      ],
    },
  ];
}

export const el3Entry = el3EntryFrom('aarch64');

const PSCI = ['psci-'];
const TRNG = ['trng-'];
const ARCH = ['smccc-'];
const HYP = ['kvm-vendor-', 'pv-time-'];

/** SMCCC over SMC to TF-A: PSCI and TRNG in the Standard Secure Service, SMCCC_VERSION and the ARCH calls in the Arm Architectural Service. */
const smcccOverSmcFrom = (from: 'aarch64' | 'aarch32'): HandlerPath => ({
  who: 'Trusted Firmware-A at EL3, the reference secure monitor',
  steps: [
    ...el3EntryFrom(from),
    {
      fn: 'std_svc_smc_handler → psci_smc_handler',
      what: 'the Standard Secure Service’s handler sends PSCI function IDs (is_psci_fid) to the PSCI library and returns its answer in x0',
      onlyFor: PSCI,
      sources: [tfa(STD_SVC, 'std_svc_smc_handler(): "if (is_psci_fid(smc_fid)) { … ret = psci_smc_handler(smc_fid, x1, x2, x3, x4, cookie, handle, flags); … SMC_RET1(handle, ret)"')],
    },
    {
      fn: 'std_svc_smc_handler → trng_smc_handler',
      what: 'in a BL31 built with TRNG_SUPPORT, the Standard Secure Service sends TRNG function IDs to the TRNG service',
      onlyFor: TRNG,
      sources: [tfa(STD_SVC, 'std_svc_smc_handler(): "#if TRNG_SUPPORT if (is_trng_fid(smc_fid)) { return trng_smc_handler(…)"')],
    },
    {
      fn: 'arm_arch_svc_smc_handler',
      what: 'the Arm Architectural Service: SMCCC_VERSION, SMCCC_ARCH_FEATURES, SMCCC_ARCH_SOC_ID and the workarounds (each only where BL31 was built with it); any other ID returns SMC_UNK',
      onlyFor: ARCH,
      sources: [
        tfa('services/arm_arch_svc/arm_arch_svc_setup.c', 'arm_arch_svc_smc_handler(): "case SMCCC_VERSION: SMC_RET1(handle, smccc_version())" … "default: … SMC_RET1(handle, SMC_UNK)"; DECLARE_RT_SVC(arm_arch_svc, OEN_ARM_START, OEN_ARM_END, …)'),
      ],
    },
    {
      fn: 'smc_unknown',
      what: 'no runtime service in TF-A owns the hypervisor service numbers (OEN_STD_HYP 5, OEN_VEN_HYP 6): the monitor writes SMC_UNK to x0 and returns. These calls are meant for a hypervisor (an hvc, or an smc it traps)',
      onlyFor: HYP,
      sources: [
        tfa(RUNTIME_SVC, 'smc_unknown(): "write_ctx_reg(get_gpregs_ctx(ctx), CTX_GPREG_X0, SMC_UNK)"'),
        tfa('include/lib/smccc.h', 'OEN_STD_HYP_START U(5) /* Standard Hypervisor Service calls */, OEN_VEN_HYP_START U(6) /* Vendor Hypervisor Service calls */'),
      ],
    },
  ],
  notes: [
    {
      text: 'The runtime services that exist depend on how BL31 was built (SPD, TRNG_SUPPORT, the workaround options); the path is drawn for a build that has the one the call needs. We found no DECLARE_RT_SVC for the hypervisor owner numbers under TF-A’s services/ at this commit.',
      sources: [tfa('services/arm_arch_svc/arm_arch_svc_setup.c', 'DECLARE_RT_SVC(arm_arch_svc, OEN_ARM_START, OEN_ARM_END, SMC_TYPE_FAST, NULL, arm_arch_svc_smc_handler)'), tfa(STD_SVC, 'DECLARE_RT_SVC(std_svc, OEN_STD_START, OEN_STD_END, …)')],
    },
  ],
});

export const smcccOverSmc = smcccOverSmcFrom('aarch64');
export const smcccOverSmc32 = smcccOverSmcFrom('aarch32');
