import type { Hop, Path, Place, RegisterView } from '../../model/path';
import type { Note } from '../../model/source';
import { rmm, src } from './sources';

/**
 * The levels CCA's calls cross, as TF-RMM (tag rmm-spec-v1.0-rel0) and TF-A's
 * RMM Dispatcher move them: a realm's RSI call stays in the Realm world
 * (R-EL1 to R-EL2 and back); RSI_HOST_CALL leaves it for the host and comes
 * back through a second RMI_REC_ENTER; the host's RMI call goes through EL3
 * (the Root world) to the RMM and back.
 */

const realm: Place = { level: 'R-EL1', world: 'realm', who: 'the realm’s kernel' };
const theRmm: Place = { level: 'R-EL2', world: 'realm', who: 'the RMM (TF-RMM)' };
const monitor: Place = { level: 'EL3', world: 'root', who: 'TF-A’s RMM Dispatcher' };
const host: Place = { level: 'NS-EL2', world: 'non-secure', who: 'the host hypervisor (KVM)' };

const x = (from: number, to: number): RegisterView => ({ kind: 'listed', registers: Array.from({ length: to - from + 1 }, (_, i) => `x${from + i}`) });
const all: RegisterView = { kind: 'all' };

const smcAtEl3 = {
  register: 'ESR_EL3',
  className: 'EC 0x17 SMC64: SMC from AArch64, taken to EL3; ISS holds the immediate',
  sources: [src.stdSvc],
};

const runRealm = rmm(
  'runtime/core/run.c',
  'rec_run_loop(): run_realm(&rec->regs[0]) enters the realm with x0–x30 from the REC and saves them again when it exits',
);
const completeHostCall = rmm(
  'runtime/rmi/run.c',
  'smc_rec_enter() → complete_host_call(): if (rec->host_call) complete_rsi_host_call(rec, &rec_run->enter); rec->host_call = false',
);
const rmmLoop = rmm('runtime/core/aarch64/entry.S', 'rmm_handler: bl handle_ns_smc … smc #0 (RMM_RMI_REQ_COMPLETE), then "Continue the rmm handling loop"');

/** A realm's RSI call: handled by the RMM, which goes back into the realm. */
const rmmHandles: Hop = {
  ...theRmm,
  enter: { how: 'trap', instruction: 'a64-smc-realm', imm: 0 },
  sees: 'ESR_EL2 with EC 0x17: the realm’s smc, trapped by HCR_EL2.TSC. realm_exit saves the realm’s registers into the REC; handle_exception_sync passes the call to handle_realm_rsi, which reads the function ID in x0.',
  passes: all,
  passesHow:
    'handle_realm_rsi writes the results into the REC’s saved x0–x4 (x5–x8 directly for a measurement), steps ELR_EL2 past the smc, and run_realm enters the realm again with x0–x30 from the REC',
  sources: [src.syncExit, src.rsiHandler, src.rsiKeep, src.advance, runRealm],
};

const backInRealm: Hop = {
  ...realm,
  enter: { how: 'forward', what: 'an eret into the realm, past its smc' },
  sees: 'The results in x0 onwards; every register the RMM did not write holds what it held before the call.',
  sources: [runRealm, src.advance],
};

const rsiNote: Note = {
  kind: 'info',
  text: 'Neither EL3 nor the host hypervisor takes part: the RMM answers the call and enters the realm again in the same trip through rec_run_loop. The host sees nothing of it.',
  sources: [runRealm, src.syncExit],
};

export const rsiPath: Path = {
  instruction: 'a64-smc-realm',
  from: realm,
  out: [rmmHandles],
  back: [backInRealm],
  sources: [src.rsiScope, src.tsc, src.syncExit],
  notes: [rsiNote],
};

