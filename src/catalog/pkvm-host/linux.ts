import type { Plan } from '../../model/plan';
import type { LinuxCall } from '../linux';
import { smcccCall } from '../smccc/linux';

/** kvm_call_hyp_nvhe(), the host kernel's way into the protected hypervisor: arm_smccc_1_1_hvc with KVM_HOST_SMCCC_FUNC(fn) in x0. */
export function pkvmHostLinux(plan: Plan): LinuxCall {
  return smcccCall(
    plan,
    '1.1',
    'hvc',
    `kvm_call_hyp_nvhe(${plan.call.name}, ...) (arch/arm64/include/asm/kvm_host.h) expands to this arm_smccc_1_1_hvc() with KVM_HOST_SMCCC_FUNC(${plan.call.name}) in x0, ` +
      'then WARN_ON(res.a0 != SMCCC_RET_SUCCESS) and yields res.a1.',
  );
}
