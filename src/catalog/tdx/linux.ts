import type { Plan } from '../../model/plan';
import { hex, slotNote, type LinuxCall } from '../linux';
import { exposeMask } from './mask';

/** Leaves Linux makes with __tdcall (no outputs read back); the others read theirs with __tdcall_ret. */
const NO_OUTPUTS = new Set(['TDG.MR.RTMR.EXTEND', 'TDG.MR.REPORT', 'TDG.MEM.PAGE.ACCEPT', 'TDG.VM.WR']);

/** The leaf or sub-function as the macro shared/tdx.h or vmx.h names it. */
const MACROS: Readonly<Record<string, string>> = {
  'TDG.VP.INFO': 'TDG_VP_INFO',
  'TDG.MR.RTMR.EXTEND': 'TDG_MR_RTMR_EXTEND',
  'TDG.VP.VEINFO.GET': 'TDG_VP_VEINFO_GET',
  'TDG.MR.REPORT': 'TDG_MR_REPORT',
  'TDG.MEM.PAGE.ACCEPT': 'TDG_MEM_PAGE_ACCEPT',
  'TDG.VM.RD': 'TDG_VM_RD',
  'TDG.VM.WR': 'TDG_VM_WR',
  GetTdVmCallInfo: 'TDVMCALL_GET_TD_VM_CALL_INFO',
  MapGPA: 'TDVMCALL_MAP_GPA',
  GetQuote: 'TDVMCALL_GET_QUOTE',
  ReportFatalError: 'TDVMCALL_REPORT_FATAL_ERROR',
  SetupEventNotifyInterrupt: 'TDVMCALL_SETUP_EVENT_NOTIFY_INTERRUPT',
  'Instruction.HLT': 'hcall_func(EXIT_REASON_HLT)',
  'Instruction.CPUID': 'hcall_func(EXIT_REASON_CPUID)',
  'Instruction.RDMSR': 'hcall_func(EXIT_REASON_MSR_READ)',
  'Instruction.WRMSR': 'hcall_func(EXIT_REASON_MSR_WRITE)',
  'Instruction.IO': 'hcall_func(EXIT_REASON_IO_INSTRUCTION)',
  'MMIO (EPT violation)': 'hcall_func(EXIT_REASON_EPT_VIOLATION)',
};

/**
 * Linux fills a struct tdx_module_args and calls __tdcall() or
 * __tdcall_ret() for a leaf, and __tdx_hypercall() for TDG.VP.VMCALL, which
 * sets RCX and RAX itself (arch/x86/coco/tdx/tdcall.S, tdx-shared.c).
 */
export function tdxLinux(plan: Plan): LinuxCall {
  // TDG.VP.VMCALL, as a leaf or by sub-function: the one call whose RCX is the register bitmap.
  const vmcall = plan.inputs.some((s) => s.mask);
  const own = (register: string) => (vmcall ? register !== 'rax' && register !== 'rcx' : register !== 'rax');
  const fields = plan.inputs
    .filter((s) => own(s.register))
    .map((s) => {
      const value = s.kind === 'selector' && plan.callNumberIsCatalog ? (MACROS[plan.call.name] ?? hex(s.value)) : s.register === 'r10' && s.value === 0n ? 'TDX_HYPERCALL_STANDARD' : hex(s.value);
      return { expr: `.${s.register} = ${value},`, note: slotNote(s) };
    });
  const mask = plan.inputs.find((s) => s.mask);
  const custom = mask && mask.value !== exposeMask.usual.value ? ` The bitmap here (${hex(mask.value)}) is not the one it sends; making the call with it takes a TDCALL of your own (see the inline-asm form).` : '';
  if (vmcall) {
    return {
      include: '<asm/shared/tdx.h>',
      struct: { declaration: 'struct tdx_module_args args', fields },
      assign: 'u64 status = ',
      fn: '__tdx_hypercall',
      args: [{ expr: '&args' }],
      after: 'status is R10, the VMM\'s answer; the other outputs are in args (args.r11, args.r12, ...).',
      note:
        '__tdx_hypercall() (arch/x86/coco/tdx/tdx-shared.c) sets args->rcx = TDVMCALL_EXPOSE_REGS_MASK itself and calls __tdcall_saved_ret(TDG_VP_VMCALL, args): ' +
        `Linux cannot send another bitmap.${custom}`,
    };
  }
  const fn = NO_OUTPUTS.has(plan.call.name) ? '__tdcall' : '__tdcall_ret';
  const leaf = plan.callNumberIsCatalog ? (MACROS[plan.call.name] ?? hex(plan.callNumber)) : hex(plan.callNumber);
  return {
    include: '<asm/shared/tdx.h>',
    struct: { declaration: 'struct tdx_module_args args', fields },
    assign: 'u64 err = ',
    fn,
    args: [{ expr: leaf, note: plan.call.name }, { expr: '&args' }],
    after: fn === '__tdcall_ret' ? 'err is RAX, the TDCALL error code; the outputs are in args.rcx, args.rdx, args.r8-args.r11.' : 'err is RAX, the TDCALL error code.',
    note: `${fn}() is in arch/x86/coco/tdx/tdcall.S: "Only RCX/RDX/R8-R11 are used as input${fn === '__tdcall_ret' ? '/output' : ''} registers."`,
  };
}
