import type { Architecture, InstructionDef, Level } from '../../model/arch';
import { aarch64, esrLayout } from '../arch/aarch64';
import { src } from './sources';

/**
 * AArch64 as Arm CCA's two callers see it. The registers, views and the smc
 * encoding are AArch64's own; what differs is where the caller runs, which
 * world each level belongs to, and where smc goes from there.
 */

const level = (id: string, who: string, where: string): Level => ({ id, name: id, who, where });

const R_EL1 = level('R-EL1', 'realm kernel (Realm world)', 'at R-EL1, inside a realm');
const R_EL2 = level('R-EL2', 'Realm Management Monitor (RMM)', 'at R-EL2');
const NS_EL2 = level('NS-EL2', 'host hypervisor (Non-secure world)', 'at NS-EL2');
const EL3 = level('EL3', 'monitor (Root world: TF-A and its RMM Dispatcher)', 'at EL3');

const base = aarch64.instructions.smc!;

/**
 * A realm's smc: the RMM sets HCR_EL2.TSC for every REC it runs, so the SMC
 * never reaches EL3 but traps to R-EL2, where the RMM reads ESR_EL2.
 */
export const realmSmc: InstructionDef = {
  ...base,
  id: 'a64-smc-realm',
  target: 'R-EL2',
  trappedBy: undefined,
  syndrome: {
    register: 'ESR_EL2',
    layout: esrLayout,
    fixed: { EC: 0x17n, IL: 1n },
    immField: 'ISS',
    className: 'EC 0x17 SMC64: SMC from AArch64, trapped to the RMM by HCR_EL2.TSC, which it sets for every REC',
    sources: [src.ecSmc, src.tsc, src.tscSet, ...(base.syndrome?.sources ?? [])],
  },
  sources: [...base.sources, src.syncExit],
};

/** The host's smc from NS-EL2: nothing below EL3 can trap it, so it is a Secure Monitor Call exception to EL3. */
export const hostSmc: InstructionDef = {
  ...base,
  id: 'a64-smc-el2',
  target: 'EL3',
  trappedBy: undefined,
  syndrome: {
    register: 'ESR_EL3',
    layout: { ...esrLayout, id: 'esr-el3', name: 'ESR_EL3' },
    fixed: { EC: 0x17n, IL: 1n },
    immField: 'ISS',
    className: 'EC 0x17 SMC64: SMC from AArch64, taken to EL3; ISS holds the immediate',
    sources: base.syndrome?.sources ?? [],
  },
  sources: [...base.sources, src.stdSvc],
};

/** A realm's kernel calling its RMM: RSI. */
export const realmAarch64: Architecture = {
  ...aarch64,
  levels: [R_EL1, R_EL2, NS_EL2, EL3],
  guestLevel: 'R-EL1',
  // The RMM's own smc to EL3, which RSI_HOST_CALL's path takes on the way to the host.
  instructions: { smc: realmSmc, rmmSmc: hostSmc },
};

/** The host hypervisor calling the RMM through EL3: RMI. */
export const hostAarch64: Architecture = {
  ...aarch64,
  levels: [NS_EL2, R_EL2, EL3],
  guestLevel: 'NS-EL2',
  instructions: { smc: hostSmc },
};
