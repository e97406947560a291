import type { HandlerPath } from '../../model/exception';
import { linux } from '../docs';

/** KVM on arm64: from __kvm_hyp_vector to the SMCCC handler and, for PSCI, kvm_psci_call; the EC is HVC32 from an AArch32 guest. */
const kvmArm64 = (ec: 'HVC64' | 'HVC32'): HandlerPath => ({
  who: 'KVM on arm64 (Linux), one hypervisor that implements it',
  steps: [
    {
      fn: '__kvm_hyp_vector → el1_sync',
      what: 'the vector entry for a synchronous exception from EL1; el1_trap leaves the guest through __guest_exit with ARM_EXCEPTION_TRAP',
      sources: [linux('arch/arm64/kvm/hyp/hyp-entry.S', '__kvm_hyp_vector: valid_vect el1_sync; el1_trap: b __guest_exit')],
    },
    {
      fn: 'handle_exit → handle_trap_exceptions',
      what: 'ARM_EXCEPTION_TRAP: pick the handler for the syndrome’s EC',
      sources: [linux('arch/arm64/kvm/handle_exit.c', 'handle_exit(): case ARM_EXCEPTION_TRAP: return handle_trap_exceptions(vcpu)')],
    },
    {
      fn: `arm_exit_handlers[ESR_ELx_EC_${ec}] = handle_hvc`,
      what: 'the table indexed by EC (HVC32 and HVC64 both go to handle_hvc)',
      sources: [linux('arch/arm64/kvm/handle_exit.c', 'arm_exit_handlers[]: [ESR_ELx_EC_HVC32] = handle_hvc, [ESR_ELx_EC_HVC64] = handle_hvc; kvm_get_exit_handler()')],
    },
    {
      fn: 'kvm_smccc_call_handler',
      what: 'reads the function ID from x0 (smccc_get_function), checks the SMCCC filter, and answers the SMCCC calls it knows; the rest go on',
      sources: [linux('arch/arm64/kvm/hypercalls.c', 'kvm_smccc_call_handler(): func_id = smccc_get_function(vcpu); kvm_smccc_get_action(); switch (func_id)')],
    },
    {
      fn: 'kvm_psci_call',
      what: 'the default case of kvm_smccc_call_handler: the PSCI function is handled by KVM’s PSCI emulation',
      onlyFor: ['psci-'],
      sources: [linux('arch/arm64/kvm/hypercalls.c', 'kvm_smccc_call_handler(): default: return kvm_psci_call(vcpu)'), linux('arch/arm64/kvm/psci.c', 'kvm_psci_call()')],
    },
  ],
});
export const kvmArm64Hvc64 = kvmArm64('HVC64');
export const kvmArm64Hvc32 = kvmArm64('HVC32');
