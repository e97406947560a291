import type { Hop, Path, Place } from '../../model/path';
import type { Note, Source } from '../../model/source';
import { src } from './sources';

/**
 * pKVM drawn as a level of its own: the host kernel at EL1 and the
 * hypervisor at EL2, both in the Non-secure world. The host is not a guest:
 * pKVM takes its traps in the host vector and keeps its registers in the host
 * context, which it restores whole on the way back.
 */

export const hostKernel: Place = { level: 'NS-EL1', world: 'non-secure', who: 'the host kernel' };
export const pkvmLevel: Place = { level: 'NS-EL2', world: 'non-secure', who: 'pKVM' };

/** The way back to the host: __host_enter reloads the whole host context, as the handler left it. */
export function backToHost(what: string, sees: string, sources: readonly Source[]): Hop {
  return { ...hostKernel, enter: { how: 'forward', what }, sees, sources: [src.hostEnter, ...sources] };
}

const hostLevels: Note = {
  kind: 'info',
  text:
    'The host kernel runs at EL1 and pKVM at EL2, both Non-secure. The host is not one of pKVM’s guests: its hvc arrives in pKVM’s host vector (__kvm_hyp_host_vector), ' +
    'and its registers are kept in the host context, saved on entry and restored whole before the eret.',
  sources: [src.hostVector, src.hostExit, src.hostEnter],
};

/** A host hypercall: hvc #0 from the host to pKVM, and back with x0 and x1 as the handler wrote them. */
export const hostHcallPath: Path = {
  instruction: 'a64-hvc',
  from: hostKernel,
  out: [
    {
      ...pkvmLevel,
      enter: { how: 'trap', instruction: 'a64-hvc', imm: 0 },
      sees:
        'pKVM reads ESR_EL2: an HVC64 from the host at EL1. Its host vector sends it to __host_exit, which saves the host’s x0–x17, x18–x29 and lr in the host context; ' +
        'handle_trap passes it to handle_host_hcall, which takes the handler’s number from x0.',
      passes: { kind: 'all' },
      passesHow: '__host_enter reloads the whole host context, x0 and x1 as the handler wrote them, and erets',
      sources: [src.hostVector, src.hostExit, src.trap, src.dispatch],
    },
  ],
  back: [
    backToHost(
      'eret from __host_enter, past the hvc',
      'The host finds SMCCC_RET_SUCCESS (or NOT_SUPPORTED) in x0 and the handler’s result, if it has one, in x1; every other register as it left it.',
      [src.success, src.inval],
    ),
  ],
  sources: [src.hostExit, src.hostEnter],
  notes: [hostLevels],
};
