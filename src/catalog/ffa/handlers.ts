import type { HandlerPath, HandlerStep } from '../../model/exception';
import { githubFile } from '../docs';
import { el3Entry, TFA, TFA_AT, tfa } from '../smccc/tfa';
import { src as hostSrc } from '../pkvm-host/sources';
import { pathSrc } from './path';
import { src } from './sources';

/**
 * FF-A's handler paths: over SMC, Trusted Firmware-A's SPM dispatcher at EL3
 * and then the SPMC (Hafnium at S-EL2, the reference SPMC); over HVC, a
 * normal-world hypervisor, of which Hafnium is the public one that handles
 * FF-A from its VMs. Both read at the commits below.
 */

const HAFNIUM = 'TF-Hafnium/hafnium';
const HAFNIUM_AT = '21bfbdc1d3dfb34b8f6849af79a32811944baaf6';

const hafnium = (path: string, where: string) => githubFile(HAFNIUM, path, HAFNIUM_AT, where);

const SPMD = 'services/std_svc/spmd/spmd_main.c';
const HANDLER_C = 'src/arch/aarch64/hypervisor/handler.c';
const EXCEPTIONS_S = 'src/arch/aarch64/hypervisor/exceptions.S';

/** Calls the SPMD answers itself (FFA_ID_GET from the normal world) or settles with the SPMC by a framework message (FFA_VERSION). */
const answeredAtEl3 = ['ffa-id-get', 'ffa-version'];

const ffaHandler: HandlerStep = {
  fn: 'hvc_smc_handler → ffa_handler',
  what: 'switches on the function ID (FFA_VERSION, FFA_ID_GET, FFA_FEATURES, FFA_PARTITION_INFO_GET, FFA_RUN, FFA_MEM_RECLAIM, FFA_MSG_SEND_DIRECT_REQ2 …) and calls the api_ffa_* function for it; the answer is written back to the caller’s registers',
  sources: [
    hafnium(HANDLER_C, 'hvc_smc_handler(): "if (ffa_handler(&args, vcpu, next))" … "arch_regs_set_retval(&vcpu->regs, args)"'),
    hafnium(HANDLER_C, 'ffa_handler(): "switch (func) { case FFA_VERSION_32: *args = api_ffa_version(current, args->arg1)" … "case FFA_PARTITION_INFO_GET_32"'),
  ],
};

