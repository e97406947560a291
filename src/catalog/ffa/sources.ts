import type { Source } from '../../model/source';
import { githubFile, linux, LINUX_6_18, linuxAt } from '../docs';
import { hostS, hypMain } from '../pkvm-host/sources';

/**
 * Every document the FF-A family cites, pinned to what was read. Arm DEN0077
 * (the FF-A specification) itself is in none of the stores we can search: the
 * register roles are Linux's driver, cross-checked against TF-A's and
 * Hafnium's headers, and what a reply leaves in registers it does not use is
 * TF-A's SPMD's code.
 */

/** The stored torvalds/linux copy of the FF-A driver: FFA_DRIVER_VERSION FFA_VERSION_1_2, ffa_init still a module_init. */
const DRIVER_AT = 'd51b9d81f7883f526b26e3ab903e646274aebeb1';
/** The stored torvalds/linux copy of the PSCI driver (old, but the conduit code reads the same in later copies). */
const PSCI_AT = '6df3e14436f6ee254b1a4952d90ee8988be59c89';
/**
 * A mirror of mainline around Linux 6.17 that rewrites comments ("the" ->
 * "the woke"), kept only where torvalds/linux's 6.18 copy says something
 * else than the catalog shows and no torvalds copy of that era is stored:
 * pKVM's FF-A proxy (6.18 negotiates v1.2 and returns x0-x17) and the
 * memory access descriptor (6.18 adds impdef_val, 32 bytes from v1.2).
 */
const MIRROR = 'Kingxukai/linux';
const MIRROR_AT = '0291023e7330da28f2f7453c87c2ab7082d8360f';
const TFA = 'ARM-software/arm-trusted-firmware';
const TFA_SVC_AT = '0651b7beb7e08a01c6e28be61026b053d53308fa';
const TFA_DOC_AT = '02fd5a1763fbee9dd35995e845c70c7d6a10027a';
const HAFNIUM_AT = '013f4d6768f405de76a8880282f4c9d5d5ca9d28';
/** TF-A as fetched whole (the commit the hop path in path.ts reads too). */
const TFA_AT = '6a164dda7208d3f2c0a5c4a1681db5ec37532bf5';
/** The stored torvalds/linux copy of the FF-A driver's transport file. */
const SMCCC_C_AT = '91908587bc0e1a2c4df56ea9a3d71931ca0eb9de';
/** The stored torvalds/linux copy of the SMCCC conduit helpers (old, but the functions read the same in later copies' callers). */
const SMCCC_LIB_AT = '05909cd9a0c8811731b38697af13075e8954314f';

export const header = (where: string): Source => linuxAt(LINUX_6_18, 'include/linux/arm_ffa.h', where);
/** arm_ffa.h as the mirror has it: the v1.1 memory access descriptor, before 6.18's impdef_val. */
export const headerBefore618 = (where: string): Source => githubFile(MIRROR, 'include/linux/arm_ffa.h', MIRROR_AT, where);
export const driver = (where: string): Source => linuxAt(DRIVER_AT, 'drivers/firmware/arm_ffa/driver.c', where);
export const tfaSvc = (where: string): Source => githubFile(TFA, 'include/services/ffa_svc.h', TFA_SVC_AT, where);
export const tfaSpm = (where: string): Source => githubFile(TFA, 'docs/components/secure-partition-manager.rst', TFA_DOC_AT, where);
export const hafnium = (where: string): Source => githubFile('TF-Hafnium/hafnium', 'inc/vmapi/hf/ffa.h', HAFNIUM_AT, where);
export const spmdMain = (where: string): Source => githubFile(TFA, 'services/std_svc/spmd/spmd_main.c', TFA_AT, where);
/** pKVM's FF-A proxy at EL2, read in the mirror (see MIRROR). */
export const pkvmFfa = (where: string): Source => githubFile(MIRROR, 'arch/arm64/kvm/hyp/nvhe/ffa.c', MIRROR_AT, where);
/** The same proxy in Linux 6.18, for the note that says how it changed. */
const pkvmFfa618 = (where: string): Source => linuxAt(LINUX_6_18, 'arch/arm64/kvm/hyp/nvhe/ffa.c', where);

