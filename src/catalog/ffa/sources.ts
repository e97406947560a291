import type { Source } from '../../model/source';
import { githubFile, linux } from '../docs';

/**
 * Every document the FF-A family cites, pinned to what was read. We could not
 * read Arm DEN0077 (the FF-A specification) itself: the register roles are
 * Linux's driver, cross-checked against TF-A's and Hafnium's headers.
 */

const MIRROR = 'Kingxukai/linux';
const HEADER_AT = '0291023e7330da28f2f7453c87c2ab7082d8360f';
const DRIVER_AT = '9b44fff655e2c6f4cc53cb499dd2c038e99cb013';
const TFA = 'ARM-software/arm-trusted-firmware';
const TFA_SVC_AT = '0651b7beb7e08a01c6e28be61026b053d53308fa';
const TFA_DOC_AT = '02fd5a1763fbee9dd35995e845c70c7d6a10027a';
const HAFNIUM_AT = '013f4d6768f405de76a8880282f4c9d5d5ca9d28';

export const header = (where: string): Source => githubFile(MIRROR, 'include/linux/arm_ffa.h', HEADER_AT, where);
export const driver = (where: string): Source => githubFile(MIRROR, 'drivers/firmware/arm_ffa/driver.c', DRIVER_AT, where);
export const tfaSvc = (where: string): Source => githubFile(TFA, 'include/services/ffa_svc.h', TFA_SVC_AT, where);
export const tfaSpm = (where: string): Source => githubFile(TFA, 'docs/components/secure-partition-manager.rst', TFA_DOC_AT, where);
export const hafnium = (where: string): Source => githubFile('TF-Hafnium/hafnium', 'inc/vmapi/hf/ffa.h', HAFNIUM_AT, where);

export const src = {
  fid: header('FFA_SMC(cc, func_num) = ARM_SMCCC_CALL_VAL(ARM_SMCCC_FAST_CALL, (cc), ARM_SMCCC_OWNER_STANDARD, (func_num)); FFA_SMC_32(n), FFA_SMC_64(n)'),
  tfaFid: tfaSvc('FFA_FID(smc_cc, func_num) = fast | cc | OEN_STD_START << FUNCID_OEN_SHIFT | func_num; FFA_FNUM_MIN_VALUE U(0x60) … FFA_FNUM_MAX_VALUE U(0x8E)'),
  conduit: linux(
    'drivers/firmware/arm_ffa/smccc.c',
    '__arm_ffa_fn_smc: arm_smccc_1_2_smc(&args, res); __arm_ffa_fn_hvc: arm_smccc_1_2_hvc(&args, res) (read in the patch that added the file, not in a tree)',
  ),
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
  pkvmProxy: githubFile(MIRROR, 'arch/arm64/kvm/hyp/nvhe/hyp-main.c', HEADER_AT, 'handle_host_smc: kvm_host_psci_handler(), then kvm_host_ffa_handler(), then default_host_smc_handler() forwards to EL3'),
};
