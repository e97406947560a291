import type { Plan } from '../../model/plan';
import { callNumberArg, hex, valueOn, type CArg, type LinuxCall } from '../linux';

/**
 * The vmware_hypercall* wrappers Linux calls the backdoor with
 * (arch/x86/include/asm/vmware.h, drivers/gpu/drm/vmwgfx/vmwgfx_msg_arm64.h),
 * for the calls it makes; the port is ORed in by the wrapper.
 */
export function vmwareLinux(plan: Plan): LinuxCall | undefined {
  const v = (r: string) => valueOn(plan, r);
  const cmd = callNumberArg(plan);
  const a64 = plan.convention.arch.id === 'aarch64';
  const noPort = (x: bigint) => x & ~0xffffn;
  let fn: string;
  const lhs = 'out0 = ';
  let args: CArg[];
  let decl: string[];
  switch (plan.call.id) {
    case 'vmware-getversion':
    case 'vmware-gethz':
      fn = 'vmware_hypercall3';
      decl = ['u32 out1, out2;', 'unsigned long out0;'];
      args = [cmd, { expr: hex(v('ebx')), note: 'in1' }, { expr: '&out1' }, { expr: '&out2' }];
      break;
    case 'vmware-getvcpu-info':
      fn = 'vmware_hypercall1';
      decl = ['unsigned long out0;'];
      args = [cmd, { expr: hex(v('ebx')), note: 'in1' }];
      break;
    case 'vmware-stealclock':
      fn = 'vmware_hypercall5';
      decl = ['u32 out2;', 'unsigned long out0;'];
      args = [
        cmd,
        { expr: hex(v('ebx')), note: 'in1' },
        { expr: hex(v('edx')), note: 'in3' },
        { expr: hex(v('esi')), note: 'in4: addr_hi' },
        { expr: hex(v('edi')), note: 'in5: addr_lo' },
        { expr: '&out2' },
      ];
      break;
    case 'vmware-rpc-hb-send-payload':
    case 'vmware-rpc-hb-recv-payload': {
      const out = plan.call.id.includes('send');
      fn = out ? 'vmware_hypercall_hb_out' : 'vmware_hypercall_hb_in';
      decl = ['u32 out1;', 'unsigned long out0;'];
      args = [
        cmd,
        { expr: hex(v('ecx')), note: 'in2' },
        { expr: hex(noPort(v('edx'))), note: 'in3; the wrapper ORs in the port 0x5659' },
        { expr: hex(v(out ? 'rsi' : 'esi')), note: out ? 'in4: msg' : 'in4: cookie_high' },
        { expr: hex(v(out ? 'edi' : 'rdi')), note: out ? 'in5: cookie_low' : 'in5: reply' },
        { expr: hex(v('ebp')), note: out ? 'in6: cookie_high' : 'in6: cookie_low' },
        { expr: '&out1' },
      ];
      break;
    }
    case 'vmware-arm64-rpc-open-channel':
      fn = 'vmware_hypercall6';
      decl = ['u32 out2, out3, out4, out5;', 'unsigned long out0;'];
      args = [
        cmd,
        { expr: hex(v('x1')), note: 'in1' },
        { expr: hex(noPort(v('x3'))), note: 'in3; the wrapper ORs in the port 0x5658' },
        { expr: '&out2' },
        { expr: '&out3' },
        { expr: '&out4' },
        { expr: '&out5' },
      ];
      break;
    case 'vmware-arm64-rpc-close-channel':
      fn = 'vmware_hypercall5';
      decl = ['u32 out2;', 'unsigned long out0;'];
      args = [
        cmd,
        { expr: hex(v('x1')), note: 'in1' },
        { expr: hex(noPort(v('x3'))), note: 'in3: channel id << 16; the wrapper ORs in the port' },
        { expr: hex(v('x4')), note: 'in4: cookie_high' },
        { expr: hex(v('x5')), note: 'in5: cookie_low' },
        { expr: '&out2' },
      ];
      break;
    default:
      return undefined;
  }
  const note = a64
    ? `${fn}() is defined in drivers/gpu/drm/vmwgfx/vmwgfx_msg_arm64.h (vmwgfx only): it loads x0 = magic, x7 = the x86 I/O descriptor and runs mrs xzr, mdccsr_el0.`
    : fn.startsWith('vmware_hypercall_hb')
      ? `${fn}() always runs ${plan.convention.instruction.mnemonic} on port 0x5659, with in6 moved into EBP around it.`
      : `${fn}() runs VMWARE_HYPERCALL, patched at boot to port I/O (inl), vmcall or vmmcall from CPUID 0x40000010.`;
  return { include: a64 ? '"vmwgfx_msg_arm64.h"' : '<asm/vmware.h>', declarations: decl, assign: lhs, fn, args, note };
}
