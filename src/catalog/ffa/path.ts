import type { Note, Source } from '../../model/source';
import type { Hop, Path, Place, RegisterView } from '../../model/path';
import { githubFile } from '../docs';
import { hostS, hypMain } from '../pkvm-host/sources';
import { pkvmFfa, src } from './sources';

/**
 * How an FF-A direct request crosses the levels when it goes over smc to a
 * secure partition: the normal-world kernel's smc traps to EL3, where TF-A's
 * SPM Dispatcher (SPMD) copies the registers into the secure world's context
 * and erets into the SPMC at S-EL2 (Hafnium); the answer comes back by the
 * SPMC's own smc and the SPMD's eret into the normal world. Read in TF-A and
 * Hafnium at the commits below.
 */

const TFA = 'ARM-software/arm-trusted-firmware';
const TFA_AT = '6a164dda7208d3f2c0a5c4a1681db5ec37532bf5';
const HAFNIUM = 'TF-Hafnium/hafnium';
const HAFNIUM_AT = '21bfbdc1d3dfb34b8f6849af79a32811944baaf6';

const tfa = (path: string, where: string): Source => githubFile(TFA, path, TFA_AT, where);
const spmd = (where: string): Source => tfa('services/std_svc/spmd/spmd_main.c', where);
const hafnium = (path: string, where: string): Source => githubFile(HAFNIUM, path, HAFNIUM_AT, where);

