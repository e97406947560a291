import type { BitLayout } from '../../model/bits';
import { encodeFields } from '../../model/bits';
import type { Call } from '../../model/call';
import type { MemoryArg, MemoryField } from '../../model/memory';
import type { Note, Source } from '../../model/source';
import { GHCB_SIZE, ghcbOffset, validBitmap } from './ghcb';
import { common, kvmSev, src, svmH, uapiSvm, vcShared } from './sources';

/**
 * The GHCB page protocol: the guest fills its GHCB (a page shared with the
 * host, unencrypted) with the exit code, its two exit-information words and
 * whatever state the exit needs, writes the page's GPA into the GHCB MSR and
 * executes VMGEXIT. The host maps the page and reads it; the answer comes
 * back in the same page.
 */

export const FAMILY = 'sev-page';

const gpaSrc = kvmSev('sev_handle_vmgexit: a GHCB MSR value with GHCBInfo (bits 11:0) 0 is the GHCB page’s GPA: kvm_vcpu_map(vcpu, ghcb_gpa >> PAGE_SHIFT, …)');

/** The GHCB MSR holding a page address: the low 12 bits must be 0, or KVM takes it for an MSR-protocol request. */
export const ghcbGpaLayout: BitLayout = {
  id: 'ghcb-msr-gpa',
  name: 'GHCB MSR: GHCB page GPA',
  bits: 64,
  fields: [
    { key: 'gfn', name: 'GHCB page frame number', hi: 63, lo: 12, sources: [gpaSrc, src.hvCall] },
    { key: 'info', name: 'GHCBInfo (0 for a page address)', hi: 11, lo: 0, mustBe: 0n, sources: [src.dispatch, src.msrInfo] },
  ],
  sources: [src.dispatch, src.hvCall],
};

/** The example guest's GHCB page (the GFN registered in the MSR protocol's example). */
export const GHCB_GPA = encodeFields(ghcbGpaLayout, { gfn: 0x7f123n });

/** A field of the GHCB page at its computed offset; 8 bytes unless the struct says otherwise. */
function field(name: string, f: Omit<MemoryField, 'name' | 'offset' | 'bytes'> & { bytes?: number }): MemoryField {
  return { name, offset: ghcbOffset(name), bytes: f.bytes ?? 8, ...f };
}

const setter = (name: string) =>
  svmH(`DEFINE_GHCB_ACCESSORS(${name}): ghcb_set_${name}() stores the value and sets bit GHCB_BITMAP_IDX(${name}) of valid_bitmap`);
const NO_ACTION = 'GHCB_HV_RESP_NO_ACTION (0): handled';

/** The fields every GHCB-page exit fills, with the valid bitmap computed from the fields set through ghcb_set_*(). */
function exitFields(
  exitCode: bigint,
  info1: bigint,
  info2: bigint,
  info1Meaning: string,
  info2Meaning: string,
  setFields: readonly string[],
  version: bigint,
): MemoryField[] {
  return [
    field('sw_exit_code', {
      direction: 'in',
      example: exitCode,
      meaning: 'which exit the guest asks the hypervisor to handle',
      sources: [src.hvCall, setter('sw_exit_code')],
    }),
    field('sw_exit_info_1', {
      direction: 'inout',
      example: info1,
      result: 0n,
      resultMeaning: NO_ACTION,
      meaning: `in: ${info1Meaning}; out: the GHCB return code (bits 31:0)`,
      sources: [src.hvCall, src.verify, src.hvResp, kvmSev('sev_handle_vmgexit: svm_vmgexit_success(svm, 0) before the exit is handled')],
    }),
    field('sw_exit_info_2', { direction: 'in', example: info2, meaning: info2Meaning, sources: [src.hvCall, setter('sw_exit_info_2')] }),
    field('valid_bitmap', {
      direction: 'in',
      bytes: 16,
      example: validBitmap(['sw_exit_code', 'sw_exit_info_1', 'sw_exit_info_2', ...setFields]),
      meaning: `one bit per 8-byte word of the save area that the guest set: ${['sw_exit_code', 'sw_exit_info_1', 'sw_exit_info_2', ...setFields].join(', ')}`,
      sources: [src.accessors],
    }),
    field('protocol_version', {
      direction: 'in',
      bytes: 2,
      example: version,
      meaning: 'the GHCB protocol version negotiated with GHCB_MSR_SEV_INFO_REQ (an example)',
      sources: [src.hvCall, src.protocol],
    }),
    field('ghcb_usage', { direction: 'in', bytes: 4, example: 0n, meaning: 'GHCB_DEFAULT_USAGE (0)', sources: [src.hvCall, src.protocol] }),
  ];
}