export const ffaOverSmc: HandlerPath = {
  who: 'Trusted Firmware-A’s SPMD at EL3, then the SPMC (Hafnium at S-EL2)',
  steps: [
    ...el3Entry,
    {
      fn: 'std_svc_smc_handler → spmd_ffa_smc_handler',
      what: 'the Standard Secure Service’s handler: PSCI IDs go to psci_smc_handler, FF-A IDs (function numbers 0x60–0x97 at this commit, is_ffa_fid) to the SPM dispatcher, in a BL31 built with SPD=spmd',
      sources: [
        tfa('services/std_svc/std_svc_setup.c', 'std_svc_smc_handler(): "#if defined(SPD_spmd) … if (is_ffa_fid(smc_fid)) { return spmd_ffa_smc_handler(…)"'),
        tfa('include/services/ffa_svc.h', 'is_ffa_fid(): GET_SMC_NUM(fid) between FFA_FNUM_MIN_VALUE U(0x60) and FFA_FNUM_MAX_VALUE U(0x97)'),
      ],
    },
    {
      fn: 'spmd_smc_handler',
      what: 'switches on the function ID: FFA_ID_GET from the normal world is answered here (FFA_SUCCESS with the normal world’s ID); FFA_VERSION is settled with the SPMC by a framework message (SPMD_FWK_MSG_FFA_VERSION_REQ); the other calls are forwarded',
      sources: [
        tfa(
          SPMD,
          'spmd_smc_handler(): "switch (smc_fid)" … "case FFA_ID_GET: if (!secure_origin) { SMC_RET8(handle, FFA_SUCCESS_SMC32, FFA_TARGET_INFO_MBZ, FFA_NS_ENDPOINT_ID, …)"',
        ),
        tfa(
          SPMD,
          'spmd_smc_handler(): "case FFA_VERSION:" … "spmd_build_spmc_message(gpregs, SPMD_FWK_MSG_FFA_VERSION_REQ, input_version)" … "rc = spmd_spm_core_sync_entry(ctx)"',
        ),
      ],
    },
    {
      fn: 'spmd_smc_forward → spmd_smc_switch_state',
      what: 'saves the normal world’s EL1/EL2 registers, restores the secure world’s, and enters the SPMC with x0–x7 (x0–x17 for an SMC64 call when both sides speak FF-A 1.2 or later); with the SPMC itself at EL3, spmc_smc_handler takes the call instead',
      notFor: answeredAtEl3,
      sources: [
        tfa(SPMD, 'spmd_smc_forward(): "if (is_spmc_at_el3() && !secure_origin) return spmc_smc_handler(…)"; "return spmd_smc_switch_state(…)"'),
        tfa(
          SPMD,
          'spmd_smc_switch_state(): "cm_el2_sysregs_context_save(secure_state_in)" … "cm_set_next_eret_context(secure_state_out)" … SMC_RET18 / SMC_RET8(ctx_out, smc_fid, x1, …)',
        ),
      ],
    },
    {
      fn: 'Hafnium: other_world_loop → smc_handler_from_nwd',
      what: 'the SPMC last left the secure world with its own smc #0; that smc returns carrying the normal world’s call in x0–x17, which Hafnium saves to the “other world” vCPU and hands to smc_handler_from_nwd',
      notFor: answeredAtEl3,
      sources: [
        hafnium(
          EXCEPTIONS_S,
          'other_world_loop: "smc #0" … "The call to EL3 returned, First eight GP registers contain an FF-A call from the physical FF-A instance" … handle_smc_from_nwd: "bl smc_handler_from_nwd"',
        ),
        hafnium(HANDLER_C, 'smc_handler_from_nwd(): "Processes SMC calls originating from the NWd" … "if (hvc_smc_handler(args, vcpu, &next)) return next"'),
      ],
    },
    { ...ffaHandler, notFor: answeredAtEl3 },
    {
      fn: 'api_ffa_msg_send_direct_req → vcpu_switch, then api_ffa_msg_send_direct_resp',
      what: 'a direct request goes on to the partition at S-EL1: Hafnium writes it into the waiting partition’s vCPU (x0–x7; x0–x17 for REQ2) and erets into it; the partition answers with FFA_MSG_SEND_DIRECT_RESP (RESP2) by hvc #0, and Hafnium hands that answer to the normal world’s vCPU',
      onlyFor: ['ffa-msg-send-direct-req'],
      sources: [pathSrc.directReq, pathSrc.setRetval, pathSrc.switchVcpu, pathSrc.spCall, pathSrc.directResp],
    },
    {
      fn: 'back through the SPMD',
      what: 'Hafnium answers with its next smc #0 from other_world_loop; the SPMD forwards that reply to the normal world the same way (spmd_smc_forward), and the caller’s smc returns with it',
      notFor: answeredAtEl3,
      sources: [
        hafnium(
          EXCEPTIONS_S,
          'handle_smc_from_nwd: "If the smc handler returns null … GP registers contain a fresh FF-A response or call directed to the normal world. Hence loop back and emit SMC again."',
        ),
        tfa(SPMD, 'spmd_smc_handler(): "case FFA_SUCCESS_SMC32:" … "forward_to_other_world: … return spmd_smc_forward(…)"'),
      ],
    },
  ],
  notes: [
    {
      text:
        'One build of each: BL31 with SPD=spmd and the SPMC at S-EL2 (Hafnium), as TF-A’s SPM documentation describes it. TF-A can also place the SPMC at S-EL1 or in EL3 itself; then the steps after the SPMD differ. ' +
        'The caller’s hypervisor, if there is one, may see the smc first (HCR_EL2.TSC), as pKVM’s FF-A proxy does: the conventions “under pKVM” draw that hop.',
      sources: [
        githubFile(TFA, 'docs/components/secure-partition-manager.rst', TFA_AT, '"The SPMC exception level is a build time choice"'),
        tfa(SPMD, 'spmd_smc_forward(): is_spmc_at_el3()'),
      ],
    },
  ],
};