export const pathSrc = {
  save: tfa(
    'lib/el3_runtime/aarch64/context.S',
    'save_el3_runtime_regs (from prepare_el3_entry): stp x0, x1 … x28, x29 into the caller’s context: "always save and restore these registers on entry and exit of EL3"',
  ),
  esrEl3: tfa(
    'common/runtime_svc.c',
    'handler_sync_exception: exc_class = EXTRACT(ESR_EC, esr_el3); if (exc_class == EC_AARCH64_SMC) sync_handler(ctx, smc_fid, scr_el3)',
  ),
  ecSmc: tfa('include/arch/aarch64/arch.h', 'EC_AARCH64_SMC U(0x17)'),
  stdSvc: tfa('services/std_svc/std_svc_setup.c', 'std_svc_smc_handler: if (is_ffa_fid(smc_fid)) return spmd_ffa_smc_handler(…)'),
  handler: spmd('spmd_smc_handler: case FFA_MSG_SEND_DIRECT_REQ_SMC32/_SMC64 (and REQ2_SMC64): checks the endpoint IDs in x1, then spmd_smc_forward()'),
  resp: spmd('spmd_smc_handler: case FFA_MSG_SEND_DIRECT_RESP_SMC32/_SMC64 (and RESP2_SMC64) from the secure world: spmd_smc_forward() to the normal world'),
  req2Version: spmd(
    'spmd_smc_handler: case FFA_MSG_SEND_DIRECT_REQ2_SMC64: if (get_common_ffa_version(secure_ffa_version) < MAKE_FFA_VERSION(U(1), U(2))) return spmd_ffa_error_return(handle, FFA_ERROR_NOT_SUPPORTED)',
  ),
  forward: spmd('spmd_smc_forward: if (is_spmc_at_el3() && !secure_origin) spmc_smc_handler(…); else spmd_smc_switch_state(…)'),
  copy64: spmd(
    'spmd_smc_switch_state: SMC_64 and version_out >= 1.2: SMC_RET18(ctx_out, smc_fid, x1 … x17) (x8–x17 zero if version_in < 1.2); otherwise SMC_RET8(ctx_out, smc_fid, x1 … x7)',
  ),
  copy32: spmd('spmd_smc_switch_state: "32 bit call or dest has FFA version < 1.2 or unknown": SMC_RET8(ctx_out, smc_fid, x1, x2, x3, x4, x5, x6, x7)'),
  eret: spmd('spmd_smc_switch_state: cm_el2_sysregs_context_restore(secure_state_out); cm_set_next_eret_context(secure_state_out)'),
  sveHint: spmd('spmd_smc_switch_state: if SPMD_SPM_AT_SEL2 and the caller set the SVE hint, smc_fid |= FUNCID_SVE_HINT_MASK << FUNCID_SVE_HINT_SHIFT'),
  loop: hafnium(
    'src/arch/aarch64/hypervisor/exceptions.S',
    'other_world_loop: ldp x0 … x17 from the other world vCPU; smc #0; "The call to EL3 returned …": stp x0 … x17 to the other world vCPU; bl smc_handler_from_nwd',
  ),
  fromNwd: hafnium('src/arch/aarch64/hypervisor/handler.c', 'smc_handler_from_nwd: args.func &= ~SMCCC_SVE_HINT_MASK; hvc_smc_handler(args, vcpu, &next)'),
  dispatch: hafnium(
    'src/arch/aarch64/hypervisor/handler.c',
    'ffa_handler: case FFA_MSG_SEND_DIRECT_REQ_64/_32, FFA_MSG_SEND_DIRECT_REQ2_64: api_ffa_msg_send_direct_req(*args, current, next)',
  ),
  directReq: hafnium(
    'src/api.c',
    'api_ffa_msg_send_direct_req: receiver_vcpu = api_ffa_get_vm_vcpu(receiver_vm, current); the receiver must be in VCPU_STATE_WAITING ("after either having called ffa_msg_wait or sent a direct message response"); vcpu_dir_req_set_state(…, api_ffa_dir_msg_value(args)); "Switch to receiver vCPU targeted to by direct msg request": *next = receiver_vcpu',
  ),
  dirValue: hafnium(
    'src/api.c',
    'api_ffa_dir_msg_value: REQ_32/RESP_32: api_ffa_value_copy32 (func, arg1 … arg7 cut to 32 bits), arg2 = 0; REQ_64/RESP_64: arg2 = 0; REQ2_64: args.extended_val.valid = true; RESP2_64: arg2 = 0, arg3 = 0',
  ),
  setRetval: hafnium(
    'src/arch/aarch64/hypervisor/cpu.c',
    'arch_regs_set_retval: r->r[0] = v.func; r->r[1] = v.arg1 … r->r[7] = v.arg7; if (v.extended_val.valid) r->r[8] = v.extended_val.arg8 … r->r[17] = v.extended_val.arg17',
  ),
  setState: hafnium('src/vcpu.c', 'vcpu_dir_req_set_state: vcpu_state_set(target_locked, VCPU_STATE_RUNNING); direct_request_origin.vm_id = sender_vm_id; arch_regs_set_retval(&target_vcpu->regs, args)'),
  switchVcpu: hafnium(
    'src/arch/aarch64/hypervisor/exceptions.S',
    'vcpu_switch: saves the current vCPU and falls through to vcpu_restore_all_and_run: not HF_OTHER_WORLD_ID, so "Update pointer to the next vCPU being resumed"; vcpu_restore_nonvolatile_and_run: ldp x19 … x28; vcpu_restore_volatile_and_run: ldp x4 … x18, x29, x30, msr elr_el2, spsr_el2, hcr_el2, then x0 … x3; eret_with_sb',
  ),
  spCall: hafnium(
    'vmlib/aarch64/hvc_call.c',
    'ffa_call_ext: x0 = args.func … x17 = extended_val.arg17; "hvc #0"; all eighteen read back. Source set "call" (vmlib/aarch64/BUILD.gn), which Hafnium’s own test partitions link (test/vmapi/ffa_secure_partitions/services/arch/aarch64/secure/BUILD.gn: deps //vmlib/${plat_arch}:call)',
  ),
  lowerSync: hafnium(
    'src/arch/aarch64/hypervisor/exceptions.S',
    'lower_sync_exception: save_volatile_to_vcpu; mrs x0, esr_el2; bl sync_lower_exception; "Switch vCPU if requested by handler": cbnz x0, vcpu_switch',
  ),
  hvcHandler: hafnium(
    'src/arch/aarch64/hypervisor/handler.c',
    'sync_lower_exception: case EC_HVC: hvc_handler(vcpu) (an EL0 partition’s hvc aborts it); hvc_handler: args = arch_regs_get_args(&vcpu->regs); hvc_smc_handler → ffa_handler',
  ),
  getArgs: hafnium(
    'src/arch/aarch64/hypervisor/cpu.c',
    'arch_regs_get_args: r[0] … r[7]; r[0] … r[17] (arch_regs_get_args_ext) when func_id is FFA_MSG_SEND_DIRECT_REQ2_64, FFA_MSG_SEND_DIRECT_RESP2_64 or FFA_CONSOLE_LOG_64',
  ),
  directResp: hafnium(
    'src/api.c',
    'api_ffa_msg_send_direct_resp: to_ret = api_ffa_dir_msg_value(args); checks the response against the request being handled (RESP2 only after REQ2); api_ffa_resume_direct_resp_target: receiver not in this world → api_switch_to_other_world(current_locked, to_ret, …) → api_switch_to_vm: arch_regs_set_retval(&next->regs, to_ret)',
  ),
  trapSmc: hafnium('src/arch/aarch64/sysregs.c', 'get_hcr_el2_value: "Trap SMC instructions." hcr_el2_value |= HCR_EL2_TSC'),
  smcFromSp: hafnium(
    'src/arch/aarch64/hypervisor/handler.c',
    'sync_lower_exception: case EC_SMC: next = smc_handler(vcpu); "Skip the SMC instruction." vcpu->regs.pc = smc_pc + GET_NEXT_PC_INC(esr); smc_handler → hvc_smc_handler, the same as hvc_handler',
  ),
  svc: hafnium('src/arch/aarch64/hypervisor/handler.c', 'sync_lower_exception: case EC_SVC: CHECK(is_el0_partition); return svc_handler(vcpu); vcpu_update_virtual_interrupts: nothing for an el0_partition'),
  svcCall: hafnium('vmlib/aarch64/BUILD.gn', 'source_set("svc_call") { sources = [ "svc_call.c" ] }, beside "call" (hvc_call.c) and "smc_call"'),
};

