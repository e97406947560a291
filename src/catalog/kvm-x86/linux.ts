import type { Plan } from '../../model/plan';
import { callNumberArg, hex, type LinuxCall } from '../linux';

/** kvm_hypercallN() from arch/x86/include/asm/kvm_para.h, N being the number of arguments. */
export function kvmLinux(plan: Plan): LinuxCall {
  const args = plan.inputs.filter((s) => s.kind === 'argument');
  const fn = `kvm_hypercall${args.length}`;
  return {
    include: '<asm/kvm_para.h>',
    assign: 'long ret = ',
    fn,
    args: [callNumberArg(plan), ...args.map((s) => ({ expr: hex(s.value), note: s.name }))],
    note: `${fn}() runs KVM_HYPERCALL, patched at boot to vmcall or vmmcall (X86_FEATURE_VMMCALL); TDX guests go through tdx_kvm_hypercall() instead.`,
  };
}
