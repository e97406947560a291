import type { ArgDef, Call, CallNumber, ResultDef } from '../../model/call';
import type { Note, Source } from '../../model/source';
import { CALL_CODE, control, controlHigh, controlLayout, resultHigh, resultLayout, resultLow } from './control';
import { FAMILY_ARM64, FAMILY_ARM64_2019 } from './arm64';
import { FAMILY_X64, FAMILY_X86 } from './x64';
import { a64Core, a64Msh, callers, gdk, genericMsh, kvmHv, openvmm, tlfs, tlfsArm64, tlfsCall, v5Hvc, v5Tlfs, x86Msh } from './sources';

/* ---------- shared pieces ---------- */

const FAST = 1n;

function num(fields: Readonly<Record<string, bigint>>, stated: CallNumber['stated']): CallNumber {
  return { value: control(fields), stated };
}

const outputs = tlfs('Hypercall Outputs: "All hypercalls return a 64-bit value called a hypercall result value"');
const repsDone = tlfs('Hypercall Outputs: "the reps complete field is the total number of reps complete and not relative to the rep start index"');

/** The result value in the convention's first result register (x0, rax). */
function result(example: bigint, exampleMeaning: string, extra: readonly Source[] = []): ResultDef {
  return {
    name: 'result value',
    meaning: 'HV_STATUS in bits 15:0, reps completed in bits 43:32',
    example,
    exampleMeaning,
    layout: resultLayout,
    sources: [outputs, ...extra],
  };
}

const SUCCESS = result(0n, 'HV_STATUS_SUCCESS');
/** A rep call with rep count 1 that succeeds reports 1 rep completed. */
const SUCCESS_1_REP = result(0x1_0000_0000n, 'HV_STATUS_SUCCESS, reps completed 1', [repsDone]);

const EXAMPLE_GPA = 0x04a3_f000n;
const alignment = tlfs('Alignment Requirements: "GPA pointers must by 8-byte aligned"; "cannot overlap or cross page boundaries"');

function inputGpa(block: string, src: readonly Source[]): ArgDef {
  return {
    name: 'input GPA',
    meaning: `guest physical address of the input block (${block}); 8-byte aligned, within one page`,
    example: EXAMPLE_GPA,
    sources: [tlfs('Hypercall Inputs, Fast flag zero: "Input Parameters GPA"'), alignment, ...src],
  };
}

function noOutputGpa(src: readonly Source[]): ArgDef {
  return {
    name: 'output GPA',
    meaning: 'no output block: Linux passes 0, which the hypervisor ignores',
    example: 0n,
    sources: [
      tlfs('Alignment Requirements: "If the hypercall involves no input or output parameters, the hypervisor ignores the corresponding GPA pointer."'),
      ...src,
    ],
  };
}

const PARTITION_SELF = 0xffff_ffff_ffff_ffffn;
const VP_SELF = 0xffff_fffen;

const partitionArg = (src: readonly Source[]): ArgDef => ({
  name: 'PartitionId',
  meaning: 'the partition: HV_PARTITION_ID_SELF, ((u64)-1)',
  example: PARTITION_SELF,
  sources: [gdk('HV_PARTITION_ID_SELF ((u64)-1)'), ...src],
});

const vpArg = (src: readonly Source[]): ArgDef => ({
  name: 'VpIndex, TargetVtl',
  meaning: 'VpIndex in bits 31:0 (HV_VP_INDEX_SELF, (u32)-2); the TargetVtl byte in bits 39:32 is 0',
  example: VP_SELF,
  sources: [gdk('HV_VP_INDEX_SELF ((u32)-2)'), tlfsCall.getVpRegisters('Input Parameters: VpIndex offset 8 size 4, TargetVtl offset 12 size 1'), ...src],
});

/* ---------- HvCallFlushVirtualAddressSpace ---------- */

const flushCode = tlfsCall.flushVas('Call Code "`0x0002` (Simple)"');
const flushHandles =
  'it invalidates the virtual TLB entries of the given address space on the virtual processors the input names, and returns once the flushes have taken effect.';
const flushSummary = 'Invalidate the virtual TLB entries of one address space (a CR3 value) on a set of virtual processors.';
const flushBlock = tlfsCall.flushVas('Input Parameters: AddressSpace offset 0, Flags offset 8, ProcessorMask offset 16, 8 bytes each');
const flushLinux = callers.flush('hyperv_flush_tlb_multi: hv_do_hypercall(HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE, flush, NULL)');

const flushX64: Call = {
  id: 'hyperv-x64-flush-virtual-address-space',
  name: 'HvCallFlushVirtualAddressSpace',
  family: FAMILY_X64,
  summary: flushSummary,
  number: num({ code: CALL_CODE.HvCallFlushVirtualAddressSpace }, { value: 0x0002n, how: 'literal', source: flushCode }),
  args: [inputGpa('AddressSpace, Flags, ProcessorMask', [flushBlock, flushLinux]), noOutputGpa([flushLinux])],
  results: [SUCCESS],
  handles: flushHandles,
  returnsOnSuccess: true,
  sources: [flushCode, gdk('HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE 0x0002'), flushLinux],
  notes: [],
};

const xmmFlushNote: Note = {
  kind: 'unconfirmed',
  text:
    "Linux guests make this call memory-based. The XMM fast form shown is how KVM's Hyper-V emulation decodes a fast HvCallFlushVirtualAddressSpace: AddressSpace from RDX, Flags from R8, " +
    'ProcessorMask from the low 64 bits of XMM0. The TLFS page lists the call only as "Simple" and does not say whether Microsoft\'s hypervisor accepts it in XMM fast form.',
  sources: [
    kvmHv('kvm_hv_flush_tlb: if (hc->fast) { flush.address_space = hc->ingpa; flush.flags = hc->outgpa; flush.processor_mask = sse128_lo(hc->xmm[0]); }'),
    flushCode,
    flushLinux,
  ],
};