export const pkvmSrc = {
  trap: hypMain(
    'handle_trap: case ESR_ELx_EC_SMC64: handle_host_smc(host_ctxt); handle_host_smc: kvm_host_psci_handler, then kvm_host_ffa_handler, then default_host_smc_handler',
  ),
  proxy: pkvmFfa(
    'kvm_host_ffa_handler: calls it does not handle itself and ffa_call_supported() allows "return false; /* Pass through */"; ffa_call_supported does not list FFA_MSG_SEND_DIRECT_REQ',
  ),
  version: pkvmFfa('hyp_ffa_init: arm_smccc_1_1_smc(FFA_VERSION, FFA_VERSION_1_1, …); hyp_ffa_version at most FFA_VERSION_1_1'),
  forward: hostS('__kvm_hyp_host_forward_smc: ldp x0 … x17 from the host context; smc #0; stp x0 … x17 back ("Assumes SMCCC 1.2 or older")'),
};

const pkvmNote: Note = {
  kind: 'info',
  text:
    'Under pKVM the kernel’s smc stops at EL2 first (drawn under the conventions “Arm FF-A · SMC64/SMC32 under pKVM”): pKVM traps it (handle_trap → handle_host_smc), its FF-A proxy kvm_host_ffa_handler lets a direct request pass unchanged, ' +
    'and __kvm_hyp_host_forward_smc makes the smc to EL3 with x0–x17 from the kernel’s saved registers and copies x0–x17 of the answer back. ' +
    'pKVM asks the firmware for FF-A v1.1 at most (hyp_ffa_init). If the SPMD records that version for the normal world, FFA_MSG_SEND_DIRECT_REQ over SMC64 reaches the SPMC in x0–x7 (x8–x17 zero), ' +
    'and REQ2, a v1.2 call, meets the SPMD’s check of the common version (below v1.2 it answers NOT_SUPPORTED).',
  sources: [pkvmSrc.trap, pkvmSrc.proxy, pkvmSrc.forward, pkvmSrc.version, pathSrc.copy64, pathSrc.req2Version],
};

const kernel: Place = { level: 'NS-EL1', world: 'non-secure', who: 'the normal-world kernel' };
const listed = (n: number): RegisterView => ({ kind: 'listed', registers: Array.from({ length: n + 1 }, (_, i) => `x${i}`) });

