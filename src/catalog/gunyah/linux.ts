import type { Plan } from '../../model/plan';
import type { LinuxCall } from '../linux';
import { smcccCall } from '../smccc/linux';
import { madeWithSmccc12 } from './calls';

/** Gunyah's SMCCC ABI as its Linux driver makes it; the 2022 immediate ABI never had a Linux helper. */
export function gunyahLinux(plan: Plan): LinuxCall | undefined {
  if (plan.convention.family !== 'gunyah-smccc') return undefined;
  return smcccCall(
    plan,
    madeWithSmccc12.includes(plan.call) ? '1.2' : '1.1',
    'hvc',
    'As the Gunyah driver makes it (arch/arm64/gunyah/gunyah_hypercall.c, read in a vendor tree; probably never in a mainline release).',
  );
}
