import type { BitField, BitLayout } from '../../model/bits';
import { encodeFields } from '../../model/bits';
import type { Note } from '../../model/source';
import { gdk, kvmHv, tlfs, tlfsOther } from './sources';

/** Call codes this family shows, by the TLFS names (values from the TLFS call pages and Linux HVCALL_*). */
export const CALL_CODE = {
  HvCallFlushVirtualAddressSpace: 0x0002n,
  HvCallFlushVirtualAddressList: 0x0003n,
  HvCallNotifyLongSpinWait: 0x0008n,
  HvCallSendSyntheticClusterIpi: 0x000bn,
  HvCallFlushVirtualAddressSpaceEx: 0x0013n,
  HvCallFlushVirtualAddressListEx: 0x0014n,
  HvCallSendSyntheticClusterIpiEx: 0x0015n,
  HvCallGetVpRegisters: 0x0050n,
  HvCallSetVpRegisters: 0x0051n,
  HvCallPostMessage: 0x005cn,
  HvCallSignalEvent: 0x005dn,
} as const;

/** HV_STATUS values as include/hyperv/hvgdk_mini.h defines them. */
const HV_STATUS: readonly (readonly [number, string])[] = [
  [0x0, 'HV_STATUS_SUCCESS'],
  [0x2, 'HV_STATUS_INVALID_HYPERCALL_CODE'],
  [0x3, 'HV_STATUS_INVALID_HYPERCALL_INPUT'],
  [0x4, 'HV_STATUS_INVALID_ALIGNMENT'],
  [0x5, 'HV_STATUS_INVALID_PARAMETER'],
  [0x6, 'HV_STATUS_ACCESS_DENIED'],
  [0x7, 'HV_STATUS_INVALID_PARTITION_STATE'],
  [0x8, 'HV_STATUS_OPERATION_DENIED'],
  [0x9, 'HV_STATUS_UNKNOWN_PROPERTY'],
  [0xa, 'HV_STATUS_PROPERTY_VALUE_OUT_OF_RANGE'],
  [0xb, 'HV_STATUS_INSUFFICIENT_MEMORY'],
  [0xd, 'HV_STATUS_INVALID_PARTITION_ID'],
  [0xe, 'HV_STATUS_INVALID_VP_INDEX'],
  [0x10, 'HV_STATUS_NOT_FOUND'],
  [0x11, 'HV_STATUS_INVALID_PORT_ID'],
  [0x12, 'HV_STATUS_INVALID_CONNECTION_ID'],
  [0x13, 'HV_STATUS_INSUFFICIENT_BUFFERS'],
  [0x14, 'HV_STATUS_NOT_ACKNOWLEDGED'],
  [0x15, 'HV_STATUS_INVALID_VP_STATE'],
  [0x1d, 'HV_STATUS_NO_RESOURCES'],
  [0x20, 'HV_STATUS_PROCESSOR_FEATURE_NOT_SUPPORTED'],
  [0x41, 'HV_STATUS_INVALID_LP_INDEX'],
  [0x50, 'HV_STATUS_INVALID_REGISTER_VALUE'],
  [0x71, 'HV_STATUS_OPERATION_FAILED'],
  [0x78, 'HV_STATUS_TIME_OUT'],
  [0x79, 'HV_STATUS_CALL_PENDING'],
  [0x86, 'HV_STATUS_VTL_ALREADY_ENABLED'],
];

export const HV_STATUS_SUCCESS = 0x0n;
export const HV_STATUS_INVALID_HYPERCALL_CODE = 0x2n;

const statusNames = Object.fromEntries(HV_STATUS.map(([v, n]) => [String(v), n]));
const codeNames = Object.fromEntries(Object.entries(CALL_CODE).map(([n, v]) => [v.toString(), n]));

const inputTable = tlfs('Hypercall Inputs, hypercall input value table');