/** RSI_HOST_CALL: the RMM ends the host's RMI_REC_ENTER, and the host's next RMI_REC_ENTER brings the answer back. */
export const hostCallPath: Path = {
  instruction: 'a64-smc-realm',
  from: realm,
  out: [
    {
      ...theRmm,
      enter: { how: 'trap', instruction: 'a64-smc-realm', imm: 0 },
      sees: 'ESR_EL2 with EC 0x17; handle_realm_rsi finds RSI_HOST_CALL and handle_rsi_host_call reads the IPA of the host call structure in x1.',
      passes: { kind: 'listed', registers: [] },
      passesHow:
        'none of the realm’s registers: do_host_call copies the structure’s imm and gprs[0..30] into rec_exit, which the host shares, and the RMM ends the host’s RMI_REC_ENTER with exit_reason RMI_EXIT_HOST_CALL by its own smc RMM_RMI_REQ_COMPLETE',
      sources: [src.hostCallExit, src.rsiHandler, rmmLoop],
    },
    {
      ...monitor,
      enter: { how: 'trap', instruction: 'a64-smc-el2', imm: 0 },
      syndromeAt: smcAtEl3,
      sees: 'RMM_RMI_REQ_COMPLETE (0xC400018F) from the Realm world: the RMM’s answer to the host’s RMI_REC_ENTER.',
      passes: x(0, 4),
      passesHow: 'rmmd_smc_forward(REALM, NON_SECURE, x1 … x5): the RMM’s x1–x5 become the host’s x0–x4, and EL3 erets into the host',
      sources: [src.forwardBack, src.forwardRegs, src.tfaRmiRange],
    },
    {
      ...host,
      enter: { how: 'forward', what: 'an eret into the host, returning from its RMI_REC_ENTER' },
      sees: 'RMI_REC_ENTER returns RMI_SUCCESS in x0; rec_run.exit says why: exit_reason RMI_EXIT_HOST_CALL (5), the immediate in imm and the realm’s arguments in gprs[]. The host handles the call and writes its answer into rec_run.enter.gprs[].',
      reads: 'rec_run.exit (exit_reason RMI_EXIT_HOST_CALL, imm, gprs[0..30]), not x0 (which holds RMI_REC_ENTER’s status),',
      passes: all,
      passesHow: 'the host calls RMI_REC_ENTER again with the same REC and rec_run',
      sources: [src.hostCallExit, src.forwardRegs],
    },
  ],
  back: [
    {
      ...monitor,
      enter: { how: 'trap', instruction: 'a64-smc-el2', imm: 0 },
      syndromeAt: smcAtEl3,
      sees: 'RMI_REC_ENTER (0xC400015C) from the Non-secure world, in the RMI range: the RMMD forwards it.',
      passes: x(0, 7),
      passesHow: 'rmmd_smc_forward(NON_SECURE, REALM, …) copies x0–x7 into the RMM’s context and erets into R-EL2',
      sources: [src.stdSvc, src.forward, src.forwardRegs],
    },
    {
      ...theRmm,
      enter: { how: 'forward', what: 'an eret into the RMM, the return from its own smc' },
      sees: 'RMI_REC_ENTER with a host call pending: complete_rsi_host_call copies rec_run.enter.gprs[] into the realm’s host call structure and sets the realm’s x0 to RSI_SUCCESS.',
      passes: all,
      passesHow: 'run_realm enters the realm with x0–x30 from the REC, past its smc',
      sources: [completeHostCall, src.hostCallBack, runRealm],
    },
    {
      ...realm,
      enter: { how: 'forward', what: 'an eret into the realm, past its smc' },
      sees: 'x0 = RSI_SUCCESS; the host’s answer is in the host call structure in the realm’s memory, not in registers.',
      sources: [src.hostCallBack, runRealm],
    },
  ],
  sources: [src.hostCallExit, src.hostCallBack, src.forward, src.forwardBack],
  notes: [
    {
      kind: 'info',
      text: 'The host sees only what the realm put in the host call structure; the realm’s own registers stay in the REC, in the Realm world, for the whole trip.',
      sources: [src.hostCallExit],
    },
  ],
};

/** The host's RMI call: through EL3 to the RMM and back. */
export const rmiPath: Path = {
  instruction: 'a64-smc-el2',
  from: host,
  out: [
    {
      ...monitor,
      enter: { how: 'trap', instruction: 'a64-smc-el2', imm: 0 },
      syndromeAt: smcAtEl3,
      sees: 'ESR_EL3 with EC 0x17; std_svc_smc_handler finds the function ID in the RMI range and calls rmmd_rmi_handler, which sees it came from the Non-secure world.',
      passes: x(0, 7),
      passesHow:
        'rmmd_smc_forward(NON_SECURE, REALM, smc_fid, x1 … x7) saves the host’s EL2 state, restores the RMM’s, copies x0–x7 into its context and erets',
      sources: [src.stdSvc, src.forward, src.forwardRegs],
    },
    {
      ...theRmm,
      enter: { how: 'forward', what: 'an eret into the RMM, the return from its own smc' },
      sees: 'No syndrome: rmm_handler resumes after its last smc with the host’s x0–x7; handle_ns_smc looks the ID up in smc_handlers[] and runs the command with x1 onwards as arg0 onwards.',
      passes: x(0, 5),
      passesHow: 'rmm_handler puts RMM_RMI_REQ_COMPLETE in x0 and the results x0–x4 in x1–x5, then smc #0',
      sources: [src.rmiArgs, src.rmmReturn, rmmLoop],
    },
  ],
  back: [
    {
      ...monitor,
      enter: { how: 'trap', instruction: 'a64-smc-el2', imm: 0 },
      syndromeAt: smcAtEl3,
      sees: 'RMM_RMI_REQ_COMPLETE (0xC400018F) from the Realm world.',
      passes: x(0, 4),
      passesHow:
        'rmmd_smc_forward(REALM, NON_SECURE, x1 … x5): the RMM’s x1–x5 become the host’s x0–x4; the host’s other registers come back from its saved context',
      sources: [src.forwardBack, src.forwardRegs],
    },
    {
      ...host,
      enter: { how: 'forward', what: 'an eret into the host, past its smc' },
      sees: 'The results in x0–x4; x5 onwards hold what they held before the call.',
      sources: [src.forwardRegs, src.rmmReturn],
    },
  ],
  sources: [src.stdSvc, src.forward, src.forwardBack, src.rmmReturn],
};
