import type { Plan } from '../../model/plan';
import { hex, type CArg, type LinuxCall } from '../linux';

/** The HYPERVISOR_* wrapper of each call and its parameters (include/xen/arm/hypercall.h, arch/x86/include/asm/xen/hypercall.h). */
const XEN_OPS: Record<string, { fn: string; params: readonly ('int' | 'ptr' | 'char')[] }> = {
  'xen-version': { fn: 'xen_version', params: ['int', 'ptr'] },
  'xen-console-io': { fn: 'console_io', params: ['int', 'int', 'char'] },
  'xen-sched-op': { fn: 'sched_op', params: ['int', 'ptr'] },
  'xen-event-channel-op': { fn: 'event_channel_op', params: ['int', 'ptr'] },
  'xen-hvm-op': { fn: 'hvm_op', params: ['int', 'ptr'] },
  'xen-memory-op': { fn: 'memory_op', params: ['int', 'ptr'] },
  'xen-grant-table-op': { fn: 'grant_table_op', params: ['int', 'ptr', 'int'] },
  'xen-vcpu-op': { fn: 'vcpu_op', params: ['int', 'int', 'ptr'] },
};

export function xenLinux(plan: Plan): LinuxCall | undefined {
  const op = XEN_OPS[plan.call.id];
  if (!op) return undefined;
  const args = plan.inputs.filter((s) => s.kind === 'argument');
  const fn = `HYPERVISOR_${op.fn}`;
  const callArgs = op.params.map((p, i): CArg => {
    const s = args[i];
    const v = s?.value ?? 0n;
    const expr = p === 'int' ? hex(v) : v === 0n ? 'NULL' : `(${p === 'char' ? 'char' : 'void'} *)${hex(v)}`;
    return { expr, note: s?.name };
  });
  const conv = plan.convention;
  const note =
    conv.arch.id === 'aarch64' || conv.arch.id === 'aarch32'
      ? `On Arm ${fn} is an assembly stub (HYPERCALL${op.params.length} in arch/${conv.arch.id === 'aarch64' ? 'arm64' : 'arm'}/xen/hypercall.S): ` +
        `mov ${conv.selector}, #__HYPERVISOR_${op.fn}; hvc #0xEA1.`
      : conv.instruction.syntax
        ? `${fn} expands to _hypercall${op.params.length}(), which in kernels with a hypercall page calls hypercall_page + __HYPERVISOR_${op.fn} * 32.`
        : `${fn} expands to _hypercall${op.params.length}(); current kernels reach ${conv.instruction.mnemonic} through the static call ` +
          `xen_hypercall_${conv.instruction.mnemonic === 'vmcall' ? 'intel' : 'amd'} instead of the hypercall page.`;
  return { include: '<asm/xen/hypercall.h>', assign: 'int rc = ', fn, args: callArgs, note };
}
