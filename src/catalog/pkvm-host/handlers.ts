import type { HandlerPath } from '../../model/exception';
import { hostS, src as pkvm } from '../pkvm-host/sources';

/** pKVM taking the host's hvc: from its host vector to the host_hcall[] entry the function ID picks. */
export const pkvmHostHcall: HandlerPath = {
  who: 'pKVM, the protected-mode KVM hypervisor at EL2 (Linux nVHE)',
  steps: [
    {
      fn: '__kvm_hyp_host_vector → host_el1_sync_vect → __host_hvc → __host_exit',
      what: 'the vector for a synchronous exception from 64-bit EL1 reads ESR_EL2.EC; an HVC64 goes to __host_hvc, which in protected mode always goes on to __host_exit (no stub calls); it saves the host’s x0–x17, x18–x29 and lr in the host context and calls handle_trap',
      sources: [
        hostS('SYM_CODE_START(__kvm_hyp_host_vector): "host_el1_sync_vect // Synchronous 64-bit EL1/EL0"; host_el1_sync_vect: "cmp x0, #ESR_ELx_EC_HVC64; b.eq __host_hvc; b __host_exit"'),
        hostS('__host_hvc: "/* No stub for you, sonny Jim */ alternative_if ARM64_KVM_PROTECTED_MODE b __host_exit"'),
        pkvm.hostExit,
      ],
    },
    { fn: 'handle_trap', what: 'switches on ESR_EL2.EC: HVC64 goes to handle_host_hcall (an SMC64 would go to handle_host_smc)', sources: [pkvm.trap, pkvm.hostSmc] },
    {
      fn: 'handle_host_hcall',
      what: 'takes the function ID from x0, subtracts KVM_HOST_SMCCC_ID(0) and indexes host_hcall[]; an index out of range, or one of the early calls once pKVM is finalised, gets SMCCC_RET_NOT_SUPPORTED in x0; otherwise x0 = SMCCC_RET_SUCCESS before the handler runs',
      sources: [pkvm.dispatch, pkvm.finalised, pkvm.inval, pkvm.success],
    },
    { fn: 'host_hcall[id] = handle___<call>', what: 'the call’s handler reads its arguments from the host context (DECLARE_REG) and writes its result, if it has one, to x1', sources: [pkvm.table, pkvm.declareReg] },
    { fn: '__host_enter', what: 'restores the host’s x0–x17 and callee-saved registers from the host context, then eret', sources: [pkvm.hostEnter] },
  ],
};