const versionNote: Note = {
  kind: 'info',
  text:
    'What the SPMD copies depends on the FF-A versions the two worlds negotiated: an SMC64 call goes on in x0–x17 when the receiving side speaks v1.2 or later ' +
    '(with x8–x17 set to zero if the sending side speaks an older version), and in x0–x7 otherwise. The picture assumes both speak v1.2.',
  sources: [pathSrc.copy64],
};

const spmcLevelNote: Note = {
  kind: 'info',
  text:
    'Where the SPMC runs is a build choice: S-EL2 (Hafnium, drawn here), S-EL1, or EL3 itself, in which case spmd_smc_forward hands the call to the EL3 SPMC (spmc_smc_handler) without leaving EL3. ' +
    'EL3 belongs to the Secure state here; on a system with RME it is the Root world.',
  sources: [src.spmcLevel, pathSrc.forward],
};

const partitionLevelNote: Note = {
  kind: 'info',
  text:
    'Drawn: a partition at S-EL1 under Hafnium at S-EL2, making its calls with hvc #0 as Hafnium’s own partition library does. A partition may use smc instead: Hafnium sets HCR_EL2.TSC for every partition, so that smc traps to S-EL2 too (ESR_EL2 EC 0x17), reaches the same handler, and Hafnium steps past it. ' +
    'Other cases differ and are not drawn: a partition at S-EL0 enters Hafnium with svc (sync_lower_exception’s EC_SVC case; its hvc would abort it) and gets no virtual interrupts; with TF-A’s SPMC at EL3 the SPMD hands the request to spmc_smc_handler without leaving EL3, and there is no S-EL2.',
  sources: [pathSrc.spCall, pathSrc.trapSmc, pathSrc.smcFromSp, pathSrc.svc, pathSrc.svcCall, pathSrc.forward, src.spmcLevel],
};

/** Which direct request: the SMC32 and SMC64 forms of FFA_MSG_SEND_DIRECT_REQ, or v1.2's REQ2. */
export type DirectRequest = 'req32' | 'req64' | 'req2';

/**
 * The direct-request path to a partition at S-EL1 and back. The SPMD copies
 * x0–x7 for SMC32 and x0–x17 for SMC64; Hafnium writes the partition only
 * x0–x7 of REQ and RESP (cut to 32 bits for the SMC32 forms) and x0–x17 of
 * REQ2 and RESP2 (api_ffa_dir_msg_value, arch_regs_set_retval).
 */