const flushXmm: Call = {
  id: 'hyperv-x64-flush-virtual-address-space-xmm',
  name: 'HvCallFlushVirtualAddressSpace (XMM fast)',
  family: FAMILY_X64,
  summary: `${flushSummary} Here the three 8-byte inputs travel in RDX, R8 and XMM0 instead of memory.`,
  number: num(
    { code: CALL_CODE.HvCallFlushVirtualAddressSpace, fast: FAST },
    { value: 0x1_0002n, how: 'expanded', source: tlfs('call code 0x0002 with "Fast | 16" set: 0x0002 | 1 << 16') },
  ),
  args: [
    {
      name: 'AddressSpace',
      meaning: 'the address space to flush, as a CR3 value',
      example: 0x1a2b_3000n,
      sources: [
        tlfsCall.flushVas('Input Parameters: "AddressSpace | 0 | 8 | Specifies an address space ID (a CR3 value)."'),
        kvmHv('kvm_hv_flush_tlb: flush.address_space = hc->ingpa'),
      ],
    },
    {
      name: 'Flags',
      meaning: 'HV_FLUSH_ALL_PROCESSORS bit 0, HV_FLUSH_ALL_VIRTUAL_ADDRESS_SPACES bit 1, HV_FLUSH_NON_GLOBAL_MAPPINGS_ONLY bit 2',
      example: 0x4n,
      sources: [
        tlfsCall.flushVas('Input Parameters: "Flags | 8 | 8"'),
        gdk('HV_FLUSH_ALL_PROCESSORS BIT(0), HV_FLUSH_ALL_VIRTUAL_ADDRESS_SPACES BIT(1), HV_FLUSH_NON_GLOBAL_MAPPINGS_ONLY BIT(2)'),
        kvmHv('kvm_hv_flush_tlb: flush.flags = hc->outgpa'),
      ],
    },
    {
      name: 'ProcessorMask',
      meaning: 'bit n set = flush virtual processor n; in the low 64 bits of XMM0',
      example: 0x51n,
      sources: [
        tlfsCall.flushVas('"a mask of 0x0000000000000051 indicates that the hypervisor should flush only the TLB of virtual processors 0, 4, and 6"'),
        kvmHv('kvm_hv_flush_tlb: flush.processor_mask = sse128_lo(hc->xmm[0])'),
      ],
    },
  ],
  results: [SUCCESS],
  handles: flushHandles,
  returnsOnSuccess: true,
  sources: [flushCode, tlfs('XMM Fast Hypercall Input'), kvmHv('kvm_hv_flush_tlb')],
  notes: [xmmFlushNote],
};

/* ---------- HvCallSendSyntheticClusterIpi ---------- */

const ipiLinux = callers.ipi('__send_ipi_mask: hv_do_fast_hypercall16(HVCALL_SEND_IPI, ipi_arg.vector, ipi_arg.cpu_mask)');

const ipiMaskNote: Note = {
  kind: 'disagreement',
  text:
    "The TLFS input table gives ProcessorMask a size of 1 byte at offset 8, but the same page declares it UINT64 and Linux's struct hv_send_ipi has u64 cpu_mask; " +
    'a one-byte mask could not name VPs 8–63, which Linux sends to with this call. We show 8 bytes.',
  sources: [
    tlfsCall.sendIpi('Input Parameters: "ProcessorMask | 8 | 1"'),
    tlfsCall.sendIpi('Interface: "_In_ UINT64 ProcessorMask"'),
    gdk('struct hv_send_ipi { u32 vector; u32 reserved; u64 cpu_mask; }'),
  ],
};

const sendIpi: Call = {
  id: 'hyperv-x64-send-synthetic-cluster-ipi',
  name: 'HvCallSendSyntheticClusterIpi',
  family: FAMILY_X64,
  summary: 'Send a fixed interrupt vector to up to 64 virtual processors at once. Linux uses it, as a fast call, to send IPIs.',
  number: num(
    { code: CALL_CODE.HvCallSendSyntheticClusterIpi, fast: FAST },
    {
      value: 0x1_000bn,
      how: 'expanded',
      source: x86Msh('hv_do_fast_hypercall16: control = (u64)code | HV_HYPERCALL_FAST_BIT, with HVCALL_SEND_IPI 0x000b and HV_HYPERCALL_FAST_BIT BIT(16)'),
    },
  ),
  args: [
    {
      name: 'Vector, TargetVtl',
      meaning: 'the interrupt vector (0x10–0xFF) in bits 31:0; the TargetVtl byte in bits 39:32, which Linux leaves 0',
      example: 0xfdn,
      sources: [
        tlfsCall.sendIpi('Input Parameters: "Vector | 0 | 4 | … Must be between >= 0x10 and <= 0xFF", "TargetVtl | 4 | 1"'),
        gdk('struct hv_send_ipi: u32 vector; u32 reserved; HV_IPI_LOW_VECTOR 0x10, HV_IPI_HIGH_VECTOR 0xff'),
        ipiLinux,
      ],
    },
    {
      name: 'ProcessorMask',
      meaning: 'bit n set = interrupt virtual processor n (VPs 0–63; Linux uses HvCallSendSyntheticClusterIpiEx above that)',
      example: 0x6n,
      sources: [
        tlfsCall.sendIpi('Input Parameters: "ProcessorMask | 8 | … Specifies a mask representing VPs to target"'),
        callers.ipi('__send_ipi_mask: "This particular version of the IPI hypercall can only target up to 64 CPUs."'),
      ],
    },
  ],
  results: [SUCCESS],
  handles: 'it sends the fixed interrupt vector to every virtual processor in the mask; it does not send NMIs.',
  returnsOnSuccess: true,
  sources: [
    tlfsCall.sendIpi(
      '"This hypercall sends a virtual fixed interrupt to the specified virtual processor set. It does not support NMIs."; Call Code "`0x000b` (Simple)"',
    ),
    gdk('HVCALL_SEND_IPI 0x000b'),
    ipiLinux,
  ],
  notes: [ipiMaskNote],
};

