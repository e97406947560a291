import type { HandlerPath } from '../../model/exception';
import { rmm, src } from './sources';

/** TF-RMM handling a realm's smc: from its EL2 vector to the RSI command's handler. */
export const rmmRsi: HandlerPath = {
  who: 'TF-RMM (the reference RMM), at its tag rmm-spec-v1.0-rel0',
  steps: [
    {
      fn: 'el2_vectors → el2_sync_lel → realm_exit',
      what: 'the vector entry for a synchronous exception from the realm; it leaves run_realm() with ARM_EXCEPTION_SYNC_LEL',
      sources: [src.vectors],
    },
    {
      fn: 'rec_run_loop → handle_realm_exit → handle_exception_sync',
      what: 'pick the handler for the syndrome’s EC; the loop enters the realm again unless the handler asks to go back to the host',
      sources: [
        rmm('runtime/core/run.c', 'rec_run_loop(): do { … run_realm(&rec->regs[0]) … } while (handle_realm_exit(rec, rec_exit, realm_exception_code))'),
        src.syncExit,
      ],
    },
    {
      fn: 'handle_realm_rsi',
      what: 'reads the function ID from x0 and switches over the RSI (and PSCI) IDs; unknown IDs get SMC_UNKNOWN',
      sources: [src.rsiHandler],
    },
    {
      fn: 'handle_rsi_host_call',
      what: 'copies the host call structure into the REC exit and asks to return to the host with RMI_EXIT_HOST_CALL',
      onlyFor: ['rsi-host-call'],
      sources: [src.hostCallExit],
    },
    { fn: 'advance_pc', what: 'ELR_EL2 + 4, past the realm’s smc, then back into the realm', sources: [src.advance] },
  ],
};

/** TF-A's RMMD and TF-RMM handling the host's RMI smc. */
export const rmmdRmi: HandlerPath = {
  who: 'TF-A’s RMM Dispatcher at EL3, then TF-RMM at R-EL2',
  steps: [
    { fn: 'std_svc_smc_handler → rmmd_rmi_handler', what: 'an ID in the RMI range goes to the RMM Dispatcher', sources: [src.stdSvc] },
    {
      fn: 'rmmd_smc_forward(NON_SECURE, REALM, …)',
      what: 'saves the host’s EL2 state, restores the RMM’s, and erets into R-EL2 with x0–x7',
      sources: [src.forward, src.forwardRegs],
    },
    { fn: 'rmm_handler → handle_ns_smc', what: 'TF-RMM looks the ID up in smc_handlers[] and calls the command with x1… as arg0…', sources: [src.rmiArgs] },
    {
      fn: 'rmm_handler: smc RMM_RMI_REQ_COMPLETE',
      what: 'the RMM puts the results x0–x4 in x1–x5 and makes its own smc back to EL3',
      sources: [src.rmmReturn],
    },
    {
      fn: 'rmmd_smc_forward(REALM, NON_SECURE, …)',
      what: 'EL3 restores the host’s state and erets to NS-EL2 with the results in x0–x4',
      sources: [src.forwardBack, src.forwardRegs],
    },
  ],
};