export const ffaOverHvc: HandlerPath = {
  who: 'Hafnium as the normal-world hypervisor, one that implements FF-A for its VMs',
  steps: [
    {
      fn: 'vector_table_el2 → sync_lower_64 → sync_lower_exception',
      what: 'the EL2 vector for a synchronous exception from a lower EL in AArch64 saves the vCPU and calls the C handler with ESR_EL2',
      sources: [hafnium(EXCEPTIONS_S, 'vector_table_el2: ".balign 0x80 sync_lower_64: lower_sync_exception"; lower_sync_exception: "bl sync_lower_exception"')],
    },
    {
      fn: 'sync_lower_exception → hvc_handler',
      what: 'switches on the syndrome’s EC: EC_HVC goes to hvc_handler, which masks the SVE hint bit and passes the call on',
      sources: [
        hafnium(
          HANDLER_C,
          'sync_lower_exception(): "case EC_HVC:" … "return hvc_handler(vcpu)"; hvc_handler(): "args.func &= ~SMCCC_SVE_HINT_MASK; if (hvc_smc_handler(args, vcpu, &next))"',
        ),
      ],
    },
    ffaHandler,
  ],
  notes: [
    {
      text: 'Hafnium is built either as the SPMC (SECURE_WORLD == 1) or as a normal-world hypervisor; this is the latter, whose VMs call FF-A with hvc. How it then involves the secure world for a given call (through the SPMD, the path drawn for the SMC conventions) is not drawn here.',
      sources: [hafnium(HANDLER_C, 'hvc_smc_handler(): "#if SECURE_WORLD == 0 if (psci_handler(…))"; "#if SECURE_WORLD == 1"')],
    },
  ],
};

/** pKVM at EL2, where a host's smc traps first under protected mode, and its FF-A proxy's three answers. */
const pkvmProxy = (what: string, sources: HandlerStep['sources']): HandlerStep => ({
  fn: 'pKVM: handle_trap → handle_host_smc → kvm_host_ffa_handler',
  what: `the host’s smc traps to EL2 (protected mode sets HCR_EL2.TSC); handle_host_smc offers it to the FF-A proxy, which ${what}`,
  sources,
});

/** A call pKVM's proxy passes on: its own smc to EL3 with the host's x0–x17, then the firmware's path. */
export const ffaThroughPkvm: HandlerPath = {
  who: 'pKVM’s FF-A proxy at EL2, then Trusted Firmware-A’s SPMD at EL3 and the SPMC (Hafnium at S-EL2)',
  steps: [
    pkvmProxy(
      'lets this call through: __kvm_hyp_host_forward_smc loads x0–x17 from the host’s saved registers, makes its own smc #0 to EL3 and stores x0–x17 of the answer back',
      [hostSrc.trapsSmc, hostSrc.skipSmc, src.pkvmProxy, src.pkvmHandler, src.pkvmForward],
    ),
    ...ffaOverSmc.steps,
  ],
  notes: ffaOverSmc.notes,
};

/** A call pKVM's proxy answers or refuses at EL2: nothing reaches EL3 on its behalf in what is drawn. */
export const ffaAnsweredByPkvm = (refused: boolean): HandlerPath => ({
  who: 'pKVM’s FF-A proxy at EL2',
  steps: [
    refused
      ? pkvmProxy('finds it in ffa_call_supported()’s list and answers FFA_ERROR with NOT_SUPPORTED in w2 itself (ffa_set_retval)', [
          hostSrc.trapsSmc,
          src.pkvmHandler,
          src.pkvmUnsupported,
          src.pkvmError,
        ])
      : pkvmProxy('handles it itself, making its own call to EL3 where it needs one, and answers in x0–x3 (ffa_set_retval)', [
          hostSrc.trapsSmc,
          src.pkvmHandler,
          src.pkvmRetval,
        ]),
  ],
});