/* ---------- HvCallPostMessage ---------- */

const postCode = tlfsCall.postMessage('Call Code "`0x005C` (Simple)"');
const postBlock = tlfsCall.postMessage('Input Parameters: ConnectionId 0/4, RsvdZ 4/4, MessageType 8/4, PayloadSize 12/4, Message 16/240');
const postLinux = callers.post('hv_post_message: hv_do_hypercall(HVCALL_POST_MESSAGE, aligned_msg, NULL)');
const postHandles =
  "it queues the message for a virtual processor of the partition that owns the connection's port, or fails if that port has no free message buffer.";
const postSummary = 'Send a message of up to 240 bytes to the partition at the other end of a connection. VMBus uses it to talk to the host.';

function postMessage(id: string, family: string, args: ArgDef[], results: ResultDef[], extra: readonly Source[], fixed?: Call['fixed']): Call {
  return {
    id,
    name: 'HvCallPostMessage',
    family,
    summary: postSummary,
    number: num({ code: CALL_CODE.HvCallPostMessage }, { value: 0x005cn, how: 'literal', source: gdk('HVCALL_POST_MESSAGE 0x005c') }),
    ...(fixed ? { fixed } : {}),
    args,
    results,
    handles: postHandles,
    returnsOnSuccess: true,
    sources: [postCode, postLinux, ...extra],
    notes: [],
  };
}

/* ---------- HvCallSignalEvent ---------- */

const signalCode = tlfsCall.signalEvent('Call Code "`0x005D` (Simple)"');
const signalLinux = callers.signal('vmbus_set_event: hv_do_fast_hypercall8(HVCALL_SIGNAL_EVENT, channel->sig_event)');
const signalHandles =
  "it sets an event flag (the port's base flag plus FlagNumber) in the SIEF page of a virtual processor of the partition that owns the connection's port.";
const signalArg = (extra: readonly Source[]): ArgDef => ({
  name: 'ConnectionId, FlagNumber',
  meaning: 'ConnectionId in bits 31:0, FlagNumber in bits 47:32 (the 8-byte input block in one register)',
  example: 0x10n,
  sources: [tlfsCall.signalEvent('Input Parameters: "ConnectionId | 0 | 4", "FlagNumber | 4 | 2", "RsvdZ | 6 | 2"'), signalLinux, ...extra],
});

function signalEvent(id: string, family: string, stated: Source, extra: readonly Source[]): Call {
  return {
    id,
    name: 'HvCallSignalEvent',
    family,
    summary:
      'Set an event flag for the partition at the other end of a connection, a doorbell without a payload. VMBus uses it as a fast call to kick the host.',
    number: num({ code: CALL_CODE.HvCallSignalEvent, fast: FAST }, { value: 0x1_005dn, how: 'expanded', source: stated }),
    args: [signalArg(extra)],
    results: [SUCCESS],
    handles: signalHandles,
    returnsOnSuccess: true,
    sources: [signalCode, gdk('HVCALL_SIGNAL_EVENT 0x005d'), signalLinux],
    notes: [],
  };
}

/* ---------- HvCallGetVpRegisters / HvCallSetVpRegisters (arm64 fast forms) ---------- */

const getCode = tlfsCall.getVpRegisters('Call Code "`0x0050` (Rep)"');
const setCode = tlfsCall.setVpRegisters('Call Code "`0x0051` (Rep)"');
const repCountNote: Note = {
  kind: 'info',
  text: 'A rep call: the control word carries rep count 1 (bit 32) for one register, and on success the result value reports 1 rep completed.',
  sources: [tlfs('Hypercall Classes; Hypercall Inputs "Rep Count | 43-32"'), repsDone, gdk('HV_HYPERCALL_REP_COMP_1 BIT_ULL(32)')],
};

const regName = (example: bigint, exampleName: string, src: readonly Source[]): ArgDef => ({
  name: 'RegisterName',
  meaning: `the register, an HV_REGISTER_* name in bits 31:0 (here ${exampleName})`,
  example,
  sources: [tlfsCall.getVpRegisters('Input List Element: "RegisterName | 0 | 4"'), ...src],
});

const HV_REGISTER_VP_INDEX = 0x0009_0003n;
const HV_REGISTER_GUEST_CRASH_CTL = 0x0000_0215n;
const HV_CRASH_CTL_CRASH_NOTIFY = 0x8000_0000_0000_0000n;

function getVpRegisters(id: string, family: string, stated: Source, lowReg: string, highReg: string, src: readonly Source[], notes: Note[]): Call {
  const out = (name: string, reg: string, example: bigint, exampleMeaning: string): ResultDef => ({
    name,
    meaning: `RegisterValue, bits ${name.includes('low') ? '63:0' : '127:64'} of the 16-byte output element`,
    register: reg,
    example,
    exampleMeaning,
    sources: [tlfsCall.getVpRegisters('Output List Element: "RegisterValue | 0 | 16"'), ...src],
  });
  return {
    id,
    name: 'HvCallGetVpRegisters',
    family,
    summary:
      "Read one register of a virtual processor as a fast rep call. On arm64, Linux reads Hyper-V's synthetic registers this way instead of through MSRs.",
    number: num({ code: CALL_CODE.HvCallGetVpRegisters, fast: FAST, repCount: 1n }, { value: 0x1_0001_0050n, how: 'expanded', source: stated }),
    args: [partitionArg(src), vpArg(src), regName(HV_REGISTER_VP_INDEX, 'HV_REGISTER_VP_INDEX 0x00090003', [gdk('HV_REGISTER_VP_INDEX 0x00090003'), ...src])],
    results: [
      SUCCESS_1_REP,
      out('value, low 64 bits', lowReg, 0x2n, 'VP index 2 (an example)'),
      out('value, high 64 bits', highReg, 0n, 'zero for a 64-bit register'),
    ],
    handles: 'it reads the named register of the virtual processor and returns its 128-bit value in registers.',
    returnsOnSuccess: true,
    sources: [getCode, gdk('HVCALL_GET_VP_REGISTERS 0x0050'), ...src],
    notes: [repCountNote, ...notes],
  };
}

