import type { Note } from '../../model/source';
import { aarch32 } from '../arch/aarch32';
import { qemu, xen } from '../docs';
import type { Family } from '../family';
import { convention, range, SMCCC_VERSIONS, src, type RoleSet, type SmcccVersion } from './conventions';

/**
 * SMCCC from callers in AArch32 state, as a family of its own
 * ('smccc-aarch32'): its calls are SMCCC's (calls.ts, more-calls.ts), and the
 * AArch32 architecture arrives with it instead of in the first load.
 */

const sameForAll = xen('xen/arch/arm/include/asm/smccc.h', '"The calling convention for arm32 is the same for both SMCCC v1.0 and v1.1."');

/** r1-r7 in, r0-r3 back (r0-r7 from 1.2), r4-r14 kept in every version. */
function roles(version: SmcccVersion): RoleSet {
  const v12 = version === '1.2';
  return {
    args: range('r', 1, 7),
    results: range('r', 0, v12 ? 7 : 3),
    clobbered: [],
    preserved: range('r', 4, 14),
    roleSources: {
      args: [v12 ? src.v12tfa : src.args],
      results: [v12 ? src.v12tfa : src.results],
      clobbered: [],
      preserved: [src.v11, sameForAll],
    },
  };
}

const trappedSmcNote: Note = {
  kind: 'unconfirmed',
  text: 'A trapped AArch32 SMC does not report its immediate. The ESR_EL2 value shown is what QEMU builds (EC and IL only); what real CPUs put in the CV/COND bits was not checked against the Arm ARM.',
  sources: [qemu('target/arm/syndrome.h', 'syn_aa32_smc')],
};

export const smcccAarch32: Family = {
  conventions: SMCCC_VERSIONS.flatMap((v) => [convention(v, 'hvc', 32, aarch32, roles(v)), convention(v, 'smc', 32, aarch32, roles(v), [trappedSmcNote])]),
  calls: [],
};
