import type { Call } from '../../model/call';
import type { MemoryField } from '../../model/memory';
import type { Source } from '../../model/source';
import { linux } from '../docs';
import { SHARED_BUFFER_GPA, field, pageCall, setter } from './page-call';
import { internal, kvmSev, svmH, uapiSvm, uapiTools, vcHandle, vcShared } from './sources';

/**
 * The exits the #VC handler forwards through the GHCB page
 * (arch/x86/coco/sev/vc-handle.c vc_handle_exitcode, with the helpers of
 * vc-shared.c): an intercepted instruction in an SEV-ES guest raises #VC
 * instead of exiting, and the handler hands the hypervisor the state that
 * instruction needs, under the ordinary SVM exit code, or under
 * SVM_VMGEXIT_MMIO_READ/WRITE for a nested page fault on emulated MMIO.
 */

const exitCode = (macro: string, value: number) => uapiSvm(`#define ${macro} 0x${value.toString(16).padStart(3, '0')}`);

const kvmDefault = kvmSev('sev_handle_vmgexit: default: ret = svm_invoke_exit_handler(vcpu, exit_code)');

const outValue = (name: string, result: bigint, resultMeaning: string, sources: readonly Source[]): MemoryField =>
  field(name, { direction: 'out', result, resultMeaning, meaning: `out: ${name.toUpperCase()} for the guest`, sources });

// ---------------------------------------------------------------- CPUID

const cpuidHandler = vcShared(
  'vc_handle_cpuid: ghcb_set_rax(ghcb, regs->ax); ghcb_set_rcx(ghcb, regs->cx); ghcb_set_xcr0(…); sev_es_ghcb_hv_call(ghcb, ctxt, SVM_EXIT_CPUID, 0, 0); then rax, rbx, rcx, rdx must be valid and are copied to the guest’s registers',
);

const cpuid = pageCall({
  id: 'cpuid',
  name: 'SVM_EXIT_CPUID (through the GHCB)',
  exitCode: 0x72,
  codeSource: exitCode('SVM_EXIT_CPUID', 0x72),
  summary:
    'CPUID in an SEV-ES guest: the #VC handler copies RAX and RCX into the GHCB, the hypervisor answers all four registers in the GHCB, and the handler copies them back.',
  handles:
    'KVM maps the page, copies the valid registers in (sev_es_sync_from_ghcb), runs its ordinary CPUID exit handler and writes RAX, RBX, RCX and RDX back into the page.',
  issuedBy: 'hv-call',
  info1: { value: 0n, meaning: '0 for CPUID' },
  info2: { value: 0n, meaning: '0 for CPUID' },
  fields: [
    field('rax', {
      direction: 'inout',
      example: 0x8000001fn,
      result: 0n,
      resultMeaning: 'EAX of the leaf (an example)',
      meaning: 'in: the CPUID function; out: EAX',
      sources: [cpuidHandler, setter('rax')],
    }),
    field('rcx', {
      direction: 'inout',
      example: 0n,
      result: 0n,
      resultMeaning: 'ECX of the leaf (an example)',
      meaning: 'in: the sub-leaf; out: ECX',
      sources: [cpuidHandler, setter('rcx')],
    }),
    field('rbx', {
      direction: 'out',
      result: 51n,
      resultMeaning: 'EBX: C-bit position 51 in bits 5:0 (an example)',
      meaning: 'out: EBX',
      sources: [cpuidHandler],
    }),
    field('rdx', { direction: 'out', result: 0n, resultMeaning: 'EDX of the leaf (an example)', meaning: 'out: EDX', sources: [cpuidHandler] }),
    field('xcr0', { direction: 'in', example: 1n, meaning: 'XCR0, or its reset value 1 when CR4.OSXSAVE is clear', sources: [cpuidHandler, setter('xcr0')] }),
  ],
  sources: [cpuidHandler, kvmDefault],
  notes: [
    {
      kind: 'unconfirmed',
      text: 'Which fields KVM marks valid on the way back (sev_es_sync_to_ghcb) was not read; the guest requires rax, rbx, rcx and rdx to be valid, so the page shown after the exit has them set. The valid bitmap shown is the guest’s, before the exit.',
      sources: [cpuidHandler],
    },
  ],
});