function setVpRegisters(id: string, family: string, stated: Source, src: readonly Source[]): Call {
  const elem = tlfsCall.setVpRegisters('Input List Element: "RegisterName | 0 | 4", "RsvdZ | 4 | 12", "RegisterValue | 16 | 16"');
  return {
    id,
    name: 'HvCallSetVpRegisters',
    family,
    summary:
      "Write one register of a virtual processor as a fast rep call. On arm64, Linux writes Hyper-V's synthetic registers this way, for example to report a crash.",
    number: num({ code: CALL_CODE.HvCallSetVpRegisters, fast: FAST, repCount: 1n }, { value: 0x1_0001_0051n, how: 'expanded', source: stated }),
    args: [
      partitionArg(src),
      vpArg(src),
      regName(HV_REGISTER_GUEST_CRASH_CTL, 'HV_REGISTER_GUEST_CRASH_CTL 0x00000215', [gdk('HV_REGISTER_GUEST_CRASH_CTL 0x00000215'), elem, ...src]),
      { name: 'RsvdZ', meaning: 'reserved bytes 8–15 of the element, zero', example: 0n, sources: [elem, ...src] },
      {
        name: 'value, low 64 bits',
        meaning: 'RegisterValue bits 63:0',
        example: HV_CRASH_CTL_CRASH_NOTIFY,
        sources: [elem, gdk('HV_CRASH_CTL_CRASH_NOTIFY BIT_ULL(63)'), ...src],
      },
      { name: 'value, high 64 bits', meaning: 'RegisterValue bits 127:64; Linux writes 0', example: 0n, sources: [elem, ...src] },
    ],
    results: [SUCCESS_1_REP],
    handles:
      'it writes the value into the named register of the virtual processor, checking only reserved and fixed bits; side effects of the write are not performed.',
    returnsOnSuccess: true,
    sources: [setCode, gdk('HVCALL_SET_VP_REGISTERS 0x0051'), ...src],
    notes: [repCountNote],
  };
}

/* ---------- rep and variable-header calls (x64) ---------- */

const repHelper = genericMsh(
  'hv_do_rep_hypercall: "control |= (u64)varhead_size << HV_HYPERCALL_VARHEAD_OFFSET; control |= (u64)rep_count << HV_HYPERCALL_REP_COMP_OFFSET;"',
);
const repLoop = genericMsh('hv_do_rep_hypercall: "control &= ~HV_HYPERCALL_REP_START_MASK; control |= (u64)rep_comp << HV_HYPERCALL_REP_START_OFFSET;"');
const rcxRep = tlfs('Volatile Registers: "Rep hypercalls will modify RCX (x64) and EDX:EAX (x86) with the new rep start index."');
const continuation = tlfs('Hypercall Classes: "the hypercall returns control back to the calling virtual processor after updating the rep start index to 20"');

/** RCX after a rep call: the input value with the rep start index the hypervisor reached. */
function repStartOut(fields: Readonly<Record<string, bigint>>, reps: bigint): ResultDef {
  return {
    name: 'hypercall input value (rep start index updated)',
    meaning: 'RCX written back with the new rep start index in bits 59:48',
    register: 'rcx',
    example: control({ ...fields, repStart: reps }),
    exampleMeaning: `the input value with rep start index ${reps}, all reps done (an example: see the note)`,
    layout: controlLayout,
    sources: [rcxRep, continuation],
  };
}

const repRcxExampleNote: Note = {
  kind: 'unconfirmed',
  text:
    'The TLFS says a rep call writes the new rep start index into RCX and, in its example, that a call which completed 20 of 25 reps returns with the index updated to 20; ' +
    'it does not say what RCX holds after the last rep. The example assumes the index then equals the reps completed. Linux does not read RCX back: hv_do_rep_hypercall ' +
    "rebuilds the control word from the result's reps-completed field before it calls again. KVM's emulation completes every rep in one go and does not write RCX.",
  sources: [rcxRep, continuation, repLoop, kvmHv('kvm_hv_hypercall_complete: kvm_hv_hypercall_set_result(vcpu, result) writes RAX only (64-bit)')],
};

const repTimeNote: Note = {
  kind: 'info',
  text: "Rep calls may stop after any rep to keep the hypervisor's time limit; then the instruction pointer is not advanced and the guest simply executes the call again, resuming at the rep start index.",
  sources: [
    tlfs(
      'Hypercall Continuation: "control is returned back to the caller, but the instruction pointer is not advanced past the instruction that invoked the hypercall"',
    ),
  ],
};

const vpSetNote: Note = {
  kind: 'info',
  text:
    'The _Ex calls name processors with an HV_VP_SET: a format (HV_GENERIC_SET_SPARSE_4K or HV_GENERIC_SET_ALL), a mask of valid 64-VP banks, then one 8-byte bank per set bit. ' +
    'The banks are the variable part of the input header, so the control word carries their count in its variable header size field; Linux passes nr_bank there.',
  sources: [
    gdk('struct hv_vpset { u64 format; u64 valid_bank_mask; u64 bank_contents[]; }'),
    gdk('HV_GENERIC_SET_SPARSE_4K, HV_GENERIC_SET_ALL'),
    tlfsArm64('Variable Sized Hypercall Input Headers: "Variable Header Size = Variable Header Bytes / 8"'),
    callers.ipi('__send_ipi_mask_ex: hv_do_rep_hypercall(HVCALL_SEND_IPI_EX, 0, nr_bank, ipi_arg, NULL)'),
  ],
};