function ghcbPage(fields: readonly MemoryField[]): MemoryArg {
  return {
    name: 'GHCB page',
    where: { register: 'ghcb_msr' },
    size: GHCB_SIZE,
    direction: 'inout',
    fields: [...fields].sort((a, b) => a.offset - b.offset),
    sources: [src.ghcbStruct, src.sizes, src.hvCall],
  };
}

const gpaArg = {
  name: 'GHCB GPA',
  meaning: 'guest physical address of the GHCB page: sev_es_wr_ghcb_msr(__pa(ghcb))',
  register: 'ghcb_msr',
  example: GHCB_GPA,
  layout: ghcbGpaLayout,
  sources: [src.hvCall, src.wrMsr],
};

interface PageCall {
  id: string;
  name: string;
  exitCode: number;
  macro: string;
  codeSource: Source;
  summary: string;
  handles: string;
  memory: MemoryArg;
  sources: readonly Source[];
  notes?: readonly Note[];
}

function pageCall(c: PageCall): Call {
  return {
    id: `sev-ghcb-${c.id}`,
    name: c.name,
    family: FAMILY,
    summary: c.summary,
    number: { value: BigInt(c.exitCode), stated: { value: BigInt(c.exitCode), how: 'literal', source: c.codeSource } },
    args: [gpaArg],
    results: [],
    handles: c.handles,
    returnsOnSuccess: true,
    memory: [c.memory],
    sources: [c.codeSource, src.pageMap, ...c.sources],
    notes: c.notes ?? [],
  };
}

const cpuidHandler = vcShared(
  'vc_handle_cpuid: ghcb_set_rax(ghcb, regs->ax); ghcb_set_rcx(ghcb, regs->cx); ghcb_set_xcr0(…); sev_es_ghcb_hv_call(ghcb, ctxt, SVM_EXIT_CPUID, 0, 0); then rax, rbx, rcx, rdx must be valid and are copied to the guest’s registers',
);
const CPUID_IN = { fn: 0x8000001fn, subfn: 0n };

const mmioRead = vcShared(
  'vc_do_mmio (read in excerpts of several copies of arch/x86/kernel/sev.c and coco/sev): exit_code = SVM_VMGEXIT_MMIO_READ; exit_info_1 = the MMIO physical address; exit_info_2 = bytes ("Can never be greater than 8"); sw_scratch = __pa(ghcb) + offsetof(struct ghcb, shared_buffer)',
);
const MMIO_GPA = 0xfebf0000n;