// ---------------------------------------------------------------- MMIO

const doMmio = vcHandle(
  'vc_do_mmio: exit_code = read ? SVM_VMGEXIT_MMIO_READ : SVM_VMGEXIT_MMIO_WRITE; exit_info_1 = paddr; exit_info_2 = bytes ("Can never be greater than 8"); ghcb_set_sw_scratch(ghcb, ghcb_pa + offsetof(struct ghcb, shared_buffer))',
);
const MMIO_GPA = 0xfebf0000n;
const scratch = (what: string): MemoryField =>
  field('sw_scratch', {
    direction: 'in',
    example: SHARED_BUFFER_GPA,
    meaning: `GPA of the GHCB’s shared buffer, where ${what}`,
    sources: [
      doMmio,
      setter('sw_scratch'),
      svmH('struct ghcb: u8 shared_buffer[GHCB_SHARED_BUF_SIZE] after reserved_save[2048 - sizeof(struct ghcb_save_area)]'),
    ],
  });
const mmioInfo = {
  info1: { value: MMIO_GPA, meaning: 'the MMIO guest physical address (an example device address)' },
  info2: { value: 4n, meaning: 'the size in bytes (at most 8)' },
};

const mmioRead = pageCall({
  id: 'mmio-read',
  name: 'SVM_VMGEXIT_MMIO_READ',
  exitCode: 0x80000001,
  codeSource: uapiSvm('#define SVM_VMGEXIT_MMIO_READ 0x80000001 (SEV-ES software-defined VMGEXIT events)'),
  summary:
    'A read from emulated MMIO in an SEV-ES guest: the hypervisor cannot decode the guest’s instruction, so the #VC handler names the address and size and gets the bytes back in the GHCB’s shared buffer.',
  handles:
    'KVM checks the scratch area (setup_vmgexit_scratch), emulates the read at exit_info_1 for exit_info_2 bytes and puts the data in the shared buffer.',
  issuedBy: 'hv-call',
  ...mmioInfo,
  fields: [
    scratch('the data comes back'),
    field('shared_buffer', {
      direction: 'out',
      bytes: 4,
      result: 0x12345678n,
      resultMeaning: 'the 4 bytes read (an example)',
      meaning: 'out: the bytes read',
      sources: [
        doMmio,
        vcHandle('vc_handle_mmio: case INSN_MMIO_READ: memcpy(reg_data, ghcb->shared_buffer, bytes)'),
        kvmSev('case SVM_VMGEXIT_MMIO_READ: kvm_sev_es_mmio_read(vcpu, exit_info_1, exit_info_2, svm->sev_es.ghcb_sa)'),
      ],
    }),
  ],
  sources: [doMmio, kvmSev('case SVM_VMGEXIT_MMIO_READ: ret = setup_vmgexit_scratch(svm, true, control->exit_info_2); … kvm_sev_es_mmio_read(…)')],
  notes: [{ kind: 'info', text: 'The address and the data are example values.', sources: [doMmio] }],
});

const mmioWrite = pageCall({
  id: 'mmio-write',
  name: 'SVM_VMGEXIT_MMIO_WRITE',
  exitCode: 0x80000002,
  codeSource: uapiTools('#define SVM_VMGEXIT_MMIO_WRITE 0x80000002'),
  summary:
    'A write to emulated MMIO in an SEV-ES guest: the #VC handler copies the bytes to write into the GHCB’s shared buffer and names the address and size; the hypervisor emulates the write.',
  handles: 'KVM checks the scratch area and emulates the write of exit_info_2 bytes from the shared buffer at exit_info_1 (kvm_sev_es_mmio_write).',
  issuedBy: 'hv-call',
  ...mmioInfo,
  fields: [
    scratch('the data to write is'),
    field('shared_buffer', {
      direction: 'in',
      bytes: 4,
      example: 0xcafe0001n,
      meaning: 'the bytes to write (an example), copied from the instruction’s register or immediate',
      sources: [
        doMmio,
        vcHandle(
          'vc_handle_mmio: case INSN_MMIO_WRITE: memcpy(ghcb->shared_buffer, reg_data, bytes); case INSN_MMIO_WRITE_IMM: memcpy(ghcb->shared_buffer, insn->immediate1.bytes, bytes)',
        ),
      ],
    }),
  ],
  sources: [doMmio, kvmSev('case SVM_VMGEXIT_MMIO_WRITE: ret = setup_vmgexit_scratch(svm, false, control->exit_info_2); … kvm_sev_es_mmio_write(…)')],
  notes: [{ kind: 'info', text: 'The address and the data are example values.', sources: [doMmio] }],
});