const exAvailNote = (page: Source): Note => ({
  kind: 'info',
  text: 'Available only when the hypervisor recommends extended processor masks: CPUID 0x40000004 reports UseExProcessorMasks (Linux: HV_X64_EX_PROCESSOR_MASKS_RECOMMENDED).',
  sources: [page, callers.flush('hyperv_flush_tlb_others_ex: "if (!(ms_hyperv.hints & HV_X64_EX_PROCESSOR_MASKS_RECOMMENDED))"')],
});

const ONE_BANK = 1n;

const gvaRangeNote: Note = {
  kind: 'info',
  text: 'Each list element is one GVA range: a page-aligned guest virtual address whose low 12 bits count the additional pages, so one element covers 1 to 4096 pages.',
  sources: [
    tlfsCall.flushVaList(
      '"the bottom 12 bits of the GVA can be used to define a range length. These bits encode the number of additional pages (beyond the initial page) within the range."',
    ),
    callers.flush('fill_gva_list'),
  ],
};

const flushListFields = { code: CALL_CODE.HvCallFlushVirtualAddressList, repCount: 1n };
const flushListLinux = callers.flush('hyperv_flush_tlb_multi: hv_do_rep_hypercall(HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST, gva_n, 0, flush, NULL)');

const flushList: Call = {
  id: 'hyperv-x64-flush-virtual-address-list',
  name: 'HvCallFlushVirtualAddressList',
  family: FAMILY_X64,
  summary: 'Invalidate a list of GVA ranges of one address space on a set of virtual processors: a rep call, one rep per range.',
  number: num(flushListFields, {
    value: 0x1_0000_0003n,
    how: 'expanded',
    source: genericMsh(
      'hv_do_rep_hypercall(HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST 0x0003, rep_count 1, varhead_size 0): 0x0003 | 1 << HV_HYPERCALL_REP_COMP_OFFSET (32)',
    ),
  }),
  args: [
    inputGpa('AddressSpace, Flags, ProcessorMask, then one 8-byte GVA range per rep', [
      tlfsCall.flushVaList('Input Parameters: AddressSpace 0/8, Flags 8/8, ProcessorMask 16/8; Input List Element: "GvaRange | 0 | 8"'),
      gdk('struct hv_tlb_flush { u64 address_space; u64 flags; u64 processor_mask; u64 gva_list[]; }'),
      flushListLinux,
    ]),
    noOutputGpa([flushListLinux]),
  ],
  results: [SUCCESS_1_REP, repStartOut(flushListFields, 1n)],
  handles: 'it invalidates each GVA range of the list on the virtual processors the input names, and returns once the flushes have taken effect.',
  returnsOnSuccess: true,
  sources: [tlfsCall.flushVaList('Call Code "`0x0003` (Rep)"'), gdk('HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST 0x0003'), flushListLinux, repHelper],
  notes: [repRcxExampleNote, repTimeNote, gvaRangeNote],
};

const flushSpaceExFields = { code: CALL_CODE.HvCallFlushVirtualAddressSpaceEx, varHeader: ONE_BANK };
const flushSpaceExLinux = callers.flush('hyperv_flush_tlb_others_ex: hv_do_rep_hypercall(HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE_EX, 0, nr_bank, flush, NULL)');

const flushSpaceEx: Call = {
  id: 'hyperv-x64-flush-virtual-address-space-ex',
  name: 'HvCallFlushVirtualAddressSpaceEx',
  family: FAMILY_X64,
  summary: 'HvCallFlushVirtualAddressSpace with a sparse processor set (HV_VP_SET) instead of a 64-bit mask, for guests with more than 64 virtual processors.',
  number: num(flushSpaceExFields, {
    value: 0x2_0013n,
    how: 'expanded',
    source: genericMsh(
      'hv_do_rep_hypercall(HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE_EX 0x0013, rep_count 0, varhead_size nr_bank = 1): 0x0013 | 1 << HV_HYPERCALL_VARHEAD_OFFSET (17)',
    ),
  }),
  args: [
    inputGpa('AddressSpace, Flags, then an HV_VP_SET with one bank', [
      tlfsCall.flushVasEx('Input Parameters: AddressSpace 0/8, Flags 8/8, "ProcessorSet | 16 | Variable"'),
      gdk('struct hv_tlb_flush_ex { u64 address_space; u64 flags; struct hv_vpset hv_vp_set; u64 gva_list[]; }'),
      flushSpaceExLinux,
    ]),
    noOutputGpa([flushSpaceExLinux]),
  ],
  results: [SUCCESS],
  handles: 'it invalidates the virtual TLB entries of the address space on every virtual processor in the set, and returns once the flushes have taken effect.',
  returnsOnSuccess: true,
  sources: [tlfsCall.flushVasEx('Call Code "`0x0013` (Simple)"'), gdk('HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE_EX 0x0013'), flushSpaceExLinux, repHelper],
  notes: [
    vpSetNote,
    exAvailNote(tlfsCall.flushVasEx('"UseExProcessorMasks must be indicated (on x64 via CPUID leaf 0x40000004, on ARM64 via HvRegisterFeaturesInfo)."')),
  ],
};

const flushListExFields = { code: CALL_CODE.HvCallFlushVirtualAddressListEx, varHeader: ONE_BANK, repCount: 1n };
const flushListExLinux = callers.flush('hyperv_flush_tlb_others_ex: hv_do_rep_hypercall(HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST_EX, gva_n, nr_bank, flush, NULL)');

