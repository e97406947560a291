import type { ArgDef, Call, CallNumber, ResultDef } from '../../model/call';
import type { FixedInput } from '../../model/convention';
import type { Note, Source } from '../../model/source';
import { FAMILY_VMCALL } from './conventions';
import { arg, tdcallStatus } from './leaves';
import { exposeMask } from './mask';
import { guestTdx, kvmTdx, sharedTdx, src, vmxH } from './sources';

/**
 * TDG.VP.VMCALL's sub-functions: R11 selects one, R10 = 0 marks it standard,
 * RCX says which registers the VMM may see. The GHCI's own calls are numbered
 * from 0x10000; the instruction-emulation calls reuse the VMX exit reason of
 * the instruction they stand in for.
 */

/** RCX: the bitmap of registers exposed to the VMM. Every call carries it; Linux always sends TDVMCALL_EXPOSE_REGS_MASK. */
export const exposedArg: ArgDef = {
  name: 'exposed registers',
  register: 'rcx',
  meaning: 'bitmap of the registers the VMM may see: bit n set exposes register n (TDX_RDX = bit 2 … TDX_R15 = bit 15); the TDX module refuses bits 0, 1, 4 and 63:32',
  example: exposeMask.usual.value,
  mask: exposeMask,
  sources: [src.hypercall, src.bitmask, src.exposeMask, src.rcxChecked],
};

const standard: FixedInput = {
  register: 'r10',
  name: 'TDX_HYPERCALL_STANDARD',
  meaning: 'a call the GHCI defines (a non-zero R10 is VMM-specific)',
  value: 0n,
  sources: [src.standard, src.toExitReason],
};

/** R10 after the call. */
const vmmStatus = (meaning: string, sources: readonly Source[] = []): ResultDef => ({
  name: 'VMM status',
  register: 'r10',
  meaning: `the TDG.VP.VMCALL status code: ${meaning}`,
  example: 0n,
  exampleMeaning: 'TDVMCALL_STATUS_SUCCESS',
  sources: [src.status, src.exitType, ...sources],
});

const mechanism: ResultDef = {
  ...tdcallStatus,
  meaning: 'the TDCALL instruction’s own error code: non-zero means the TDVMCALL mechanism failed, and Linux panics',
  sources: [src.hypercallFailed, src.abi],
};

/** A GHCI sub-function, as shared/tdx.h numbers it. */
const ghciNumber = (macro: string, value: bigint): CallNumber => ({
  value,
  stated: { value, how: 'literal', source: src.subfn(macro, `0x${value.toString(16)}`) },
});

/** An instruction-emulation sub-function: hcall_func(EXIT_REASON_x), which is the exit reason itself. */
const exitNumber = (reason: string, value: number): CallNumber => ({
  value: BigInt(value),
  stated: { value: BigInt(value), how: 'expanded', source: vmxH(`#define ${reason} ${value}; hcall_func(${reason}) returns it unchanged`) },
});

interface SubFunction {
  id: string;
  name: string;
  number: CallNumber;
  summary: string;
  handles: string;
  args?: readonly ArgDef[];
  results?: readonly ResultDef[];
  status: ResultDef;
  returnsOnSuccess?: boolean;
  sources: readonly Source[];
  notes?: readonly Note[];
}

function subFunction(s: SubFunction): Call {
  return {
    id: `tdx-vmcall-${s.id}`,
    name: s.name,
    family: FAMILY_VMCALL,
    summary: s.summary,
    number: s.number,
    fixed: [standard],
    args: [exposedArg, ...(s.args ?? [])],
    results: [mechanism, s.status, ...(s.results ?? [])],
    handles: s.handles,
    returnsOnSuccess: s.returnsOnSuccess ?? true,
    sources: [s.number.stated.source, ...s.sources],
    notes: s.notes ?? [],
  };
}

/** Eight little-endian bytes of a string from `at`, as a register holds them. */
export function messageWord(text: string, at: number): bigint {
  let v = 0n;
  for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(text.charCodeAt(at + i) || 0);
  return v;
}