// ---------------------------------------------------------------- IOIO

/**
 * vc_ioio_exitinfo()'s exit_info_1 for IN/OUT with the port in DX, built
 * from the macros vc-shared.c defines: IOIO_TYPE_IN 1, IOIO_DATA_8/16/32
 * BIT(4)/(5)/(6), IOIO_ADDR_16/32/64 BIT(7)/(8)/(9), port << 16.
 */
export function ioioExitInfo(o: { in: boolean; port: number; dataBits: 8 | 16 | 32; addrBits: 16 | 32 | 64 }): bigint {
  const data = { 8: 1n << 4n, 16: 1n << 5n, 32: 1n << 6n }[o.dataBits];
  const addr = { 16: 1n << 7n, 32: 1n << 8n, 64: 1n << 9n }[o.addrBits];
  return (o.in ? 1n : 0n) | data | addr | (BigInt(o.port) << 16n);
}

const ioioSrc = vcShared(
  'vc_ioio_exitinfo: IOIO_TYPE_IN 1, IOIO_TYPE_STR BIT(2), IOIO_REP BIT(3), IOIO_DATA_8 BIT(4), IOIO_DATA_16 BIT(5), IOIO_DATA_32 BIT(6), IOIO_ADDR_16 BIT(7), IOIO_ADDR_32 BIT(8), IOIO_ADDR_64 BIT(9); *exitinfo |= port << 16',
);
const ioioHandler = vcShared(
  'vc_handle_ioio, IN/OUT into/from rAX: rax = 0, or lower_bits(regs->ax, bits) for OUT; ghcb_set_rax(ghcb, rax); sev_es_ghcb_hv_call(ghcb, ctxt, SVM_EXIT_IOIO, exit_info_1, 0); for IN rax must be valid and regs->ax = lower_bits(ghcb->save.rax, bits)',
);
const COM1 = 0x3f8;

const ioio = pageCall({
  id: 'ioio-in',
  name: 'SVM_EXIT_IOIO (IN through the GHCB)',
  exitCode: 0x7b,
  codeSource: exitCode('SVM_EXIT_IOIO', 0x7b),
  summary:
    'An IN from an I/O port in an SEV-ES guest (here inb %dx, %al from port 0x3F8): the #VC handler describes the access in exit_info_1, the hypervisor answers in RAX in the GHCB.',
  handles: 'KVM runs its I/O exit handler for the port, size and direction exit_info_1 describes and writes the value read into RAX in the page.',
  issuedBy: 'hv-call',
  info1: {
    value: ioioExitInfo({ in: true, port: COM1, dataBits: 8, addrBits: 64 }),
    meaning: 'the access: port in bits 31:16 (0x3F8), IOIO_ADDR_64 (bit 9, 64-bit addressing), IOIO_DATA_8 (bit 4, one byte), IOIO_TYPE_IN (bit 0)',
  },
  info2: { value: 0n, meaning: '0 for IN/OUT to rAX (the string forms put a repeat count here)' },
  fields: [
    field('rax', {
      direction: 'inout',
      example: 0n,
      result: 0x41n,
      resultMeaning: 'the byte read (an example)',
      meaning: 'in: 0 for IN (the value for OUT); out: the value read',
      sources: [ioioHandler, setter('rax')],
    }),
  ],
  sources: [ioioSrc, ioioHandler, kvmDefault],
  notes: [
    {
      kind: 'info',
      text: 'INS and OUTS (IOIO_TYPE_STR) move their bytes through the shared buffer instead, with sw_scratch pointing at it and a count in exit_info_2; the port and the byte are example values.',
      sources: [
        vcShared(
          'vc_handle_ioio: if (exit_info_1 & IOIO_TYPE_STR) … sw_scratch = __pa(ghcb) + offsetof(struct ghcb, shared_buffer); exit_info_2 = min(op_count, ghcb_count)',
        ),
      ],
    },
  ],
});