const flushListEx: Call = {
  id: 'hyperv-x64-flush-virtual-address-list-ex',
  name: 'HvCallFlushVirtualAddressListEx',
  family: FAMILY_X64,
  summary: 'HvCallFlushVirtualAddressList with a sparse processor set (HV_VP_SET): a rep call with a variable-size header.',
  number: num(flushListExFields, {
    value: 0x1_0002_0014n,
    how: 'expanded',
    source: genericMsh(
      'hv_do_rep_hypercall(HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST_EX 0x0014, rep_count 1, varhead_size 1): 0x0014 | 1 << HV_HYPERCALL_VARHEAD_OFFSET (17) | 1 << HV_HYPERCALL_REP_COMP_OFFSET (32)',
    ),
  }),
  args: [
    inputGpa('AddressSpace, Flags, an HV_VP_SET with one bank, then one 8-byte GVA range per rep', [
      tlfsCall.flushVaListEx('Input Parameters: AddressSpace 0/8, Flags 8/8, "ProcessorSet | 16 | Variable"; Input List Element: "GvaRange | 0 | 8"'),
      gdk('struct hv_tlb_flush_ex { u64 address_space; u64 flags; struct hv_vpset hv_vp_set; u64 gva_list[]; }'),
      flushListExLinux,
    ]),
    noOutputGpa([flushListExLinux]),
  ],
  results: [SUCCESS_1_REP, repStartOut(flushListExFields, 1n)],
  handles: 'it invalidates each GVA range of the list on every virtual processor in the set, and returns once the flushes have taken effect.',
  returnsOnSuccess: true,
  sources: [tlfsCall.flushVaListEx('Call Code "`0x0014` (Rep)"'), gdk('HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST_EX 0x0014'), flushListExLinux, repHelper],
  notes: [
    repRcxExampleNote,
    repTimeNote,
    vpSetNote,
    gvaRangeNote,
    exAvailNote(tlfsCall.flushVaListEx('"UseExProcessorMasks must be indicated via CPUID leaf 0x40000004."')),
  ],
};

const ipiExFields = { code: CALL_CODE.HvCallSendSyntheticClusterIpiEx, varHeader: ONE_BANK };
const ipiExLinux = callers.ipi('__send_ipi_mask_ex: hv_do_rep_hypercall(HVCALL_SEND_IPI_EX, 0, nr_bank, ipi_arg, NULL)');

const sendIpiEx: Call = {
  id: 'hyperv-x64-send-synthetic-cluster-ipi-ex',
  name: 'HvCallSendSyntheticClusterIpiEx',
  family: FAMILY_X64,
  summary: 'Send a fixed interrupt vector to a sparse set of virtual processors (HV_VP_SET), beyond the 64 that HvCallSendSyntheticClusterIpi can name.',
  number: num(ipiExFields, {
    value: 0x2_0015n,
    how: 'expanded',
    source: genericMsh('hv_do_rep_hypercall(HVCALL_SEND_IPI_EX 0x0015, rep_count 0, varhead_size nr_bank = 1): 0x0015 | 1 << HV_HYPERCALL_VARHEAD_OFFSET (17)'),
  }),
  args: [
    inputGpa('Vector, TargetVtl, padding, then an HV_VP_SET with one bank', [
      tlfsCall.sendIpiEx('Input Parameters: "Vector | 0 | 4", "TargetVtl | 4 | 1", "ProcessorSet | 8 | Variable"'),
      gdk('struct hv_send_ipi_ex { u32 vector; u32 reserved; struct hv_vpset vp_set; }'),
      ipiExLinux,
    ]),
    noOutputGpa([ipiExLinux]),
  ],
  results: [SUCCESS],
  handles: 'it sends the fixed interrupt vector to every virtual processor in the set; it does not send NMIs.',
  returnsOnSuccess: true,
  sources: [tlfsCall.sendIpiEx('Call Code "`0x0015` (Simple)"'), gdk('HVCALL_SEND_IPI_EX 0x0015'), ipiExLinux, repHelper],
  notes: [vpSetNote, exAvailNote(tlfsCall.sendIpiEx('"ExProcessorMasks must be indicated via CPUID leaf 0x40000004."'))],
};

const spinCode = tlfsCall.longSpinWait('Call Code "`0x0008` (Simple)"');

const notifyLongSpinWait: Call = {
  id: 'hyperv-x64-notify-long-spin-wait',
  name: 'HvCallNotifyLongSpinWait',
  family: FAMILY_X64,
  summary: 'Tell the hypervisor that this virtual processor has spun a long time on a lock another virtual processor may hold: a scheduling hint.',
  number: num(
    { code: CALL_CODE.HvCallNotifyLongSpinWait, fast: FAST },
    { value: 0x1_0008n, how: 'expanded', source: tlfs('call code 0x0008 with "Fast | 16" set: 0x0008 | 1 << 16') },
  ),
  args: [
    {
      name: 'SpinCount',
      meaning: 'the accumulated count the guest was spinning, in bits 31:0 (bits 63:32 RsvdZ)',
      example: 0x1000n,
      sources: [
        tlfsCall.longSpinWait('Input Parameters: "SpinCount | 0 | 4 | Specifies the accumulated count the guest was spinning."'),
        tlfs('Hypercall Inputs, Fast flag one: "RDX | EBX:ECX | Input Parameter"'),
      ],
    },
  ],
  results: [result(0n, 'HV_STATUS_SUCCESS, the only status this advisory call returns')],
  handles: 'it may run another virtual processor of the partition before this one continues; it always succeeds.',
  returnsOnSuccess: true,
  sources: [
    spinCode,
    tlfsCall.longSpinWait('"There is no error status for this hypercall, only HV_STATUS_SUCCESS will be returned as this is an advisory hypercall."'),
    gdk('HVCALL_NOTIFY_LONG_SPIN_WAIT 0x0008'),
    kvmHv('kvm_hv_hypercall: case HVCALL_NOTIFY_LONG_SPIN_WAIT: kvm_vcpu_on_spin(vcpu, true)'),
  ],
  notes: [
    {
      kind: 'unconfirmed',
      text:
        'The TLFS page gives an 8-byte input block and does not say whether the call may be made fast; we show it as a fast call with SpinCount in RDX, which the 8-byte block fits. ' +
        'KVM accepts either form and does not read SpinCount. Linux as a guest does not make this call (it has no caller for HVCALL_NOTIFY_LONG_SPIN_WAIT); Windows guests do, ' +
        'after the spin count that CPUID 0x40000004 EBX recommends.',
      sources: [
        spinCode,
        kvmHv(
          'kvm_hv_hypercall: case HVCALL_NOTIFY_LONG_SPIN_WAIT: "if (unlikely(hc.rep || hc.var_cnt))" → HV_STATUS_INVALID_HYPERCALL_INPUT; otherwise kvm_vcpu_on_spin()',
        ),
        kvmHv('hv_check_hypercall_access: HVCALL_NOTIFY_LONG_SPIN_WAIT allowed when cpuid_cache.enlightenments_ebx is set'),
      ],
    },
  ],
};

