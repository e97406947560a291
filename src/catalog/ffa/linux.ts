import type { Plan } from '../../model/plan';
import type { LinuxCall } from '../linux';
import { smcccCall } from '../smccc/linux';

/** Linux's FF-A driver makes every call through invoke_ffa_fn: arm_smccc_1_2_smc or _hvc with the whole of x0-x17. */
export function ffaLinux(plan: Plan): LinuxCall {
  const conduit = plan.convention.instruction.mnemonic === 'smc' ? 'smc' : 'hvc';
  return smcccCall(
    plan,
    '1.2',
    conduit,
    `drivers/firmware/arm_ffa/driver.c makes every FF-A call through invoke_ffa_fn, which is arm_smccc_1_2_${conduit}() (smccc.c); ffa_value_t is struct arm_smccc_1_2_regs.`,
  );
}