// ---------------------------------------------------------------- MSR

const msrHandler = vcHandle(
  'sev_es_ghcb_handle_msr: ghcb_set_rcx(ghcb, regs->cx); if (write) { ghcb_set_rax(ghcb, regs->ax); ghcb_set_rdx(ghcb, regs->dx); } sev_es_ghcb_hv_call(ghcb, ctxt, SVM_EXIT_MSR, write, 0); for a read regs->ax = ghcb->save.rax, regs->dx = ghcb->save.rdx',
);
const tscMsr = linux('arch/x86/include/asm/msr-index.h', '#define MSR_IA32_TSC 0x00000010 (read in excerpts, not in a pinned tree)');
const secureTsc = vcHandle(
  'sev_es_ghcb_handle_msr: case MSR_IA32_TSC: if (sev_status & MSR_AMD64_SNP_SECURE_TSC) return __vc_handle_secure_tsc_msrs(ctxt, write) — with Secure TSC a read is answered from rdtsc_ordered() and a write raises #GP, without an exit',
);
const rcx = (sources: readonly Source[]) =>
  field('rcx', {
    direction: 'in',
    example: 0x10n,
    meaning: 'the MSR index: MSR_IA32_TSC (0x10, an example)',
    sources: [msrHandler, setter('rcx'), tscMsr, ...sources],
  });
const tscNote = {
  kind: 'info' as const,
  text: 'Under SEV-SNP with Secure TSC the handler answers MSR_IA32_TSC itself and nothing reaches the hypervisor; the MSR and values are examples.',
  sources: [secureTsc],
};

const msrRead = pageCall({
  id: 'msr-read',
  name: 'SVM_EXIT_MSR (RDMSR through the GHCB)',
  exitCode: 0x7c,
  codeSource: exitCode('SVM_EXIT_MSR', 0x7c),
  summary:
    'RDMSR in an SEV-ES guest: the #VC handler puts the MSR index in RCX in the GHCB with exit_info_1 = 0; the hypervisor answers EDX:EAX in RDX and RAX.',
  handles: 'KVM runs its MSR exit handler for a read of the MSR in RCX and writes the value into RAX and RDX in the page.',
  issuedBy: 'hv-call',
  info1: { value: 0n, meaning: '0: a read (the write flag)' },
  info2: { value: 0n, meaning: '0' },
  fields: [
    rcx([]),
    outValue('rax', 0x12345678n, 'bits 31:0 of the value (an example)', [msrHandler]),
    outValue('rdx', 0x9n, 'bits 63:32 of the value (an example)', [msrHandler]),
  ],
  sources: [msrHandler, vcHandle('vc_handle_msr: sev_es_ghcb_handle_msr(ghcb, ctxt, ctxt->insn.opcode.bytes[1] == 0x30) — 0F 30 is WRMSR'), kvmDefault],
  notes: [tscNote],
});

const msrWrite = pageCall({
  id: 'msr-write',
  name: 'SVM_EXIT_MSR (WRMSR through the GHCB)',
  exitCode: 0x7c,
  codeSource: exitCode('SVM_EXIT_MSR', 0x7c),
  summary: 'WRMSR in an SEV-ES guest: the #VC handler puts the MSR index in RCX and the value in RDX:RAX in the GHCB, with exit_info_1 = 1.',
  handles: 'KVM runs its MSR exit handler for a write of RDX:RAX to the MSR in RCX.',
  issuedBy: 'hv-call',
  info1: { value: 1n, meaning: '1: a write (the write flag)' },
  info2: { value: 0n, meaning: '0' },
  fields: [
    rcx([]),
    field('rax', { direction: 'in', example: 0n, meaning: 'bits 31:0 of the value to write (an example)', sources: [msrHandler, setter('rax')] }),
    field('rdx', { direction: 'in', example: 0n, meaning: 'bits 63:32 of the value to write (an example)', sources: [msrHandler, setter('rdx')] }),
  ],
  sources: [msrHandler, kvmDefault],
  notes: [tscNote],
});