/* ---------- x64 ---------- */

const x64Calls: readonly Call[] = [
  flushX64,
  flushXmm,
  flushList,
  flushSpaceEx,
  flushListEx,
  sendIpi,
  sendIpiEx,
  notifyLongSpinWait,
  postMessage(
    'hyperv-x64-post-message',
    FAMILY_X64,
    [inputGpa('ConnectionId, MessageType, PayloadSize, up to 240 bytes of message', [postBlock, postLinux]), noOutputGpa([postLinux])],
    [SUCCESS],
    [x86Msh('hv_do_hypercall')],
  ),
  signalEvent(
    'hyperv-x64-signal-event',
    FAMILY_X64,
    x86Msh('hv_do_fast_hypercall8: control = (u64)code | HV_HYPERCALL_FAST_BIT, with HVCALL_SIGNAL_EVENT 0x005d and HV_HYPERCALL_FAST_BIT BIT(16)'),
    [x86Msh('hv_do_fast_hypercall8: "+d" (input1)')],
  ),
];

/* ---------- 32-bit x86: each 64-bit value split in two ---------- */

const pair = x86Msh('hv_do_hypercall (32-bit): "b" (input_address_hi), "+c" (input_address_lo), "D" (output_address_hi), "S" (output_address_lo)');
const pairTlfs = tlfs('Hypercall Inputs, Fast flag zero: "RDX | EBX:ECX | Input Parameters GPA", "R8 | EDI:ESI | Output Parameters GPA"');

function x86Args(block: string, extra: readonly Source[]): ArgDef[] {
  return [
    { name: 'input GPA, bits 63:32', meaning: `high half of the input block address (${block})`, example: 0n, sources: [pairTlfs, pair, ...extra] },
    {
      name: 'input GPA, bits 31:0',
      meaning: 'low half of the input block address; 8-byte aligned, within one page',
      example: EXAMPLE_GPA,
      sources: [pairTlfs, pair, alignment, ...extra],
    },
    { name: 'output GPA, bits 63:32', meaning: 'no output block: 0', example: 0n, sources: [pairTlfs, pair, ...extra] },
    { name: 'output GPA, bits 31:0', meaning: 'no output block: 0', example: 0n, sources: [pairTlfs, pair, ...extra] },
  ];
}

const controlHighFixed: NonNullable<Call['fixed']>[number] = {
  register: 'edx',
  name: 'hypercall input value, bits 63:32',
  meaning: 'the high half of the input value: rep count and rep start index, both 0 for a simple call',
  value: 0n,
  layout: controlHigh,
  sources: [
    tlfs('Hypercall Inputs: "RCX | EDX:EAX | Hypercall Input Value"'),
    x86Msh('hv_do_hypercall (32-bit): "A" (control)'),
    kvmHv('kvm_hv_hypercall: hc.param = ((u64)kvm_rdx_read(vcpu) << 32) | (kvm_rax_read(vcpu) & 0xffffffff)'),
  ],
};

const x86Results: ResultDef[] = [
  {
    name: 'result value, bits 31:0',
    meaning: 'HV_STATUS in bits 15:0',
    register: 'eax',
    example: 0n,
    exampleMeaning: 'HV_STATUS_SUCCESS',
    layout: resultLow,
    sources: [tlfs('Hypercall Outputs: "RAX | EDX:EAX | Hypercall Result Value"'), x86Msh('hv_do_hypercall (32-bit): "=A" (hv_status)')],
  },
  {
    name: 'result value, bits 63:32',
    meaning: 'reps completed in bits 11:0 (bits 43:32 of the result value)',
    register: 'edx',
    example: 0n,
    exampleMeaning: 'no reps: a simple call',
    layout: resultHigh,
    sources: [tlfs('Hypercall Outputs: "RAX | EDX:EAX | Hypercall Result Value"'), x86Msh('hv_do_hypercall (32-bit): "=A" (hv_status)')],
  },
];

const x86Calls: readonly Call[] = [
  {
    ...flushX64,
    id: 'hyperv-x86-flush-virtual-address-space',
    family: FAMILY_X86,
    fixed: [controlHighFixed],
    args: x86Args('AddressSpace, Flags, ProcessorMask', [flushBlock, flushLinux]),
    results: x86Results,
  },
  postMessage(
    'hyperv-x86-post-message',
    FAMILY_X86,
    x86Args('ConnectionId, MessageType, PayloadSize, message', [postBlock, postLinux]),
    x86Results,
    [pair],
    [controlHighFixed],
  ),
];

/* ---------- arm64, SMCCC (Linux today) ---------- */

