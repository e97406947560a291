import type { ExceptionDef, VectorTable } from '../../model/exception';
import { eret, smcReturnAddress, smcTrapped, spsr, vectors } from '../exception/arm';
import { src } from './sources';

/**
 * The CPU's side of CCA's two smc instructions: a realm's, trapped to the RMM
 * at R-EL2, and the host's, taken to EL3. Entry and return are the
 * architecture's, as QEMU models them; the handler's side is TF-RMM's and
 * TF-A's.
 */

const kvmTable = vectors('VBAR_EL2', 2);
/** The RMM's own EL2 table: the same layout as any AArch64 table, its lower-EL synchronous entry branching to realm_exit. */
const rmmTable: VectorTable = { ...kvmTable, sources: [kvmTable.sources[0]!, src.vectors] };

export const realmSmcTrap: ExceptionDef = {
  ...smcTrapped('a64-smc-realm', 2, {
    register: 'ELR_EL2',
    why: 'the RMM moves the realm past the SMC once it has handled the call',
    sources: [src.advance],
  }),
  level: 'R-EL2',
  destination: { kind: 'vector', table: rmmTable },
  notes: [
    {
      text: 'Linux’s comment on the Trap exception speaks of Non-secure EL1; a Realm EL1 SMC trapped by the same control is the same kind of exception, and TF-RMM advances ELR_EL2 by 4 itself, as a handler of a Trap exception must.',
      sources: [src.advance],
    },
  ],
};

export const hostSmcCall: ExceptionDef = {
  instruction: 'a64-smc-el2',
  level: 'EL3',
  pc: 'PC',
  returnAddress: smcReturnAddress,
  saved: [spsr('EL3')],
  destination: { kind: 'vector', table: vectors('VBAR_EL3', 2) },
  resume: eret('EL3'),
  notes: [
    {
      text: 'EL3 does not return from this entry straight away: TF-A’s RMM Dispatcher saves the host’s EL2 state, erets into the RMM at R-EL2, and erets back to the host only when the RMM makes its own smc with RMM_RMI_REQ_COMPLETE.',
      sources: [src.forward, src.forwardBack, src.rmmReturn],
    },
  ],
};