/** The panic message Linux sends when the VMM left SEPT #VE enabled (disable_sept_ve). */
const PANIC_MESSAGE = 'TD misconfiguration: SEPT #VE has to be disabled';
/** ReportFatalError's message registers, in the order of its bytes ("Define register order according to the GHCI"). */
const MESSAGE_REGS = ['r14', 'r15', 'rbx', 'rdi', 'rsi', 'r8', 'r9', 'rdx'] as const;

const unsupportedByKvm = (fn: string): Note => ({
  kind: 'info',
  text: `KVM passes ${fn} to user space (the VMM process, such as QEMU) with KVM_EXIT_TDX; until user space answers, the status it prepared is TDVMCALL_STATUS_SUBFUNC_UNSUPPORTED.`,
  sources: [kvmTdx(`${fn}: vcpu->run->exit_reason = KVM_EXIT_TDX; …ret = TDVMCALL_STATUS_SUBFUNC_UNSUPPORTED; complete_userspace_io = tdx_complete_simple`)],
});

export const tdxVmcalls: readonly Call[] = [
  subFunction({
    id: 'get-td-vm-call-info',
    name: 'GetTdVmCallInfo',
    number: ghciNumber('TDVMCALL_GET_TD_VM_CALL_INFO', 0x10000n),
    summary: 'Ask the VMM which TDG.VP.VMCALL sub-functions it supports beyond the GHCI’s base set.',
    handles: 'KVM answers leaf 0 itself with R11–R14 = 0 and success, passes leaf 1 to user space, and answers any other leaf TDVMCALL_STATUS_INVALID_OPERAND.',
    args: [arg('leaf', 'r12', 'which information: 0 or 1 (KVM accepts these two)', 0n, [kvmTdx('tdx_get_td_vm_call_info(): switch (tdx->vp_enter_args.r12) case 0, case 1, default')])],
    status: vmmStatus('SUCCESS, or INVALID_OPERAND for a leaf KVM does not know', [kvmTdx('tdx_get_td_vm_call_info()')]),
    results: [
      {
        name: 'information',
        register: 'r11',
        meaning: 'for leaf 0, KVM writes 0 to R11–R14',
        example: 0n,
        exampleMeaning: '0, as KVM answers leaf 0',
        sources: [kvmTdx('tdx_get_td_vm_call_info(): case 0: r11 = r12 = r13 = r14 = 0; TDVMCALL_STATUS_SUCCESS')],
      },
    ],
    sources: [kvmTdx('handle_tdvmcall(): case TDVMCALL_GET_TD_VM_CALL_INFO: return tdx_get_td_vm_call_info(vcpu)')],
    notes: [
      {
        kind: 'unconfirmed',
        text: 'The guest code read (arch/x86/coco/tdx/tdx.c) does not make this call; its arguments are as KVM reads them.',
        sources: [kvmTdx('tdx_get_td_vm_call_info()')],
      },
    ],
  }),
  subFunction({
    id: 'map-gpa',
    name: 'MapGPA',
    number: ghciNumber('TDVMCALL_MAP_GPA', 0x10001n),
    summary: 'Tell the VMM that a range of guest physical memory becomes shared with it, or private again.',
    handles: 'KVM checks the range and hands it to user space as KVM_HC_MAP_GPA_RANGE, 2 MB at a time; RETRY with R11 = where to resume when an interrupt is pending.',
    args: [
      arg('start', 'r12', 'first guest physical address, with the shared bit set when the range becomes shared', 0x8000000080000000n, [
        guestTdx('tdx_map_gpa(): if (!enc) start |= cc_mkdec(0); .r12 = start'),
      ]),
      arg('size', 'r13', 'length in bytes (end - start), page-aligned', 0x200000n, [guestTdx('tdx_map_gpa(): .r13 = end - start'), kvmTdx('tdx_map_gpa(): !PAGE_ALIGNED(gpa) || !PAGE_ALIGNED(size) -> TDVMCALL_STATUS_ALIGN_ERROR')]),
    ],
    status: vmmStatus('SUCCESS; RETRY (1) with the address to resume from in R11; INVALID_OPERAND or ALIGN_ERROR for a bad range', [
      kvmTdx('tdx_map_gpa(), tdx_complete_vmcall_map_gpa(): TDVMCALL_STATUS_RETRY, vp_enter_args.r11 = tdx->map_gpa_next'),
    ]),
    results: [
      {
        name: 'retry address',
        register: 'r11',
        meaning: 'after RETRY (or an error): the guest physical address to continue from',
        example: 0n,
        exampleMeaning: 'not set on success',
        sources: [guestTdx('tdx_map_gpa(): map_fail_paddr = args.r11 ("R11 comes from the untrusted VMM. Sanity check it.")')],
      },
    ],
    sources: [guestTdx('tdx_map_gpa(): .r10 = TDX_HYPERCALL_STANDARD, .r11 = TDVMCALL_MAP_GPA, .r12 = start, .r13 = end - start'), kvmTdx('tdx_map_gpa()')],
    notes: [
      {
        kind: 'info',
        text: 'The shared bit is the top bit of the guest physical address width TDG.VP.INFO reports; the example assumes 52 bits, so bit 51 is set in R12.',
        sources: [guestTdx('tdx_setup(): *cc_mask = BIT_ULL(gpa_width - 1)')],
      },
    ],
  }),
  subFunction({
    id: 'get-quote',
    name: 'GetQuote',
    number: ghciNumber('TDVMCALL_GET_QUOTE', 0x10002n),
    summary: 'Ask the VMM for a TD Quote of the TDREPORT in a shared buffer; the Quote comes back in the same buffer.',
    handles: 'KVM checks that the buffer is shared and hands the request to user space (KVM_EXIT_TDX), which produces the Quote.',
    args: [
      arg('buffer', 'r12', 'guest physical address of the shared buffer holding the TDREPORT (shared bit set)', 0x800000007f700000n, [
        guestTdx('tdx_hcall_get_quote(): _tdx_hypercall(TDVMCALL_GET_QUOTE, cc_mkdec(virt_to_phys(buf)), size, 0, 0)'),
        kvmTdx('tdx_get_quote(): "The gpa of buffer must have shared bit set."'),
      ]),
      arg('size', 'r13', 'size of the buffer, 4 KB-aligned', 0x4000n, [guestTdx('tdx_hcall_get_quote(): @size: size of the tdquote buffer (4KB-aligned)')]),
    ],
    status: vmmStatus('whatever user space answers; INVALID_OPERAND for a private buffer', [kvmTdx('tdx_get_quote(): tdvmcall_set_return_code(vcpu, TDVMCALL_STATUS_INVALID_OPERAND)')]),
    sources: [guestTdx('tdx_hcall_get_quote()'), kvmTdx('tdx_get_quote()')],
    notes: [unsupportedByKvm('tdx_get_quote()')],
  }),
  subFunction({
    id: 'report-fatal-error',
    name: 'ReportFatalError',
    number: ghciNumber('TDVMCALL_REPORT_FATAL_ERROR', 0x10003n),
    summary: 'Tell the VMM the TD has hit a fatal error, with a 64-byte message spread over eight registers; it is not meant to return.',
    handles: 'KVM stops running the TD and hands user space a KVM_SYSTEM_EVENT_TDX_FATAL event with all sixteen general registers.',
    args: [
      arg('error code', 'r12', '0: panic', 0n, [guestTdx('tdx_panic(): .r12 = 0, /* Error code: 0 is Panic */')]),
      ...MESSAGE_REGS.map((r, i) =>
        arg(`message bytes ${i * 8}–${i * 8 + 7}`, r, `bytes ${i * 8}–${i * 8 + 7} of the message, little-endian`, messageWord(PANIC_MESSAGE, i * 8), [
          guestTdx('tdx_panic(): union { /* Define register order according to the GHCI */ struct { u64 r14, r15, rbx, rdi, rsi, r8, r9, rdx; }; char bytes[64]; } message'),
        ]),
      ),
    ],
    status: vmmStatus('not expected: the TD is stopped'),
    returnsOnSuccess: false,
    sources: [guestTdx('tdx_panic(): "This hypercall should never return and it is not safe to keep the guest running. Call it forever if it happens to return."'), kvmTdx('tdx_report_fatal_error()')],
    notes: [
      {
        kind: 'info',
        text: `The example message is the one Linux sends from disable_sept_ve(): "${PANIC_MESSAGE}", its bytes computed into the eight registers in the order tdx_panic() gives. The VMM "assumes '\\0' in byte 65, if the message took all 64 bytes".`,
        sources: [guestTdx('disable_sept_ve(): const char *msg = "TD misconfiguration: SEPT #VE has to be disabled"; tdx_panic(msg)'), guestTdx('tdx_panic()')],
      },
      {
        kind: 'info',
        text: 'The message rides in RBX, RSI, RDI, RDX and R8–R9 as well as R14–R15: registers the TD could not hand to the VMM if TDVMCALL_EXPOSE_REGS_MASK did not expose them.',
        sources: [src.exposeMask, guestTdx('tdx_panic()')],
      },
    ],
  }),
  subFunction({
    id: 'setup-event-notify-interrupt',
    name: 'SetupEventNotifyInterrupt',
    number: ghciNumber('TDVMCALL_SETUP_EVENT_NOTIFY_INTERRUPT', 0x10004n),
    summary: 'Give the VMM an interrupt vector to notify the TD with.',
    handles: 'KVM checks that the vector is 32–255 and passes it to user space (KVM_EXIT_TDX).',
    args: [arg('vector', 'r12', 'the interrupt vector, 32–255', 0xf3n, [kvmTdx('tdx_setup_event_notify_interrupt(): u64 vector = tdx->vp_enter_args.r12; if (vector < 32 || vector > 255) INVALID_OPERAND')])],
    status: vmmStatus('whatever user space answers; INVALID_OPERAND for a vector outside 32–255'),
    sources: [kvmTdx('tdx_setup_event_notify_interrupt()')],
    notes: [
      unsupportedByKvm('tdx_setup_event_notify_interrupt()'),
      { kind: 'unconfirmed', text: 'The guest code read does not make this call; the vector register and the example are as KVM reads them.', sources: [kvmTdx('tdx_setup_event_notify_interrupt()')] },
    ],
  }),
  subFunction({
    id: 'hlt',
    name: 'Instruction.HLT',
    number: exitNumber('EXIT_REASON_HLT', 12),
    summary: 'Halt the vCPU until an interrupt: what a TD does instead of executing HLT.',
    handles: 'KVM sees the exit as EXIT_REASON_HLT and halts the vCPU (kvm_emulate_halt_noskip), using R12 to know whether a pending interrupt should wake it.',
    args: [arg('IRQs disabled', 'r12', 'whether interrupts were disabled (RFLAGS.IF clear) when the TD halted', 1n, [guestTdx('__halt(): .r12 = irq_disabled'), kvmTdx('tdx_interrupt_allowed(): … || !to_tdx(vcpu)->vp_enter_args.r12')])],
    status: vmmStatus('SUCCESS once the vCPU runs again'),
    sources: [guestTdx('__halt(): .r10 = TDX_HYPERCALL_STANDARD, .r11 = hcall_func(EXIT_REASON_HLT), .r12 = irq_disabled'), src.leafToExit, src.handleExit],
    notes: [
      {
        kind: 'info',
        text: 'Linux cites GHCI "section 3.8 TDG.VP.VMCALL<Instruction.HLT>"; the VMM "uses the \'IRQ disabled\' param to understand IRQ enabled status (RFLAGS.IF) of the TD guest".',
        sources: [guestTdx('__halt() comment'), sharedTdx('hcall_func()')],
      },
    ],
  }),
  subFunction({
    id: 'cpuid',
    name: 'Instruction.CPUID',
    number: exitNumber('EXIT_REASON_CPUID', 10),
    summary: 'Ask the VMM for a CPUID leaf in the hypervisor range (0x40000000–0x4FFFFFFF), which the TD cannot read itself.',
    handles: 'KVM runs its CPUID emulation for EAX = R12, ECX = R13 and returns EAX, EBX, ECX, EDX in R12–R15.',
    args: [
      arg('leaf (EAX)', 'r12', 'the CPUID leaf', 0x40000000n, [guestTdx('handle_cpuid(): .r12 = regs->ax'), kvmTdx('tdx_emulate_cpuid(): eax = tdx->vp_enter_args.r12')]),
      arg('subleaf (ECX)', 'r13', 'the CPUID subleaf', 0n, [guestTdx('handle_cpuid(): .r13 = regs->cx'), kvmTdx('tdx_emulate_cpuid(): ecx = tdx->vp_enter_args.r13')]),
    ],
    status: vmmStatus('SUCCESS'),
    results: (
      [
        ['EAX', 'r12', 0x40000001n],
        ['EBX', 'r13', 0n],
        ['ECX', 'r14', 0n],
        ['EDX', 'r15', 0n],
      ] as const
    ).map(([name, register, example]) => ({
      name,
      register,
      meaning: `${name} after CPUID`,
      example,
      exampleMeaning: 'an example',
      sources: [guestTdx('handle_cpuid(): "r12-r15 registers contain contents of EAX, EBX, ECX, EDX registers after the CPUID instruction execution"'), kvmTdx('tdx_emulate_cpuid(): r12 = eax; r13 = ebx; r14 = ecx; r15 = edx')],
    })),
    sources: [guestTdx('handle_cpuid()'), kvmTdx('tdx_emulate_cpuid()'), src.leafToExit],
    notes: [
      {
        kind: 'info',
        text: 'Linux asks only for leaves 0x40000000–0x4FFFFFFF ("Only allow VMM to control range reserved for hypervisor communication") and returns zeros for others it is asked for.',
        sources: [guestTdx('handle_cpuid(): if (regs->ax < 0x40000000 || regs->ax > 0x4FFFFFFF) regs->ax = regs->bx = regs->cx = regs->dx = 0')],
      },
    ],
  }),
  subFunction({
    id: 'rdmsr',
    name: 'Instruction.RDMSR',
    number: exitNumber('EXIT_REASON_MSR_READ', 31),
    summary: 'Ask the VMM to read an MSR the TD may not read itself.',
    handles: 'KVM moves R12 into its RCX and runs its RDMSR emulation; the value comes back in R11.',
    args: [arg('MSR', 'r12', 'the MSR index', 0x6e0n, [guestTdx('read_msr(): .r12 = regs->cx'), kvmTdx('tdx_handle_exit(): case EXIT_REASON_MSR_READ: kvm_rcx_write(vcpu, tdx->vp_enter_args.r12)')])],
    status: vmmStatus('SUCCESS, or INVALID_OPERAND when the read fails', [kvmTdx('tdx_complete_emulated_msr(): if (err) TDVMCALL_STATUS_INVALID_OPERAND')]),
    results: [
      {
        name: 'value',
        register: 'r11',
        meaning: 'the MSR’s 64-bit value',
        example: 0x1234n,
        exampleMeaning: 'an example',
        sources: [guestTdx('read_msr(): regs->ax = lower_32_bits(args.r11); regs->dx = upper_32_bits(args.r11)'), kvmTdx('tdx_complete_emulated_msr(): tdvmcall_set_return_val(vcpu, kvm_read_edx_eax(vcpu))')],
      },
    ],
    sources: [guestTdx('read_msr()'), src.leafToExit],
    notes: [{ kind: 'info', text: 'The example MSR index is an arbitrary choice; which MSR accesses reach the VMM as this call is decided by the TDX module (not read).', sources: [guestTdx('read_msr()')] }],
  }),
  subFunction({
    id: 'wrmsr',
    name: 'Instruction.WRMSR',
    number: exitNumber('EXIT_REASON_MSR_WRITE', 32),
    summary: 'Ask the VMM to write an MSR the TD may not write itself.',
    handles: 'KVM moves R12 into RCX and R13 into EDX:EAX and runs its WRMSR emulation.',
    args: [
      arg('MSR', 'r12', 'the MSR index', 0x6e0n, [guestTdx('write_msr(): .r12 = regs->cx')]),
      arg('value', 'r13', 'the 64-bit value (EDX:EAX)', 0x1234n, [guestTdx('write_msr(): .r13 = (u64)regs->dx << 32 | regs->ax'), kvmTdx('tdx_handle_exit(): case EXIT_REASON_MSR_WRITE: kvm_rax_write(r13 & -1u); kvm_rdx_write(r13 >> 32)')]),
    ],
    status: vmmStatus('SUCCESS, or INVALID_OPERAND when the write fails', [kvmTdx('tdx_complete_emulated_msr()')]),
    sources: [guestTdx('write_msr()'), src.leafToExit],
  }),
  subFunction({
    id: 'io',
    name: 'Instruction.IO',
    number: exitNumber('EXIT_REASON_IO_INSTRUCTION', 30),
    summary: 'Ask the VMM to perform a port I/O access: what a TD does instead of IN or OUT.',
    handles: 'KVM checks size and direction and emulates the port access; for a read the value comes back in R11.',
    args: [
      arg('size', 'r12', 'access size in bytes: 1, 2 or 4', 1n, [guestTdx('handle_in(), handle_out(): .r12 = size'), kvmTdx('tdx_emulate_io(): size != 1 && size != 2 && size != 4 -> INVALID_OPERAND')]),
      arg('direction', 'r13', '0 = read (PORT_READ), 1 = write (PORT_WRITE)', 1n, [guestTdx('#define PORT_READ 0, PORT_WRITE 1; .r13 = PORT_READ')]),
      arg('port', 'r14', 'the I/O port', 0x3f8n, [guestTdx('handle_in(): .r14 = port')]),
      arg('value', 'r15', 'for a write: the value to write', 0x41n, [guestTdx('handle_out(): _tdx_hypercall(hcall_func(EXIT_REASON_IO_INSTRUCTION), size, PORT_WRITE, port, regs->ax & mask)'), kvmTdx('tdx_emulate_io(): val = tdx->vp_enter_args.r15')]),
    ],
    status: vmmStatus('SUCCESS, or INVALID_OPERAND for a bad size or direction', [kvmTdx('tdx_emulate_io()')]),
    sources: [guestTdx('handle_io(), handle_in(), handle_out()'), kvmTdx('tdx_emulate_io()'), src.leafToExit],
    notes: [{ kind: 'info', text: 'The example writes "A" (0x41) to port 0x3f8, an arbitrary choice. A read returns the value in R11.', sources: [guestTdx('handle_in(): regs->ax |= args.r11 & mask')] }],
  }),
  subFunction({
    id: 'mmio',
    name: 'MMIO (EPT violation)',
    number: exitNumber('EXIT_REASON_EPT_VIOLATION', 48),
    summary: 'Ask the VMM to perform an access to emulated MMIO, after the TD decoded the faulting instruction itself.',
    handles: 'KVM sees the exit as EXIT_REASON_EPT_MISCONFIG, checks that the address is shared, and emulates the access; a read returns the value in R11.',
    args: [
      arg('size', 'r12', 'access size in bytes: 1, 2, 4 or 8', 4n, [guestTdx('mmio_read(): .r12 = size'), kvmTdx('tdx_emulate_mmio(): size != 1 && size != 2 && size != 4 && size != 8 -> error')]),
      arg('direction', 'r13', '0 = read (EPT_READ), 1 = write (EPT_WRITE)', 0n, [guestTdx('#define EPT_READ 0, EPT_WRITE 1; mmio_read(): .r13 = EPT_READ')]),
      arg('address', 'r14', 'the shared guest physical address', 0x80000000fed00000n, [guestTdx('mmio_read(): .r14 = addr'), kvmTdx('tdx_emulate_mmio(): "TDG.VP.VMCALL<MMIO> allows only shared GPA"')]),
    ],
    status: vmmStatus('SUCCESS, or INVALID_OPERAND for a bad size, direction or a private address', [kvmTdx('tdx_emulate_mmio(): error: TDVMCALL_STATUS_INVALID_OPERAND')]),
    results: [
      {
        name: 'value',
        register: 'r11',
        meaning: 'for a read: the value read',
        example: 0x8086a201n,
        exampleMeaning: 'an example',
        sources: [guestTdx('mmio_read(): *val = args.r11'), kvmTdx('tdx_mmio_read(): tdvmcall_set_return_val(vcpu, val)')],
      },
    ],
    sources: [guestTdx('mmio_read(), mmio_write(), handle_mmio()'), src.leafToExit, kvmTdx('tdx_handle_exit(): case EXIT_REASON_EPT_MISCONFIG: return tdx_emulate_mmio(vcpu)')],
    notes: [
      {
        kind: 'info',
        text: 'The one instruction-emulation call KVM does not take at its own exit reason: hcall_func(EXIT_REASON_EPT_VIOLATION) (48) arrives as EXIT_REASON_EPT_MISCONFIG (49), KVM’s MMIO exit.',
        sources: [src.leafToExit],
      },
    ],
  }),
];