/** The 64-bit hypercall input value ("control word") that selects a Hyper-V hypercall. */
export const controlLayout: BitLayout = {
  id: 'hyperv-hypercall-input',
  name: 'Hyper-V hypercall input value',
  bits: 64,
  fields: [
    { key: 'rsvd2', name: 'RsvdZ', hi: 63, lo: 60, mustBe: 0n, sources: [inputTable, gdk('HV_HYPERCALL_RSVD2_MASK GENMASK_ULL(63, 60)')] },
    {
      key: 'repStart',
      name: 'rep start index',
      hi: 59,
      lo: 48,
      sources: [inputTable, gdk('HV_HYPERCALL_REP_START_OFFSET 48, HV_HYPERCALL_REP_START_MASK GENMASK_ULL(59, 48)')],
    },
    { key: 'rsvd1', name: 'RsvdZ', hi: 47, lo: 44, mustBe: 0n, sources: [inputTable, gdk('HV_HYPERCALL_RSVD1_MASK GENMASK_ULL(47, 44)')] },
    {
      key: 'repCount',
      name: 'rep count',
      hi: 43,
      lo: 32,
      sources: [inputTable, gdk('HV_HYPERCALL_REP_COMP_OFFSET 32, HV_HYPERCALL_REP_COMP_1 BIT_ULL(32), HV_HYPERCALL_REP_COMP_MASK GENMASK_ULL(43, 32)')],
    },
    {
      key: 'nested',
      name: 'is nested',
      hi: 31,
      lo: 31,
      names: { '0': 'handled by the hypervisor below the guest', '1': 'handled by the L0 hypervisor (nested)' },
      sources: [
        tlfs('Hypercall Inputs: "Is Nested | 31 | Specifies the hypercall should be handled by the L0 hypervisor in a nested environment."'),
        gdk('HV_HYPERCALL_NESTED BIT_ULL(31)'),
      ],
    },
    {
      key: 'rsvd0',
      name: 'RsvdZ',
      hi: 30,
      lo: 27,
      mustBe: 0n,
      sources: [tlfs('Hypercall Inputs: "RsvdZ | 30-27 | Must be zero"'), gdk('HV_HYPERCALL_RSVD0_MASK GENMASK_ULL(31, 27)')],
    },
    {
      key: 'varHeader',
      name: 'variable header size (QWORDs)',
      hi: 26,
      lo: 17,
      sources: [inputTable, gdk('HV_HYPERCALL_VARHEAD_OFFSET 17, HV_HYPERCALL_VARHEAD_MASK GENMASK_ULL(26, 17)')],
    },
    {
      key: 'fast',
      name: 'fast',
      hi: 16,
      lo: 16,
      names: { '0': 'memory-based', '1': 'register-based (fast)' },
      sources: [tlfs('Hypercall Inputs: "Fast | 16 | … 0 = memory-based, 1 = register-based"'), gdk('HV_HYPERCALL_FAST_BIT BIT(16)')],
    },
    {
      key: 'code',
      name: 'call code',
      hi: 15,
      lo: 0,
      names: codeNames,
      sources: [tlfs('Hypercall Inputs: "Call Code | 15-0"'), gdk('HVCALL_* (HV_CALL_CODE)'), kvmHv('kvm_hv_hypercall: hc.code = hc.param & 0xffff')],
    },
  ],
  sources: [inputTable, gdk('HV_HYPERCALL_INPUT: HV_HYPERCALL_* masks')],
};

const outputTable = tlfs('Hypercall Outputs, hypercall result value table');

/** The 64-bit hypercall result value every Hyper-V hypercall returns. */
export const resultLayout: BitLayout = {
  id: 'hyperv-hypercall-result',
  name: 'Hyper-V hypercall result value',
  bits: 64,
  fields: [
    {
      key: 'rsvdHigh',
      name: 'reserved (callers ignore)',
      hi: 63,
      lo: 44,
      sources: [tlfs('Hypercall Outputs: "RsvdZ | 63-40 | Callers should ignore the value in these bits"')],
    },
    {
      key: 'repsCompleted',
      name: 'reps completed',
      hi: 43,
      lo: 32,
      sources: [
        tlfs('Hypercall Outputs: "Reps completed | 43-32 | Number of reps successfully completed"'),
        gdk('HV_HYPERCALL_REP_COMP_MASK GENMASK_ULL(43, 32)'),
      ],
    },
    {
      key: 'rsvdLow',
      name: 'reserved (callers ignore)',
      hi: 31,
      lo: 16,
      sources: [tlfs('Hypercall Outputs: "Rsvd | 31-16 | Callers should ignore the value in these bits"')],
    },
    {
      key: 'status',
      name: 'result (HV_STATUS)',
      hi: 15,
      lo: 0,
      names: statusNames,
      sources: [
        tlfs('Hypercall Outputs: "Result | 15-0 | HV_STATUS code indicating success or failure"'),
        gdk('HV_STATUS_SUCCESS 0x0 … HV_STATUS_VTL_ALREADY_ENABLED 0x86; HV_HYPERCALL_RESULT_MASK GENMASK_ULL(15, 0)'),
      ],
    },
  ],
  sources: [outputTable],
};