// ---------------------------------------------------------------- RDTSC, RDTSCP

const rdtscHandler = vcShared(
  'vc_handle_rdtsc: sev_es_ghcb_hv_call(ghcb, ctxt, exit_code, 0, 0); rax and rdx (and rcx for RDTSCP) must be valid; regs->ax = ghcb->save.rax; regs->dx = ghcb->save.rdx; if (rdtscp) regs->cx = ghcb->save.rcx',
);
const secureTscRdtsc = vcShared(
  'vc_handle_rdtsc: if (sev_status & MSR_AMD64_SNP_SECURE_TSC) return ES_VMM_ERROR — "The hypervisor should not be intercepting RDTSC/RDTSCP when Secure TSC is enabled"',
);
const tsc = (name: 'rdtsc' | 'rdtscp', code: number): Call =>
  pageCall({
    id: name,
    name: `SVM_EXIT_${name.toUpperCase()} (through the GHCB)`,
    exitCode: code,
    codeSource: exitCode(`SVM_EXIT_${name.toUpperCase()}`, code),
    summary: `${name.toUpperCase()} in an SEV-ES guest whose hypervisor intercepts it: the handler sends nothing but the exit code; the hypervisor answers the TSC in RDX:RAX${name === 'rdtscp' ? ' and TSC_AUX in RCX' : ''}.`,
    handles: `KVM runs its ${name.toUpperCase()} exit handler and writes RAX and RDX${name === 'rdtscp' ? ' and RCX' : ''} into the page.`,
    issuedBy: 'hv-call',
    info1: { value: 0n, meaning: '0' },
    info2: { value: 0n, meaning: '0' },
    fields: [
      outValue('rax', 0x9abcdef0n, 'bits 31:0 of the TSC (an example)', [rdtscHandler]),
      outValue('rdx', 0x12n, 'bits 63:32 of the TSC (an example)', [rdtscHandler]),
      ...(name === 'rdtscp' ? [outValue('rcx', 0n, 'TSC_AUX (an example)', [rdtscHandler])] : []),
    ],
    sources: [rdtscHandler, kvmDefault],
    notes: [
      {
        kind: 'info',
        text: 'With SEV-SNP Secure TSC the hypervisor must not intercept it: the handler treats the #VC as a hypervisor error. The values are examples.',
        sources: [secureTscRdtsc],
      },
    ],
  });

// ---------------------------------------------------------------- DR7, WBINVD, VMMCALL

const dr7Handler = vcHandle(
  'vc_handle_dr7_write: val = (val & 0xffff23ffL) | BIT(10); "Using a value of 0 for ExitInfo1 means RAX holds the value": ghcb_set_rax(ghcb, val); sev_es_ghcb_hv_call(ghcb, ctxt, SVM_EXIT_WRITE_DR7, 0, 0); then data->dr7 = val',
);
const dr7Reset = internal('#define DR7_RESET_VALUE 0x400');

const dr7 = pageCall({
  id: 'dr7-write',
  name: 'SVM_EXIT_WRITE_DR7 (through the GHCB)',
  exitCode: 0x37,
  codeSource: exitCode('SVM_EXIT_WRITE_DR7', 0x37),
  summary:
    'A write to DR7 in an SEV-ES guest: the #VC handler sends the value in RAX with exit_info_1 = 0 and keeps a copy, which later DR7 reads return without an exit.',
  handles: 'KVM runs its DR7 write handler with the value from RAX.',
  issuedBy: 'hv-call',
  info1: { value: 0n, meaning: '0: the value is in RAX' },
  info2: { value: 0n, meaning: '0' },
  fields: [
    field('rax', {
      direction: 'in',
      example: 0x400n,
      meaning: 'the DR7 value, reserved bits cleared and bit 10 set: DR7_RESET_VALUE (0x400) here',
      sources: [dr7Handler, dr7Reset, setter('rax')],
    }),
  ],
  sources: [dr7Handler, kvmDefault],
  notes: [
    {
      kind: 'info',
      text: 'Reads of DR7 do not exit: vc_handle_dr7_read returns the cached value (DR7_RESET_VALUE before any write). With SEV-SNP DebugSwap neither read nor write should reach the handler, which treats it as a hypervisor error.',
      sources: [
        vcHandle('vc_handle_dr7_read: *reg = data->dr7 (or DR7_RESET_VALUE); if (sev_status & MSR_AMD64_SNP_DEBUG_SWAP) return ES_VMM_ERROR'),
        dr7Reset,
      ],
    },
  ],
});