export function spmdPath(request: DirectRequest, caller: Place = kernel): Path {
  const width = request === 'req32' ? 32 : 64;
  const view = width === 64 ? listed(17) : listed(7);
  const toPartition = request === 'req2' ? listed(17) : listed(7);
  const partitionRegs = request === 'req2' ? 'x0–x17' : 'x0–x7';
  const resp = request === 'req2' ? 'FFA_MSG_SEND_DIRECT_RESP2' : 'FFA_MSG_SEND_DIRECT_RESP';
  const copy = width === 64 ? pathSrc.copy64 : pathSrc.copy32;
  const copied = `spmd_smc_switch_state copies ${width === 64 ? 'x0–x17' : 'x0–x7'} into the other world’s saved context`;
  const smcAtEl3 = {
    register: 'ESR_EL3',
    className: 'EC 0x17 SMC64, EC_AARCH64_SMC in TF-A: SMC from AArch64; ISS holds the immediate',
    sources: [pathSrc.ecSmc, pathSrc.esrEl3],
  };
  const el3Out: Hop = {
    level: 'EL3',
    world: 'secure',
    who: 'TF-A’s SPMD',
    enter: { how: 'trap', instruction: 'a64-smc', imm: 0 },
    syndromeAt: smcAtEl3,
    sees: 'TF-A saves the normal world’s registers, sees an SMC in ESR_EL3’s EC and hands the FF-A function ID in x0 to the SPMD (spmd_smc_handler), which checks the sender and receiver IDs in w1 and forwards the request to the secure world.',
    passes: view,
    passesHow: copied,
    sources: [pathSrc.save, pathSrc.esrEl3, pathSrc.stdSvc, pathSrc.handler, pathSrc.forward, copy, src.spmd],
    notes: width === 64 ? [versionNote] : [],
  };
  const spmcOut: Hop = {
    level: 'S-EL2',
    world: 'secure',
    who: 'Hafnium (the SPMC)',
    enter: { how: 'forward', what: 'eret into the secure world’s saved context' },
    sees:
      'No syndrome: for Hafnium this is the return from its own smc #0 in other_world_loop. It stores x0–x17 in the normal world’s vCPU and calls smc_handler_from_nwd, which clears the SVE hint bit and dispatches the request to api_ffa_msg_send_direct_req: ' +
      'it finds the receiver’s vCPU for this CPU, which must be waiting, writes the request into it and switches to it.',
    passes: toPartition,
    passesHow: `arch_regs_set_retval writes ${partitionRegs} of the request into the partition’s vCPU${request === 'req32' ? ' (cut to 32 bits)' : ''}; vcpu_switch restores that vCPU and erets`,
    sources: [pathSrc.eret, pathSrc.loop, pathSrc.fromNwd, pathSrc.dispatch, pathSrc.sveHint, pathSrc.directReq, pathSrc.dirValue, pathSrc.setState, pathSrc.setRetval],
    notes: [spmcLevelNote],
  };
  const partition: Hop = {
    level: 'S-EL1',
    world: 'secure',
    who: 'the secure partition',
    enter: { how: 'forward', what: 'eret into the partition’s vCPU (vcpu_switch, vcpu_restore_all_and_run)' },
    sees: `No syndrome: the partition resumes after the call with which it last waited (FFA_MSG_WAIT, or its previous direct response) and finds the request there, in ${partitionRegs}. Its other registers are its own, as Hafnium saved them.`,
    passes: { kind: 'all' },
    passesHow: `it answers with ${resp} by hvc #0, which traps to S-EL2; Hafnium saves the partition’s registers in its vCPU`,
    sources: [pathSrc.switchVcpu, pathSrc.directReq, pathSrc.setRetval, pathSrc.spCall],
    notes: [partitionLevelNote],
  };
  const spmcBack: Hop = {
    level: 'S-EL2',
    world: 'secure',
    who: 'Hafnium (the SPMC)',
    enter: { how: 'trap', instruction: 'a64-hvc', imm: 0 },
    sees:
      `Hafnium reads ESR_EL2: an HVC64 from the partition (sync_lower_exception → hvc_handler). It takes ${partitionRegs} of the ${resp} (arch_regs_get_args), checks it answers the request it delivered, ` +
      `and writes ${partitionRegs} of it into the normal world’s vCPU (api_switch_to_other_world); that vCPU’s other registers up to x17 keep what arrived in them with the request.`,
    passes: listed(17),
    passesHow: 'other_world_loop loads x0–x17 from the normal world’s vCPU and executes smc #0',
    sources: [pathSrc.lowerSync, pathSrc.hvcHandler, pathSrc.getArgs, pathSrc.directResp, pathSrc.dirValue, pathSrc.setRetval, pathSrc.loop],
  };
  const el3Back: Hop = {
    level: 'EL3',
    world: 'secure',
    who: 'TF-A’s SPMD',
    enter: { how: 'trap', instruction: 'a64-smc', imm: 0 },
    syndromeAt: smcAtEl3,
    sees: `The SPMD sees ${resp} from the secure world, not addressed to itself, and forwards it to the normal world.`,
    passes: view,
    passesHow: copied,
    sources: [pathSrc.esrEl3, pathSrc.resp, pathSrc.forward, copy],
  };
  const home: Hop = {
    ...caller,
    enter: { how: 'forward', what: 'eret into the normal world’s saved context' },
    sees: `Registers the SPMD did not write${width === 64 ? ' (x18 on)' : ' (x8 on)'} keep what they held when ${caller.who} made the smc: they were saved on entry to EL3 and are restored with the normal world’s context.`,
    sources: [pathSrc.eret, pathSrc.save, copy],
  };
  return {
    instruction: 'a64-smc',
    from: caller,
    out: [el3Out, spmcOut, partition],
    back: [spmcBack, el3Back, home],
    sources: [src.spmd, src.spmcLevel],
    notes: [pkvmNote],
  };
}