/**
 * One 32-bit half of a 64-bit layout, for 32-bit x86 where the TLFS passes
 * each value in a register pair (EDX:EAX). No field may straddle bit 32.
 */
export function halfLayout(whole: BitLayout, half: 'low' | 'high', id: string, name: string): BitLayout {
  const shift = half === 'high' ? 32 : 0;
  const fields: BitField[] = [];
  for (const f of whole.fields) {
    const inHalf = half === 'high' ? f.lo >= 32 : f.hi < 32;
    const straddles = f.lo < 32 && f.hi >= 32;
    if (straddles) throw new Error(`${whole.name}: ${f.name} straddles bit 32`);
    if (inHalf) fields.push({ ...f, hi: f.hi - shift, lo: f.lo - shift, name: half === 'high' ? `${f.name} (bits ${f.hi}:${f.lo})` : f.name });
  }
  return { id, name, bits: 32, fields, sources: whole.sources };
}

export const controlLow = halfLayout(controlLayout, 'low', 'hyperv-hypercall-input-low', 'Hyper-V hypercall input value, bits 31:0 (EAX)');
export const controlHigh = halfLayout(controlLayout, 'high', 'hyperv-hypercall-input-high', 'Hyper-V hypercall input value, bits 63:32 (EDX)');
export const resultLow = halfLayout(resultLayout, 'low', 'hyperv-hypercall-result-low', 'Hyper-V hypercall result value, bits 31:0 (EAX)');
export const resultHigh = halfLayout(resultLayout, 'high', 'hyperv-hypercall-result-high', 'Hyper-V hypercall result value, bits 63:32 (EDX)');

/** The control word from its fields: what selects the call. */
export function control(fields: Readonly<Record<string, bigint>>): bigint {
  return encodeFields(controlLayout, fields);
}

export const nestedBitNote: Note = {
  kind: 'disagreement',
  text:
    'Bit 31 of the hypercall input value: the TLFS table gives RsvdZ in bits 30–27 and "Is Nested" in bit 31. Linux defines HV_HYPERCALL_NESTED as BIT_ULL(31) but its ' +
    'HV_HYPERCALL_RSVD0_MASK as GENMASK_ULL(31, 27), which also covers bit 31; another stored revision of the same TLFS page has "RsvdZ | 31-27" and no nested bit. ' +
    'We show bit 31 as "is nested".',
  sources: [
    tlfs('Hypercall Inputs: "RsvdZ | 30-27", "Is Nested | 31"'),
    tlfsOther('Hypercall Inputs: "RsvdZ | 31-27 | Must be zero"'),
    gdk('HV_HYPERCALL_RSVD0_MASK GENMASK_ULL(31, 27), HV_HYPERCALL_NESTED BIT_ULL(31)'),
  ],
};

export const resultReservedNote: Note = {
  kind: 'disagreement',
  text:
    'The TLFS result-value table gives its last reserved field as bits 63–40, which overlaps "Reps completed" in bits 43–32: a documentation error. ' +
    'We show reserved bits 63–44; Linux reads reps completed with GENMASK_ULL(43, 32).',
  sources: [tlfs('Hypercall Outputs: "Reps completed | 43-32", "RsvdZ | 63-40"'), gdk('HV_HYPERCALL_REP_COMP_MASK GENMASK_ULL(43, 32)')],
};

export const layoutNotes: readonly Note[] = [nestedBitNote, resultReservedNote];

export const unknownCallSources = [
  tlfs('Common Hypercall Status Codes: "HV_STATUS_INVALID_HYPERCALL_CODE | The hypercall code is not recognized."'),
  gdk('HV_STATUS_INVALID_HYPERCALL_CODE 0x2'),
];