export const pageCalls: readonly Call[] = [
  pageCall({
    id: 'cpuid',
    name: 'SVM_EXIT_CPUID (through the GHCB)',
    exitCode: 0x72,
    macro: 'SVM_EXIT_CPUID',
    codeSource: uapiSvm('#define SVM_EXIT_CPUID 0x072'),
    summary:
      'CPUID in an SEV-ES guest: the #VC handler copies RAX and RCX into the GHCB, the hypervisor answers all four registers in the GHCB, and the handler copies them back.',
    handles:
      'KVM maps the page, copies the valid registers in (sev_es_sync_from_ghcb), runs its ordinary CPUID exit handler and writes RAX, RBX, RCX and RDX back into the page.',
    memory: ghcbPage([
      field('rax', {
        direction: 'inout',
        example: CPUID_IN.fn,
        result: 0n,
        resultMeaning: 'EAX of the leaf (an example)',
        meaning: 'in: the CPUID function; out: EAX',
        sources: [cpuidHandler, setter('rax')],
      }),
      field('rcx', {
        direction: 'inout',
        example: CPUID_IN.subfn,
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
      ...exitFields(0x72n, 0n, 0n, '0 for CPUID', '0 for CPUID', ['rax', 'rcx', 'xcr0'], 2n),
    ]),
    sources: [cpuidHandler, kvmSev('sev_handle_vmgexit: default: ret = svm_invoke_exit_handler(vcpu, exit_code)')],
    notes: [
      {
        kind: 'unconfirmed',
        text: 'Which fields KVM marks valid on the way back (sev_es_sync_to_ghcb) was not read; the guest requires rax, rbx, rcx and rdx to be valid, so the page shown after the exit has them set. The valid bitmap shown is the guest’s, before the exit.',
        sources: [cpuidHandler],
      },
    ],
  }),
  pageCall({
    id: 'mmio-read',
    name: 'SVM_VMGEXIT_MMIO_READ',
    exitCode: 0x80000001,
    macro: 'SVM_VMGEXIT_MMIO_READ',
    codeSource: uapiSvm('#define SVM_VMGEXIT_MMIO_READ 0x80000001 (SEV-ES software-defined VMGEXIT events)'),
    summary:
      'A read from emulated MMIO in an SEV-ES guest: the hypervisor cannot decode the guest’s instruction, so the #VC handler names the address and size and gets the bytes back in the GHCB’s shared buffer.',
    handles:
      'KVM checks the scratch area (setup_vmgexit_scratch), emulates the read at exit_info_1 for exit_info_2 bytes and puts the data in the shared buffer.',
    memory: ghcbPage([
      field('sw_scratch', {
        direction: 'in',
        example: GHCB_GPA + BigInt(ghcbOffset('shared_buffer')),
        meaning: 'GPA of the GHCB’s shared buffer, where the data comes back',
        sources: [mmioRead, svmH('struct ghcb: u8 shared_buffer[GHCB_SHARED_BUF_SIZE] after reserved_save[2048 - sizeof(struct ghcb_save_area)]')],
      }),
      field('shared_buffer', {
        direction: 'out',
        bytes: 4,
        result: 0x12345678n,
        resultMeaning: 'the 4 bytes read (an example)',
        meaning: 'out: the bytes read',
        sources: [mmioRead, kvmSev('case SVM_VMGEXIT_MMIO_READ: kvm_sev_es_mmio_read(vcpu, exit_info_1, exit_info_2, svm->sev_es.ghcb_sa)')],
      }),
      ...exitFields(
        0x80000001n,
        MMIO_GPA,
        4n,
        'the MMIO guest physical address (an example device address)',
        'the size in bytes (at most 8)',
        ['sw_scratch'],
        2n,
      ),
    ]),
    sources: [mmioRead, kvmSev('case SVM_VMGEXIT_MMIO_READ: ret = setup_vmgexit_scratch(svm, true, control->exit_info_2); … kvm_sev_es_mmio_read(…)')],
    notes: [
      {
        kind: 'unconfirmed',
        text: 'vc_do_mmio was read in excerpts, not in the pinned vc-shared.c: older copies store sw_scratch directly, without setting its valid bit, newer ones call ghcb_set_sw_scratch(); the valid bitmap shown assumes the newer form. The address and the data are example values.',
        sources: [mmioRead],
      },
    ],
  }),
];

/** The sev-common.h return codes the GHCB page carries back in sw_exit_info_1, for the notes. */
export const ghcbReturnNote: Note = {
  kind: 'info',
  text: 'The hypervisor answers in the page, not in a register: sw_exit_info_1 bits 31:0 = 0 (GHCB_HV_RESP_NO_ACTION) when it handled the exit, 1 to have the guest raise the exception described in sw_exit_info_2, 2 (GHCB_HV_RESP_MALFORMED_INPUT) with a GHCB_ERR_* code in sw_exit_info_2.',
  sources: [src.hvResp, common('GHCB_ERR_NOT_REGISTERED 1 … GHCB_ERR_INVALID_EVENT 6, "communicated back to the guest via SW_EXITINFO2[31:0]"'), src.verify],
};
