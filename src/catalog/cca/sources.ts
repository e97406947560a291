import type { Source } from '../../model/source';
import { githubFile } from '../docs';

/**
 * Every document the Arm CCA family cites, pinned to what was read.
 *
 * One RMM specification version is drawn: DEN0137 1.0-rel0, as TF-RMM
 * implements it at its tag rmm-spec-v1.0-rel0 and as Linux's realm guest
 * (mainline, RSI ABI 1.0) and the host series read here (RMM 1.0 EAC5, whose
 * RMI numbers are the same for the calls drawn) use it. The numbering moves
 * in later versions: TF-RMM's main branch has dropped GRANULE_DELEGATE and
 * reuses 0x153 for RTT_DATA_MAP_INIT. We could not read DEN0137 itself.
 */

const LINUX = 'torvalds/linux';
const RSI_SMC_AT = '287d163322b743a50adcad25c851600c004f59e3';
const RSI_CMDS_AT = '67f8bc848ee31831336bd478e57d2f993551902e';
const RSI_C_AT = '165160265e4be3a6639dd4ea5ca0953a858e2156';
/** Steven Price's "arm64: Support for Arm CCA in KVM" series, in Jean-Philippe Brucker's tree (not mainline). */
const HOST = 'jpbrucker/linux';
const RMI_SMC_AT = '9cdebe0d571acb0a2985d70290a79c5c88d6fa38';
const RMI_CMDS_AT = '9d7db8d8636b39d133e4f3bc326f2e2022bf5133';
const RMM = 'TF-RMM/tf-rmm';
/** The tag rmm-spec-v1.0-rel0. */
const RMM_AT = '1870dfee50b4c89272b55c5073aa7ed667edfc1f';
/** TF-RMM's main branch as stored, where the RMI numbers have moved (RMM 2.0 work). */
const RMM_MAIN_AT = '9a7f8ef46378320ad69140a42e51c1ccf5914661';
const TFA = 'ARM-software/arm-trusted-firmware';
const TFA_AT = '6a164dda7208d3f2c0a5c4a1681db5ec37532bf5';

export const rsiSmc = (where: string): Source => githubFile(LINUX, 'arch/arm64/include/asm/rsi_smc.h', RSI_SMC_AT, where);
export const rsiCmds = (where: string): Source => githubFile(LINUX, 'arch/arm64/include/asm/rsi_cmds.h', RSI_CMDS_AT, where);
export const rsiKernel = (where: string): Source => githubFile(LINUX, 'arch/arm64/kernel/rsi.c', RSI_C_AT, where);
export const rmiSmc = (where: string): Source => githubFile(HOST, 'arch/arm64/include/asm/rmi_smc.h', RMI_SMC_AT, where);
export const rmiCmds = (where: string): Source => githubFile(HOST, 'arch/arm64/include/asm/rmi_cmds.h', RMI_CMDS_AT, where);
export const rmm = (path: string, where: string): Source => githubFile(RMM, path, RMM_AT, where);
export const rmmSmcRsi = (where: string): Source => rmm('lib/smc/include/smc-rsi.h', where);
export const rmmSmcRmi = (where: string): Source => rmm('lib/smc/include/smc-rmi.h', where);
export const rmmExit = (where: string): Source => rmm('runtime/core/exit.c', where);
export const rmmMain = (path: string, where: string): Source => githubFile(RMM, path, RMM_MAIN_AT, where);
export const tfa = (path: string, where: string): Source => githubFile(TFA, path, TFA_AT, where);
export const rmmd = (where: string): Source => tfa('services/std_svc/rmmd/rmmd_main.c', where);
export const rmmdSvc = (where: string): Source => tfa('include/services/rmmd_svc.h', where);

