import type { BitLayout } from '../../model/bits';
import { structOffsets, type StructMember } from '../../model/memory';
import { ghcbOffset } from './ghcb';
import { common, sevH } from './sources';

/**
 * The Page State Change descriptor as arch/x86/include/asm/sev-common.h
 * declares it (all __packed): struct psc_hdr, then VMGEXIT_PSC_MAX_ENTRY
 * entries of struct psc_entry, one u64 bit-field each. Linux copies it into
 * the GHCB's shared buffer (vmgexit_psc), so its offsets there are computed
 * from these members and the buffer's own offset.
 */

/** VMGEXIT_PSC_MAX_ENTRY: how many entries Linux's descriptor holds (the GHCB-defined maximum is VMGEXIT_PSC_MAX_COUNT, 253). */
export const VMGEXIT_PSC_MAX_ENTRY = 64;

export const PSC_HDR: readonly StructMember[] = [
  { name: 'cur_entry', size: 2 },
  { name: 'end_entry', size: 2 },
  { name: 'reserved', size: 4 },
];

const hdr = structOffsets(PSC_HDR, true);

export const SNP_PSC_DESC: readonly StructMember[] = [
  { name: 'hdr', size: 1, count: hdr.size },
  { name: 'entries', size: 8, count: VMGEXIT_PSC_MAX_ENTRY },
];

const desc = structOffsets(SNP_PSC_DESC, true);

export const PSC_DESC_SIZE = desc.size;

/** Offset in the GHCB page of a header member ("end_entry") or of entry n, with the descriptor at the start of the shared buffer. */
export function pscOffset(member: string | number): number {
  const at = typeof member === 'number' ? desc.offsets.entries! + 8 * member : desc.offsets.hdr! + hdr.offsets[member]!;
  if (Number.isNaN(at)) throw new Error(`struct psc_hdr has no member ${member}`);
  return ghcbOffset('shared_buffer') + at;
}

const entrySrc = common('struct psc_entry { u64 cur_page : 12, gfn : 40, operation : 4, pagesize : 1, reserved : 7; } __packed');
const opSrc = common('VMGEXIT_PSC_OP_PRIVATE 1, VMGEXIT_PSC_OP_SHARED 2; enum psc_op { SNP_PAGE_STATE_PRIVATE = 1, SNP_PAGE_STATE_SHARED }');

/** struct psc_entry's bit-fields, allocated from bit 0 upwards as GCC does on x86. */
export const pscEntryLayout: BitLayout = {
  id: 'psc-entry',
  name: 'struct psc_entry',
  bits: 64,
  fields: [
    { key: 'reserved', name: 'reserved', hi: 63, lo: 57, sources: [entrySrc] },
    {
      key: 'pagesize',
      name: 'pagesize (RMP_PG_SIZE_4K 0, RMP_PG_SIZE_2M 1)',
      hi: 56,
      lo: 56,
      names: { '0': 'RMP_PG_SIZE_4K', '1': 'RMP_PG_SIZE_2M' },
      sources: [entrySrc, sevH('#define RMP_PG_SIZE_4K 0, #define RMP_PG_SIZE_2M 1')],
    },
    { key: 'operation', name: 'operation', hi: 55, lo: 52, names: { '1': 'SNP_PAGE_STATE_PRIVATE', '2': 'SNP_PAGE_STATE_SHARED' }, sources: [entrySrc, opSrc] },
    { key: 'gfn', name: 'guest frame number', hi: 51, lo: 12, sources: [entrySrc] },
    { key: 'cur_page', name: 'cur_page', hi: 11, lo: 0, sources: [entrySrc] },
  ],
  sources: [entrySrc],
};