export const src = {
  fid: header('FFA_SMC(cc, func_num) = ARM_SMCCC_CALL_VAL(ARM_SMCCC_FAST_CALL, (cc), ARM_SMCCC_OWNER_STANDARD, (func_num)); FFA_SMC_32(n), FFA_SMC_64(n)'),
  tfaFid: tfaSvc('FFA_FID(smc_cc, func_num) = fast | cc | OEN_STD_START << FUNCID_OEN_SHIFT | func_num; FFA_FNUM_MIN_VALUE U(0x60) … FFA_FNUM_MAX_VALUE U(0x8E)'),
  conduit: linuxAt(SMCCC_C_AT, 'drivers/firmware/arm_ffa/smccc.c', '__arm_ffa_fn_smc: arm_smccc_1_2_smc(&args, res); __arm_ffa_fn_hvc: arm_smccc_1_2_hvc(&args, res)'),
  transport: linuxAt(
    SMCCC_C_AT,
    'drivers/firmware/arm_ffa/smccc.c',
    'ffa_transport_init: if (arm_smccc_get_version() < ARM_SMCCC_VERSION_1_2) return -EOPNOTSUPP; conduit = arm_smccc_1_1_get_conduit(); SMCCC_CONDUIT_NONE → "invalid SMCCC conduit"; SMCCC_CONDUIT_SMC → __arm_ffa_fn_smc, else __arm_ffa_fn_hvc',
  ),
  ffaInit: driver('ffa_init (module_init): ret = ffa_transport_init(&invoke_ffa_fn) first, then ffa_version_check, ffa_id_get, ffa_features(RXTX_MAP), ffa_rxtx_map'),
  getConduit: linuxAt(
    SMCCC_LIB_AT,
    'drivers/firmware/smccc/smccc.c',
    'arm_smccc_version_init(version, conduit) stores both; arm_smccc_1_1_get_conduit(): SMCCC_CONDUIT_NONE if smccc_version < ARM_SMCCC_VERSION_1_1, else smccc_conduit',
  ),
  psciConduit: linuxAt(
    PSCI_AT,
    'drivers/firmware/psci/psci.c',
    'get_set_conduit_method: DT "method" property "hvc" → SMCCC_CONDUIT_HVC, "smc" → SMCCC_CONDUIT_SMC; psci_acpi_init: acpi_psci_use_hvc() → HVC, else SMC; psci_init_smccc: if SMCCC_VERSION ≥ 1.1, arm_smccc_version_init(ret, psci_conduit)',
  ),
  spmdError: spmdMain('spmd_ffa_error_return: SMC_RET8(handle, FFA_ERROR, FFA_TARGET_INFO_MBZ, error_code, FFA_PARAM_MBZ × 5)'),
  spmdIdGet: spmdMain('spmd_smc_handler, case FFA_ID_GET from the normal world: SMC_RET8(handle, FFA_SUCCESS_SMC32, FFA_TARGET_INFO_MBZ, FFA_NS_ENDPOINT_ID, FFA_PARAM_MBZ × 5)'),
  spmdVersion: spmdMain(
    'spmd_smc_handler, case FFA_VERSION from the normal world: the SPMC\'s answer goes back in w0 with x1–x4 FFA_PARAM_MBZ and "Zero out x5-x7 in the FFA_VERSION response"; "Ensure x8-x17 NS GP register values are untouched"',
  ),
  spmdDefault: spmdMain('spmd_smc_handler: default: WARN("SPM: Unsupported call …"); return spmd_ffa_error_return(handle, FFA_ERROR_NOT_SUPPORTED)'),
  ffaRange: githubFile(TFA, 'include/services/ffa_svc.h', TFA_AT, 'FFA_FNUM_MIN_VALUE U(0x60), FFA_FNUM_MAX_VALUE U(0x97); is_ffa_fid(fid); FFA_TARGET_INFO_MBZ U(0x0), FFA_PARAM_MBZ U(0x0)'),
  nsEndpoint: githubFile(TFA, 'services/std_svc/spmd/spmd_private.h', TFA_AT, 'FFA_NS_ENDPOINT_ID U(0)'),
  stdSvcFfa: githubFile(TFA, 'services/std_svc/std_svc_setup.c', TFA_AT, 'std_svc_smc_handler: if (is_ffa_fid(smc_fid)) → the SPMD'),
  value: linux('drivers/firmware/arm_ffa/common.h', 'typedef struct arm_smccc_1_2_regs ffa_value_t (read in a stored copy of the file)'),
  error: driver('every call: "if (ret.a0 == FFA_ERROR) return ffa_to_linux_errno((int)ret.a2);"'),
  errors: header('FFA_RET_SUCCESS 0, FFA_RET_NOT_SUPPORTED (-1), FFA_RET_INVALID_PARAMETERS (-2), … FFA_RET_NO_DATA (-9)'),
  success: header('FFA_ERROR FFA_SMC_32(0x60), FFA_SUCCESS FFA_SMC_32(0x61), FFA_FN64_SUCCESS FFA_SMC_64(0x61)'),
  hafSuccess: hafnium('FFA_ERROR_32 0x84000060, FFA_SUCCESS_32 0x84000061, FFA_SUCCESS_64 0xC4000061; ffa_error_code(): (int32_t)val.arg2'),
  spmd: tfaSpm('"The SPMD is located at EL3 and mainly relays the FF-A protocol from NWd (Hypervisor or OS kernel) to the SPMC."'),
  spmcLevel: tfaSpm('"The SPMC exception level is a build time choice" (S-EL1, S-EL2 with FEAT_SEL2, or EL3); Hafnium is the reference S-EL2 SPMC'),
  hypervisor: tfaSpm('"The term Hypervisor refers to the NS-EL2 component managing Virtual Machines (or partitions) in the normal world."'),
  ids: driver('PACK_TARGET_INFO(s, r): SENDER_ID_MASK GENMASK(31, 16), RECEIVER_ID_MASK GENMASK(15, 0)'),
  secureId: tfaSvc('ffa_is_secure_world_id(): bit 15 (SPMC_SECURE_ID_SHIFT) of an endpoint ID set means the secure world'),
  pkvmProxy: hypMain('handle_host_smc: kvm_host_psci_handler(), then kvm_host_ffa_handler(), then default_host_smc_handler() forwards to EL3'),
  pkvmHandler: pkvmFfa(
    'kvm_host_ffa_handler: is_ffa_call() (fast, OWNER_STANDARD, FFA_MIN_FUNC_NUM…FFA_MAX_FUNC_NUM); before has_version_negotiated anything but FFA_VERSION → FFA_ERROR INVALID_PARAMETERS; switch: FFA_FEATURES, FFA_FN64_RXTX_MAP, FFA_RXTX_UNMAP, FFA_MEM_SHARE/FFA_FN64_MEM_SHARE, FFA_MEM_RECLAIM, FFA_MEM_LEND/FFA_FN64_MEM_LEND, FFA_MEM_FRAG_TX, FFA_VERSION, FFA_PARTITION_INFO_GET handled; then ffa_call_supported() → "Pass through", else FFA_ERROR NOT_SUPPORTED; out_handled: ffa_set_retval()',
  ),
  pkvmUnsupported: pkvmFfa(
    'ffa_call_supported: false for FFA_FN64_MEM_RETRIEVE_REQ, FFA_MEM_RETRIEVE_RESP, FFA_MEM_RELINQUISH, FFA_MEM_OP_PAUSE, FFA_MEM_OP_RESUME, FFA_MEM_FRAG_RX, FFA_FN64_MEM_DONATE, FFA_MSG_SEND, FFA_MSG_POLL, FFA_MSG_WAIT, and "32-bit variants of 64-bit calls": FFA_MSG_SEND_DIRECT_RESP, FFA_RXTX_MAP, FFA_MEM_DONATE, FFA_MEM_RETRIEVE_REQ',
  ),
  pkvmError: pkvmFfa('ffa_to_smccc_error: *res = (struct arm_smccc_res) { .a0 = FFA_ERROR, .a2 = ffa_errno }; kvm_host_ffa_handler: ffa_to_smccc_error(&res, FFA_RET_NOT_SUPPORTED); out_handled: ffa_set_retval(host_ctxt, &res)'),
  pkvmFeatures: pkvmFfa(
    'do_ffa_features: if (!ffa_call_supported(id)) ret = FFA_RET_NOT_SUPPORTED; switch (id) { case FFA_MEM_SHARE, FFA_FN64_MEM_SHARE, FFA_MEM_LEND, FFA_FN64_MEM_LEND: FFA_RET_SUCCESS, prop = 0; default: return false; }; kvm_host_ffa_handler: case FFA_FEATURES: if (!do_ffa_features(&res, host_ctxt)) return false',
  ),
  pkvmRetval: pkvmFfa('ffa_set_retval: cpu_reg(ctxt, 0…3) = res->a0…a3 (struct arm_smccc_res); ffa_to_smccc_res: { .a0 = FFA_SUCCESS or FFA_ERROR, .a2 = prop or error }'),
  pkvmForward: hostS(
    '__kvm_hyp_host_forward_smc: ldp x0 … x17 from the host context; smc #0; stp x0 … x17 back ("Assumes SMCCC 1.2 or older")',
  ),
  pkvmVersion: pkvmFfa('hyp_ffa_init: FFA_VERSION FFA_VERSION_1_1 to EL3, hyp_ffa_version = the lower of the two; do_ffa_version: major ≠ 1 → NOT_SUPPORTED; a lower minor is asked of EL3 first; answers hyp_ffa_version in res->a0'),
  pkvm618Version: pkvmFfa618('hyp_ffa_init: arm_smccc_1_2_smc(… .a0 = FFA_VERSION, .a1 = FFA_VERSION_1_2 …); hyp_ffa_version = res.a0 if FFA_MINOR_VERSION(res.a0) < FFA_MINOR_VERSION(FFA_VERSION_1_2), else FFA_VERSION_1_2'),
  pkvm618Retval: pkvmFfa618('ffa_set_retval(): cpu_reg(ctxt, 0) = res->a0 … cpu_reg(ctxt, 17) = res->a17 (struct arm_smccc_1_2_regs); "Given the above, assume SMC64 and send back x0-x17 unconditionally"'),
  pkvm618Unsupported: pkvmFfa618(
    'ffa_call_supported: also false for FFA_NOTIFICATION_BITMAP_CREATE, _DESTROY, _BIND, _UNBIND, _SET, _GET, _INFO_GET ("Optional notification interfaces added in FF-A 1.1") and FFA_MSG_SEND_DIRECT_REQ2, FFA_MSG_SEND_DIRECT_RESP2, FFA_CONSOLE_LOG, FFA_PARTITION_INFO_GET_REGS ("Optional interfaces added in FF-A 1.2")',
  ),
  pkvmMemXfer: pkvmFfa(
    '__do_ffa_mem_xfer: addr_mbz (x3) and npages_mbz (x4) must be 0, ep_count 1, sender_id HOST_FFA_ID 0; ffa_host_share_ranges() on the host stage 2, then ffa_mem_xfer(FFA_FN64_MEM_SHARE or FFA_FN64_MEM_LEND, len, fraglen) to EL3',
  ),
};