export const src = {
  rsiScope: rsiSmc('file comment: "the Realm Services Interface (RSI) … for SMC calls made from within the Realm to the RMM and serviced by the RMM"'),
  rsiFid: rsiSmc('SMC_RSI_FID(n) = ARM_SMCCC_CALL_VAL(ARM_SMCCC_FAST_CALL, ARM_SMCCC_SMC_64, ARM_SMCCC_OWNER_STANDARD, n)'),
  rmmRsiFid: rmm('lib/smc/include/smc.h', 'SMC64_RSI_FID(_offset) = SMC64_STD_FID(RSI, _offset); SMC64_RSI_FNUM_MIN U(0x190), SMC64_RSI_FNUM_MAX U(0x1AF)'),
  rsiStatus: rsiSmc('RSI_SUCCESS UL(0), RSI_ERROR_INPUT UL(1), RSI_ERROR_STATE UL(2), RSI_INCOMPLETE UL(3), RSI_ERROR_UNKNOWN UL(4)'),
  rsiHandler: rmmExit('handle_realm_rsi(): switch (function_id) over SMC_RSI_* (and PSCI, SMCCC_VERSION); default: res.smc_res.x[0] = SMC_UNKNOWN'),
  rsiKeep: rmmExit(
    'handle_realm_rsi(): "According to SMCCCv1.1+ if SMC call doesn\'t return result in register starting from X4, it must preserve its value"; rec->regs[i] = res.smc_res.x[i] for i < SMC_RESULT_REGS (5)',
  ),
  rsiZeroed: rmmExit('handle_realm_rsi(): struct rsi_result res = { 0 }, then rec->regs[0..4] = res.smc_res.x[0..4]'),
  smcUnknown: rmm('lib/smc/include/smc.h', 'SMC_UNKNOWN (unsigned long)(-1)'),
  tsc: rmm('lib/arch/include/arch.h', 'HCR_REALM_FLAGS (HCR_FWB | HCR_E2H | HCR_RW | HCR_TSC | …); HCR_TSC (UL(1) << 19)'),
  tscSet: rmm('runtime/rmi/rec.c', 'rec->common_sysregs.hcr_el2 = HCR_REALM_FLAGS'),
  ecSmc: rmm('lib/arch/include/arch.h', 'ESR_EL2_EC_SMC INPLACE(ESR_EL2_EC, UL(23))'),
  syncExit: rmmExit('handle_exception_sync(): case ESR_EL2_EC_SMC: return handle_realm_rsi(rec, rec_exit); case ESR_EL2_EC_HVC: realm_inject_undef_abort()'),
  advance: rmmExit('advance_pc(): write_elr_el2(read_elr_el2() + 4UL), called by handle_realm_rsi() unless the call ends in a stage 2 abort'),
  vectors: rmm('runtime/core/aarch64/vectors.S', 'el2_vectors: ventry el2_sync_lel (lower EL, synchronous) → b realm_exit'),
  hostCallExit: rmm(
    'runtime/rsi/host_call.c',
    'do_host_call(): rec_exit->imm = host_call->imm; rec_exit->gprs[i] = host_call->gprs[i]; res->action = EXIT_TO_HOST; rec_exit->exit_reason = RMI_EXIT_HOST_CALL',
  ),
  hostCallBack: rmm('runtime/rsi/host_call.c', 'complete_rsi_host_call(): host_call->gprs[i] = rec_enter->gprs[i]; rec->regs[0] = RSI_SUCCESS'),
  rmiScope: rmmSmcRmi('file comment: the Realm Management Interface (RMI) "for SMC calls made from Non-secure state to the RMM"'),
  rmiFid: rmiSmc(
    'SMC_RxI_CALL(func) = ARM_SMCCC_CALL_VAL(ARM_SMCCC_FAST_CALL, ARM_SMCCC_SMC_64, ARM_SMCCC_OWNER_STANDARD, (func)); header: "DEN0137 version 1.0 EAC5"',
  ),
  rmmRmiFid: rmm('lib/smc/include/smc.h', 'SMC64_RMI_FNUM_MIN (U(0x150)), SMC64_RMI_FNUM_MAX (U(0x169)); SMC64_STD_FID(RMI, _offset)'),
  tfaRmiRange: rmmdSvc('RMI_FNUM_MIN_VALUE U(0x150), RMI_FNUM_MAX_VALUE U(0x18F); is_rmi_fid(); RMM_RMI_REQ_COMPLETE SMC64_RMI_FID(U(0x3F)) (0x18F)'),
  rmiStatus: rmmSmcRmi('RMI_SUCCESS U(0), RMI_ERROR_INPUT U(1), RMI_ERROR_REALM U(2), RMI_ERROR_REC U(3), RMI_ERROR_RTT U(4)'),
  rmiArgs: rmm('runtime/core/handler.c', 'handle_ns_smc(function_id, arg0, arg1, …): arg0 is x1 (x0 holds the function ID); res->x[0] = handler->f_…(arg0, …)'),
  rmiUnknown: rmm('runtime/core/handler.c', 'handle_ns_smc(): an ID in the RMI range with no handler: res->x[0] = SMC_UNKNOWN'),
  rmmReturn: rmm(
    'runtime/core/aarch64/entry.S',
    'rmm_handler: "X0 is used as the FID, and X1-X5 contain the values of X0-X4"; ldr x0, =SMC_RMM_REQ_COMPLETE; smc #0; saves x4 ("its value must be preserved unless it contains result")',
  ),
  rmmZeroed: rmm('runtime/core/aarch64/entry.S', 'rmm_handler: "Zero the space for X0-X3 in the smc_result structure"'),
  stdSvc: tfa('services/std_svc/std_svc_setup.c', 'std_svc_smc_handler(): if (is_rmi_fid(smc_fid)) return rmmd_rmi_handler(…)'),
  forward: rmmd(
    'rmmd_rmi_handler(): "Forward an RMI call from the Normal world to the Realm world as it is": rmmd_smc_forward(NON_SECURE, REALM, smc_fid, x1 … x7)',
  ),
  forwardBack: rmmd('rmmd_rmi_handler(): case RMM_RMI_REQ_COMPLETE: rmmd_smc_forward(REALM, NON_SECURE, x1, x2, x3, x4, x5, …)'),
  forwardRegs: rmmd(
    'rmmd_smc_forward(): with RMM_V1_COMPAT "Support upto 8 args in the onward path and 4 args in return path. Register x4 will be preserved by RMM": SMC_RET8 onward, SMC_RET5(ctx, x0 … x4) back; without it SMC_RET8 both ways "for RMM 2.x"',
  ),
  gtsi: rmm(
    'runtime/rmi/granule.c',
    'smc_granule_delegate(): rmm_el3_ifc_gtsi_delegate(addr), a monitor_call(SMC_RMM_GTSI_DELEGATE, …) to EL3 (lib/rmm_el3_ifc); TF-A rmmd_rmm_el3_handler(): case RMM_GTSI_DELEGATE: gpt_transition_pas(x1, &cnt, GPT_GPI_REALM, SMC_FROM_REALM)',
  ),
  compat: tfa('make_helpers/defaults.mk', 'RMM_V1_COMPAT := 0'),
  numbersMove: rmmMain(
    'lib/smc/include/smc-rmi.h',
    'FID: 0xC4000153 SMC_RMI_RTT_DATA_MAP_INIT SMC64_RMI_FID(U(0x3)); no SMC_RMI_GRANULE_DELEGATE; SMC_RMI_VSMMU_CREATE 0xC400016A, SMC_RMI_RMM_CONFIG_SET 0xC400016E',
  ),
  rmmMainRange: rmmMain('lib/smc/include/smc.h', 'SMC64_RMI_FNUM_MAX (U(0x20A))'),
};