const a64Calls: readonly Call[] = [
  postMessage(
    'hyperv-arm64-post-message',
    FAMILY_ARM64,
    [
      inputGpa('ConnectionId, MessageType, PayloadSize, up to 240 bytes of message', [
        postBlock,
        postLinux,
        a64Core('hv_do_hypercall: arm_smccc_1_1_hvc(HV_FUNC_ID, control, input_address, output_address, &res)'),
      ]),
      noOutputGpa([postLinux, a64Core('hv_do_hypercall: output_address = output ? virt_to_phys(output) : 0')]),
    ],
    [SUCCESS],
    [a64Core('hv_do_hypercall')],
  ),
  signalEvent(
    'hyperv-arm64-signal-event',
    FAMILY_ARM64,
    a64Core('hv_do_fast_hypercall8: control = (u64)code | HV_HYPERCALL_FAST_BIT, with HVCALL_SIGNAL_EVENT 0x005d'),
    [a64Core('hv_do_fast_hypercall8: arm_smccc_1_1_hvc(HV_FUNC_ID, control, input, &res)')],
  ),
  getVpRegisters(
    'hyperv-arm64-get-vp-registers',
    FAMILY_ARM64,
    a64Core('hv_get_vpreg_128: args.a1 = HVCALL_GET_VP_REGISTERS | HV_HYPERCALL_FAST_BIT | HV_HYPERCALL_REP_COMP_1'),
    'x6',
    'x7',
    [
      a64Msh('hv_get_msr(reg): return hv_get_vpreg(reg)'),
      a64Core(
        'hv_get_vpreg_128: args.a2 = HV_PARTITION_ID_SELF, args.a3 = HV_VP_INDEX_SELF, args.a4 = msr; result->as64.low = res.a6, result->as64.high = res.a7',
      ),
    ],
    [
      {
        kind: 'info',
        text: 'The 24-byte input block (PartitionId, VpIndex and TargetVtl, RegisterName) fills x2–x4; the 16-byte output comes back in x6 and x7, beyond the x0–x3 that SMCCC 1.1 returns, so Linux makes this call with arm_smccc_1_2_hvc.',
        sources: [a64Core('hv_get_vpreg_128: "Use the SMCCC 1.2 interface because the results are in registers beyond X0-X3."')],
      },
    ],
  ),
  setVpRegisters(
    'hyperv-arm64-set-vp-registers',
    FAMILY_ARM64,
    a64Core('hv_set_vpreg: HVCALL_SET_VP_REGISTERS | HV_HYPERCALL_FAST_BIT | HV_HYPERCALL_REP_COMP_1'),
    [
      a64Msh('hv_set_msr(reg, value): hv_set_vpreg(reg, value)'),
      a64Core('hv_set_vpreg: arm_smccc_1_1_hvc(HV_FUNC_ID, control, HV_PARTITION_ID_SELF, HV_VP_INDEX_SELF, msr, 0, value, 0, &res)'),
      a64Core('hyperv_report_panic: hv_set_vpreg(HV_REGISTER_GUEST_CRASH_CTL, HV_CRASH_CTL_CRASH_NOTIFY)'),
    ],
  ),
];

/* ---------- arm64, hvc #1 (2019 patches) ---------- */

const v5RepCount1 = v5Tlfs('arch/arm64/include/asm/hyperv-tlfs.h: "#define HV_HYPERCALL_REP_COUNT_1 BIT_ULL(32)"');

const a64v5Calls: readonly Call[] = [
  postMessage(
    'hyperv-arm64-2019-post-message',
    FAMILY_ARM64_2019,
    [
      inputGpa('ConnectionId, MessageType, PayloadSize, up to 240 bytes of message', [
        postBlock,
        postLinux,
        v5Hvc('hv_do_hypercall: return hv_do_hvc(control, input_address, output_address)'),
      ]),
      noOutputGpa([postLinux, v5Hvc('hv_do_hypercall: output_address = output ? virt_to_phys(output) : 0')]),
    ],
    [SUCCESS],
    [v5Hvc('hv_do_hypercall')],
  ),
  signalEvent(
    'hyperv-arm64-2019-signal-event',
    FAMILY_ARM64_2019,
    v5Hvc('hv_do_fast_hypercall8: control = (u64)code | HV_HYPERCALL_FAST_BIT; return hv_do_hvc(control, input)'),
    [v5Hvc('hv_do_fast_hypercall8: hv_do_hvc(control, input)')],
  ),
  getVpRegisters(
    'hyperv-arm64-2019-get-vp-registers',
    FAMILY_ARM64_2019,
    v5Hvc('hv_get_vpreg_128: HVCALL_GET_VP_REGISTERS | HV_HYPERCALL_FAST_BIT | HV_HYPERCALL_REP_COUNT_1'),
    'x15',
    'x16',
    [
      v5Hvc('hv_get_vpreg_128: hv_do_hvc_fast_get(control, HV_PARTITION_ID_SELF, HV_VP_INDEX_SELF, msr, result); "The output is returned in x15 and x16."'),
      v5RepCount1,
      openvmm('invoke_hypercall_fast_6_2: lateout("x15") output0, lateout("x16") output1'),
    ],
    [
      {
        kind: 'info',
        text:
          'The 2019 patch spells the rep-count bit HV_HYPERCALL_REP_COUNT_1; its series defines it as BIT_ULL(32), the same bit Linux now calls HV_HYPERCALL_REP_COMP_1. ' +
          'The wrapper also passes a pointer in x4 for its own use (it stores x15 and x16 there after the call); Hyper-V is not told about it, so it is not shown as an argument.',
        sources: [v5RepCount1, gdk('HV_HYPERCALL_REP_COMP_1 BIT_ULL(32)'), v5Hvc('hv_do_hvc_fast_get: "mov x18, x4; hvc #1; str x15,[x18]; str x16,[x18,#8]"')],
      },
    ],
  ),
  setVpRegisters(
    'hyperv-arm64-2019-set-vp-registers',
    FAMILY_ARM64_2019,
    v5Hvc('hv_set_vpreg: HVCALL_SET_VP_REGISTERS | HV_HYPERCALL_FAST_BIT | HV_HYPERCALL_REP_COUNT_1'),
    [v5Hvc('hv_set_vpreg: hv_do_hvc(control, HV_PARTITION_ID_SELF, HV_VP_INDEX_SELF, msr, 0, value, 0)'), v5RepCount1],
  ),
];

export const hypervCalls: readonly Call[] = [...x64Calls, ...x86Calls, ...a64Calls, ...a64v5Calls];
