import { linux } from '../docs';
import { hypercallExits, type VmHost } from '../exception/x86';

const VMX_C = 'arch/x86/kvm/vmx/vmx.c';
const SVM_C = 'arch/x86/kvm/svm/svm.c';

/** Where KVM's VMX exit handler is, and how KVM steps the guest past its vmcall or vmmcall. */
const kvmHost: VmHost = {
  hostRip: {
    why: 'the host state in the VMCS: KVM points HOST_RIP at vmx_vmexit',
    sources: [linux(VMX_C, 'vmx_set_constant_host_state(): "vmcs_writel(HOST_RIP, (unsigned long)vmx_vmexit)"')],
  },
  skipVmx: () => ({
    why: 'KVM adds the VM-exit instruction length to the guest’s RIP',
    sources: [linux(VMX_C, 'skip_emulated_instruction(): "rip += vmcs_read32(VM_EXIT_INSTRUCTION_LEN); kvm_rip_write(vcpu, rip)"')],
  }),
  skipSvm: () => ({
    why: 'KVM sets the guest’s RIP to next_rip',
    sources: [linux(SVM_C, 'skip_emulated_instruction(): "kvm_rip_write(vcpu, svm->next_rip)"')],
  }),
};

export const [kvmVmcallExit, kvmVmmcallExit] = hypercallExits(kvmHost);
