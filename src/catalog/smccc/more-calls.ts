import type { Call } from '../../model/call';

/** SMCCC calls beyond the first set: the rest of PSCI, TRNG, PV time, KVM's vendor calls. */
export const moreSmcccCalls: readonly Call[] = [];
