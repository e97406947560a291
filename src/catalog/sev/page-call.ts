import type { BitLayout } from '../../model/bits';
import { encodeFields } from '../../model/bits';
import type { Call } from '../../model/call';
import type { MemoryArg, MemoryField } from '../../model/memory';
import type { Note, Source } from '../../model/source';
import { GHCB_SIZE, ghcbOffset, inSaveArea, validBitmap } from './ghcb';
import { kvmSev, src, svmH } from './sources';

/**
 * What every GHCB-page exit shares: the guest fills its GHCB (a page shared
 * with the host, unencrypted) with the exit code, its two exit-information
 * words and whatever state the exit needs, writes the page's GPA into the
 * GHCB MSR and executes VMGEXIT. The host maps the page and reads it; the
 * answer comes back in the same page. Each event's file says what it puts
 * there; this one builds the page, the valid bitmap and the call from that.
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

/** The guest physical address of the page's shared buffer, where Linux points sw_scratch: __pa(ghcb) + offsetof(struct ghcb, shared_buffer). */
export const SHARED_BUFFER_GPA = GHCB_GPA + BigInt(ghcbOffset('shared_buffer'));

/** A field of the GHCB page at its computed offset; 8 bytes unless the struct says otherwise. */
export function field(name: string, f: Omit<MemoryField, 'name' | 'offset' | 'bytes'> & { bytes?: number }): MemoryField {
  return { name, offset: ghcbOffset(name), bytes: f.bytes ?? 8, ...f };
}

export const setter = (name: string) =>
  svmH(`DEFINE_GHCB_ACCESSORS(${name}): ghcb_set_${name}() stores the value and sets bit GHCB_BITMAP_IDX(${name}) of valid_bitmap`);

const NO_ACTION = 'GHCB_HV_RESP_NO_ACTION (0): handled';

/** One exit-information word: what the guest puts in, and, where the host answers in it, what comes back. */
export interface ExitInfo {
  value: bigint;
  meaning: string;
  out?: { result: bigint; resultMeaning: string; meaning: string; sources: readonly Source[] };
}

export interface PageCall {
  id: string;
  name: string;
  exitCode: number;
  codeSource: Source;
  summary: string;
  handles: string;
  /**
   * How Linux issues it: through sev_es_ghcb_hv_call(), which also sets
   * protocol_version and ghcb_usage, or by setting the exit fields itself
   * and executing VMGEXIT() (the AP and NMI events), leaving those two
   * fields as an earlier exit wrote them.
   */
  issuedBy: 'hv-call' | 'direct';
  info1: ExitInfo;
  info2: ExitInfo;
  /** The event's own fields: state-save registers it sets or reads, and what it puts in the shared buffer. */
  fields: readonly MemoryField[];
  sources: readonly Source[];
  notes?: readonly Note[];
}

/** The fields every GHCB-page exit fills, with the valid bitmap computed from the save-area fields the guest sets through ghcb_set_*(). */
function exitFields(c: PageCall, issuer: Source): MemoryField[] {
  const setByEvent = c.fields.filter((f) => inSaveArea(f.name) && f.direction !== 'out' && f.example !== undefined).map((f) => f.name);
  const valid = ['sw_exit_code', 'sw_exit_info_1', 'sw_exit_info_2', ...setByEvent];
  const info = (name: 'sw_exit_info_1' | 'sw_exit_info_2', i: ExitInfo, out?: ExitInfo['out']): MemoryField =>
    field(name, {
      direction: out ? 'inout' : 'in',
      example: i.value,
      ...(out ? { result: out.result, resultMeaning: out.resultMeaning } : {}),
      meaning: out ? `in: ${i.meaning}; out: ${out.meaning}` : i.meaning,
      sources: [issuer, setter(name), ...(out?.sources ?? [])],
    });
  const protocol: MemoryField[] =
    c.issuedBy === 'hv-call'
      ? [
          field('protocol_version', {
            direction: 'in',
            bytes: 2,
            example: 2n,
            meaning: 'the GHCB protocol version negotiated with GHCB_MSR_SEV_INFO_REQ (an example)',
            sources: [src.hvCall, src.protocol],
          }),
          field('ghcb_usage', { direction: 'in', bytes: 4, example: 0n, meaning: 'GHCB_DEFAULT_USAGE (0)', sources: [src.hvCall, src.protocol] }),
        ]
      : [];
  return [
    field('sw_exit_code', {
      direction: 'in',
      example: BigInt(c.exitCode),
      selects: true,
      meaning: 'which exit the guest asks the hypervisor to handle',
      sources: [issuer, setter('sw_exit_code')],
    }),
    info('sw_exit_info_1', c.info1, {
      result: 0n,
      resultMeaning: NO_ACTION,
      meaning: 'the GHCB return code (bits 31:0)',
      sources: [src.verify, src.hvResp, kvmSev('sev_handle_vmgexit: svm_vmgexit_success(svm, 0) before the exit is handled')],
    }),
    info('sw_exit_info_2', c.info2, c.info2.out),
    field('valid_bitmap', {
      direction: 'in',
      bytes: 16,
      example: validBitmap(valid),
      meaning: `one bit per 8-byte word of the save area that the guest set: ${valid.join(', ')}`,
      sources: [src.accessors],
    }),
    ...protocol,
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

/** The sev-common.h return codes the GHCB page carries back in sw_exit_info_1, for the notes. */
export const ghcbReturnNote: Note = {
  kind: 'info',
  text: 'The hypervisor answers in the page, not in a register: sw_exit_info_1 bits 31:0 = 0 (GHCB_HV_RESP_NO_ACTION) when it handled the exit, 1 to have the guest raise the exception described in sw_exit_info_2, 2 (GHCB_HV_RESP_MALFORMED_INPUT) with a GHCB_ERR_* code in sw_exit_info_2.',
  sources: [src.hvResp, src.errCodes, src.verify],
};

const directNote = (issuer: Source): Note => ({
  kind: 'info',
  text: 'Linux issues this event without sev_es_ghcb_hv_call(): it sets the exit fields with ghcb_set_*(), writes the page’s GPA with sev_es_wr_ghcb_msr() and executes VMGEXIT() itself, so protocol_version and ghcb_usage keep what an earlier exit wrote, and verify_exception_info() does not run.',
  sources: [issuer],
});

export function pageCall(c: PageCall): Call {
  const issuer = c.issuedBy === 'hv-call' ? src.hvCall : c.sources[0]!;
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
    memory: [ghcbPage([...c.fields, ...exitFields(c, issuer)])],
    sources: [c.codeSource, src.pageMap, ...c.sources],
    notes: [...(c.issuedBy === 'direct' ? [directNote(issuer)] : []), ...(c.notes ?? [])],
  };
}
