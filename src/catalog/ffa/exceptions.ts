import type { ExceptionDef } from '../../model/exception';
import { smcTrapped, vectors } from '../exception/arm';
import { src as hostSrc } from '../pkvm-host/sources';

const el2Table = vectors('VBAR_EL2', 2);

/**
 * A host's smc under pKVM: protected mode sets HCR_EL2.TSC for the host, so
 * the smc is always the trapped form, taken to pKVM's own vectors at EL2,
 * and pKVM moves the host past it.
 */
export const pkvmHostSmc: ExceptionDef = {
  ...smcTrapped('a64-smc', 2, {
    register: 'ELR_EL2',
    why: 'pKVM moves the host past the SMC it trapped (kvm_skip_host_instr): "SMC was trapped, move ELR past the current PC"',
    sources: [hostSrc.skipSmc],
  }),
  destination: { kind: 'vector', table: { ...el2Table, sources: [el2Table.sources[0]!, hostSrc.hostVector] } },
  notes: [
    {
      text: 'Protected mode sets HCR_EL2.TSC for the host (HCR_HOST_NVHE_PROTECTED_FLAGS), so its smc never goes straight to EL3: it traps to pKVM, whose table is __kvm_hyp_host_vector and whose handle_trap passes an SMC64 syndrome to handle_host_smc.',
      sources: [hostSrc.trapsSmc, hostSrc.hostVector, hostSrc.hostSmc],
    },
  ],
};