const wbinvdHandler = vcHandle('vc_handle_wbinvd: return sev_es_ghcb_hv_call(ghcb, ctxt, SVM_EXIT_WBINVD, 0, 0)');
const wbinvd = pageCall({
  id: 'wbinvd',
  name: 'SVM_EXIT_WBINVD (through the GHCB)',
  exitCode: 0x89,
  codeSource: exitCode('SVM_EXIT_WBINVD', 0x89),
  summary: 'WBINVD in an SEV-ES guest: the exit code alone; no register travels either way.',
  handles: 'KVM runs its WBINVD exit handler.',
  issuedBy: 'hv-call',
  info1: { value: 0n, meaning: '0' },
  info2: { value: 0n, meaning: '0' },
  fields: [],
  sources: [wbinvdHandler, kvmDefault],
});

const vmmcallHandler = vcHandle(
  'vc_handle_vmmcall: ghcb_set_rax(ghcb, ctxt->regs->ax); ghcb_set_cpl(ghcb, user_mode(ctxt->regs) ? 3 : 0); x86_platform.hyper.sev_es_hcall_prepare(ghcb, ctxt->regs); sev_es_ghcb_hv_call(ghcb, ctxt, SVM_EXIT_VMMCALL, 0, 0); rax must be valid: ctxt->regs->ax = ghcb->save.rax; then sev_es_hcall_finish()',
);
const vmmcall = pageCall({
  id: 'vmmcall',
  name: 'SVM_EXIT_VMMCALL (through the GHCB)',
  exitCode: 0x81,
  codeSource: exitCode('SVM_EXIT_VMMCALL', 0x81),
  summary:
    'A hypercall (VMMCALL) in an SEV-ES guest: VMMCALL raises #VC, and the handler puts RAX and the caller’s privilege level in the GHCB; the hypervisor’s own hook adds the registers its hypercalls use.',
  handles: 'KVM runs its VMMCALL handler on the registers the page carries and writes the result into RAX in the page.',
  issuedBy: 'hv-call',
  info1: { value: 0n, meaning: '0' },
  info2: { value: 0n, meaning: '0' },
  fields: [
    field('rax', {
      direction: 'inout',
      example: 1n,
      result: 0n,
      resultMeaning: 'the hypercall’s result (an example)',
      meaning: 'in: the hypercall number (1, an example); out: the result',
      sources: [vmmcallHandler, setter('rax')],
    }),
    field('cpl', {
      direction: 'in',
      bytes: 1,
      example: 0n,
      meaning: 'the caller’s privilege level: 0 from the kernel, 3 from user mode',
      sources: [vmmcallHandler, setter('cpl')],
    }),
  ],
  sources: [vmmcallHandler, kvmDefault],
  notes: [
    {
      kind: 'unconfirmed',
      text: 'Which further registers x86_platform.hyper.sev_es_hcall_prepare() copies into the GHCB (KVM’s guest, Hyper-V’s, VMware’s) was not read: only RAX and CPL are shown. cpl sits at 0xCB, so ghcb_set_cpl() sets bit 25 of the valid bitmap (0xCB / 8 in integer division).',
      sources: [vmmcallHandler, svmH('GHCB_BITMAP_IDX(field) (offsetof(struct ghcb_save_area, field) / sizeof(u64))')],
    },
  ],
});

/** In vc_handle_exitcode's order, CPUID and the MMIO pair first (the events the family began with). */
export const vcExits: readonly Call[] = [cpuid, mmioRead, mmioWrite, ioio, msrRead, msrWrite, tsc('rdtsc', 0x6e), tsc('rdtscp', 0x87), dr7, wbinvd, vmmcall];
