import type { Plan } from '../../model/plan';
import { hex, valueOn, type CArg, type LinuxCall } from '../linux';

/** The hyp-stub's callers in Linux: small assembly routines in hyp-stub.S (and cpu_soft_restart on arm64). */
export function hypstubLinux(plan: Plan): LinuxCall | undefined {
  const conv = plan.convention;
  const id = plan.call.id;
  const a64 = conv.arch.id === 'aarch64';
  const S = a64 ? 'arch/arm64/kernel/hyp-stub.S' : 'arch/arm/kernel/hyp-stub.S';
  const stub = (fn: string, args: CArg[], assign: string, note: string): LinuxCall => ({ include: '<asm/virt.h>', assign, fn, args, note });
  const vectors = (reg: string): CArg => ({ expr: hex(valueOn(plan, reg)), note: 'physical address of the new vectors' });
  if (id.endsWith('-set-vectors')) {
    const pre = conv.family.endsWith('pre-4.12');
    const reg = pre && !a64 ? 'r0' : a64 ? 'x1' : 'r1';
    const how =
      pre && !a64
        ? 'it traps with r0 = the new HVBAR'
        : a64
          ? 'mov x1, x0; mov x0, #HVC_SET_VECTORS; hvc #0'
          : 'mov r1, r0; mov r0, #HVC_SET_VECTORS; __HVC(0)';
    return stub('__hyp_set_vectors', [vectors(reg)], '', `__hyp_set_vectors() is assembly in ${S}: ${how}.`);
  }
  if (id.endsWith('-get-vectors')) return stub('__hyp_get_vectors', [], 'phys_addr_t vectors = ', `__hyp_get_vectors() is assembly in ${S}.`);
  if (id === 'hypstub-arm64-reset-vectors') return stub('__hyp_reset_vectors', [], '', `__hyp_reset_vectors() is assembly in ${S}.`);
  if (id === 'hypstub-arm64-finalise-el2') return stub('finalise_el2', [], '', `finalise_el2() is assembly in ${S}: mov x0, #HVC_FINALISE_EL2; hvc #0.`);
  if (id === 'hypstub-arm32-soft-restart') {
    return stub(
      '__hyp_soft_restart',
      [{ expr: hex(valueOn(plan, 'r1')), note: 'entry' }],
      '',
      `__hyp_soft_restart() is assembly in ${S}: mov r1, r0; mov r0, #HVC_SOFT_RESTART; __HVC(0).`,
    );
  }
  if (id === 'hypstub-arm64-soft-restart') {
    return stub(
      'cpu_soft_restart',
      [
        { expr: hex(valueOn(plan, 'x1')), note: 'entry' },
        { expr: hex(valueOn(plan, 'x2')), note: 'arg0' },
        { expr: hex(valueOn(plan, 'x3')), note: 'arg1' },
        { expr: hex(valueOn(plan, 'x4')), note: 'arg2' },
      ],
      '',
      'cpu_soft_restart() (arch/arm64/kernel/cpu-reset.h in kernels that have it) calls __cpu_soft_restart(el2_switch, entry, arg0, arg1, arg2), ' +
        'which makes HVC_SOFT_RESTART with x1-x4 in place when el2_switch is set; later kexec reworks pass 0 there and then moved the routine into assembly.',
    );
  }
  return undefined;
}
