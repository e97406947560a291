import type { ArgDef, Call, CallNumber, ResultDef } from '../../model/call';
import type { Note, Source } from '../../model/source';
import { callVal } from '../smccc/function-id';
import { FAMILY_2022, FAMILY_SMCCC } from './conventions';
import { gunyahFunctionId, hypApiInfo } from './layouts';
import { decodeFields } from '../../model/bits';
import { apiDoc, hvcDef, linuxHeader, linuxHypercall, torvaldsCopy, v1Msgq, v1Sysfs } from './sources';

/*
 * The same seven hypercalls in both ABIs. In the immediate ABI the call is
 * hvc #(0x6000 + call_num) and its inputs start at x0; in the SMCCC ABI it is
 * function ID ARM_SMCCC_CALL_VAL(FAST, SMC_64, VENDOR_HYP, 0x8000 | call_num)
 * in x0 and its inputs start at x1.
 */

// ---------------------------------------------------------------- numbers

/** hvc #imm: the immediate is the call number, as the source writes it. */
function immediate(imm: number, stated: Source): CallNumber {
  return { value: BigInt(imm), stated: { value: BigInt(imm), how: 'literal', source: stated } };
}

/**
 * GUNYAH_HYPERCALL(fn): the model's SMCCC codec builds the value from fn;
 * `expanded` is our hand expansion of the macro, which the codec must match.
 */
function hypercallId(fn: number, expanded: bigint, macro: string): CallNumber {
  const { value } = callVal(1, 1, 6, fn);
  return {
    value,
    // The fields as Gunyah's own layout splits them: call class in 15:14, function in 13:0.
    fields: decodeFields(gunyahFunctionId, value),
    stated: {
      value: expanded,
      how: 'expanded',
      source: linuxHypercall(
        `${macro} GUNYAH_HYPERCALL(0x${fn.toString(16).toUpperCase()}) = ARM_SMCCC_CALL_VAL(ARM_SMCCC_FAST_CALL, ARM_SMCCC_SMC_64, ARM_SMCCC_OWNER_VENDOR_HYP, 0x${fn.toString(16).toUpperCase()})`,
      ),
    },
  };
}

// ---------------------------------------------------------------- shared pieces

const errorSources = [
  apiDoc(
    'Error Result: error in X0; "The error value of zero (`0`) is special and is named “OK”."; "The error value of (`-1`) is special and indicates that the hypercall call is unimplemented."',
  ),
  linuxHeader('enum gunyah_error: GUNYAH_ERROR_OK = 0, GUNYAH_ERROR_UNIMPLEMENTED = -1'),
];

const error = (what: string): ResultDef => ({
  name: 'error',
  meaning: `Gunyah error code for the ${what}`,
  example: 0n,
  exampleMeaning: 'OK (GUNYAH_ERROR_OK)',
  sources: errorSources,
});

const reserved = (sources: Source[]): ArgDef => ({ name: 'reserved', meaning: 'reserved, must be zero', example: 0n, sources });

const identifyResults = (sources: Source[]): ResultDef[] => [
  {
    name: 'api_info',
    meaning: 'Hyp API Info: API version (bits 13:0), big endian (14), 64-bit (15), hypervisor variant (63:56)',
    example: 0x4800000000008001n,
    exampleMeaning: 'API version 1, little endian, 64-bit, variant 0x48 (Haven)',
    layout: hypApiInfo,
    sources: [apiDoc('hypervisor_identify Outputs: X0 Hyp API Info'), ...sources],
  },
  {
    name: 'api_flags_0',
    meaning: 'API Flags 0: one bit per API group the hypervisor supports',
    example: 0x66n,
    exampleMeaning: 'doorbell (bit 1), message queue (bit 2), vCPU (bit 5) and memory extent (bit 6) APIs supported',
    sources: [
      apiDoc('API Flags 0: bit 1 Doorbell, bit 2 Message Queue, bit 5 Virtual CPU, bit 6 Memory Extent APIs'),
      linuxHeader('GUNYAH_FEATURE_DOORBELL 1, MSGQUEUE 2, VCPU 5, MEMEXTENT 6'),
      ...sources,
    ],
  },
  {
    name: 'api_flags_1',
    meaning: 'API Flags 1: bit 0 = Arm v8.2 SVE supported',
    example: 0n,
    exampleMeaning: 'no SVE support',
    sources: [apiDoc('API Flags 1: bit 0 "ARM v8.2 SVE support"'), ...sources],
  },
  {
    name: 'api_flags_2',
    meaning: 'API Flags 2: reserved, zero',
    example: 0n,
    exampleMeaning: 'reserved',
    sources: [apiDoc('API Flags 2: 63:0 Reserved = 0'), ...sources],
  },
];

// Example values: capability IDs are opaque numbers from the caller's CSpace.
const DOORBELL_CAP = 0x5n;
const MSGQ_TX_CAP = 0x7n;
const MSGQ_RX_CAP = 0x8n;
const ADDRSPACE_CAP = 0x9n;
const MEMEXTENT_CAP = 0xan;
const VCPU_CAP = 0xcn;

const laterDocNote = (what: string, hvc: Source): Note => ({
  kind: 'unconfirmed',
  text:
    `Linux's February 2022 patches did not define ${what}; its number and registers here come from the hypervisor's API doc and hypercall definitions, ` +
    'which we read at later commits. That the hypervisor of early 2022 had the call in this form is unconfirmed.',
  sources: [apiDoc(what), hvc],
});

// ---------------------------------------------------------------- the immediate ABI (2022)

const identify2022: Call = {
  id: 'gunyah-2022-hyp-identify',
  name: 'Gunyah hypervisor_identify (hvc #0x6000)',
  family: FAMILY_2022,
  summary: 'Ask the hypervisor for its API version and the API groups it supports. Linux made this call at boot.',
  number: immediate(0x6000, v1Sysfs('arch/arm64/include/asm/gunyah/hypercall.h: GH_HYPERCALL_HYP_IDENTIFY 0x6000')),
  args: [],
  results: identifyResults([v1Sysfs('gunyah_init(): arch_gh_hypercall(GH_HYPERCALL_HYP_IDENTIFY, 0, api_info, flags[0], flags[1], flags[2])')]),
  handles: 'it reports its API info word and three API flag words.',
  returnsOnSuccess: true,
  sources: [
    apiDoc('hypervisor_identify: Call number hvc 0x6000, Inputs: None'),
    hvcDef.identify('define hypervisor_identify hypercall { call_num 0x0; four outputs }'),
  ],
  notes: [
    {
      kind: 'disagreement',
      text: 'The API doc gives the API version as bits 13:0 but writes its mask as 0x00001FFF, which covers only bits 12:0. Linux masks with 0x3FFF (GENMASK_ULL(13, 0)); the bit layout shown follows bits 13:0.',
      sources: [
        apiDoc('Hyp API Info: "13:0 | 0x00001FFF | API Version"'),
        v1Sysfs('GH_API_INFO_API_VERSION(x) (((x) >> 0) & 0x3fff)'),
        linuxHeader('GUNYAH_API_INFO_API_VERSION_MASK GENMASK_ULL(13, 0)'),
      ],
    },
  ],
};

const doorbellSend2022: Call = {
  id: 'gunyah-2022-doorbell-send',
  name: 'Gunyah doorbell_send (hvc #0x6012)',
  family: FAMILY_2022,
  summary: "Set flags in a doorbell, which can raise the receiving VM's virtual interrupt.",
  number: immediate(0x6012, apiDoc('doorbell_send: Call number hvc 0x6012')),
  args: [
    { name: 'doorbell', meaning: 'capability ID of the doorbell', example: DOORBELL_CAP, sources: [apiDoc('doorbell_send Inputs: X0 Doorbell CapID')] },
    { name: 'new_flags', meaning: 'flags to OR into the doorbell', example: 0x1n, sources: [apiDoc('doorbell_send Inputs: X1 NewFlags FlagsBitmap')] },
    reserved([apiDoc('doorbell_send Inputs: X2 Reserved — Must be Zero')]),
  ],
  results: [
    error('send'),
    {
      name: 'old_flags',
      meaning: "the doorbell's unmasked flags before this send",
      example: 0n,
      exampleMeaning: 'no flags were set',
      sources: [apiDoc('doorbell_send Outputs: X1 OldFlags FlagsBitmap')],
    },
  ],
  handles: 'it ORs the new flags into the doorbell and asserts the bound virtual interrupt if an enabled flag is now set.',
  returnsOnSuccess: true,
  sources: [apiDoc('Doorbell Send, doorbell_send'), hvcDef.doorbell('define doorbell_send hypercall { call_num 0x12; … }')],
  notes: [laterDocNote('doorbell_send', hvcDef.doorbell('doorbell_send call_num 0x12'))],
};

const doorbellMask2022: Call = {
  id: 'gunyah-2022-doorbell-mask',
  name: 'Gunyah doorbell_mask (hvc #0x6015)',
  family: FAMILY_2022,
  summary: "Set which doorbell flags raise the receiver's interrupt, and which are cleared automatically when it is raised.",
  number: immediate(0x6015, apiDoc('doorbell_mask: Call number hvc 0x6015')),
  args: [
    { name: 'doorbell', meaning: 'capability ID of the doorbell', example: DOORBELL_CAP, sources: [apiDoc('doorbell_mask Inputs: X0 Doorbell CapID')] },
    {
      name: 'enable_mask',
      meaning: 'flags that assert the bound virtual interrupt',
      example: 0x1n,
      sources: [apiDoc('doorbell_mask Inputs: X1 EnableMask FlagsBitmap')],
    },
    {
      name: 'ack_mask',
      meaning: 'flags cleared automatically when the interrupt is asserted',
      example: 0x1n,
      sources: [apiDoc('doorbell_mask Inputs: X2 AckMask FlagsBitmap')],
    },
    reserved([apiDoc('doorbell_mask Inputs: X3 Reserved — Must be Zero')]),
  ],
  results: [error('mask update')],
  handles: "it sets the doorbell's enable and acknowledge masks.",
  returnsOnSuccess: true,
  sources: [apiDoc('Doorbell Mask, doorbell_mask'), hvcDef.doorbell('define doorbell_mask hypercall { call_num 0x15; … }')],
  notes: [laterDocNote('doorbell_mask', hvcDef.doorbell('doorbell_mask call_num 0x15'))],
};

const msgqSend2022: Call = {
  id: 'gunyah-2022-msgq-send',
  name: 'Gunyah msgqueue_send (hvc #0x601B)',
  family: FAMILY_2022,
  summary: 'Append a message to the tail of a message queue, copied from a buffer in the caller.',
  number: immediate(0x601b, v1Msgq('arch/arm64/include/asm/gunyah/hypercall.h: GH_HYPERCALL_MSGQ_SEND 0x601B')),
  args: [
    {
      name: 'msgqueue',
      meaning: 'capability ID of the message queue (send side)',
      example: MSGQ_TX_CAP,
      sources: [apiDoc('msgqueue_send Inputs: X0 Message Queue CapID')],
    },
    { name: 'size', meaning: 'size of the message in bytes, non-zero', example: 0x40n, sources: [apiDoc('msgqueue_send Inputs: X1 Size — Must be non-zero')] },
    {
      name: 'data',
      meaning: "address of the message in the caller's virtual address space",
      example: 0xffff800008a3c000n,
      sources: [apiDoc('msgqueue_send Inputs: X2 Data VMAddr')],
    },
    {
      name: 'send_flags',
      meaning: 'bit 0 = push: deliver to the receiver at once',
      example: 0x1n,
      sources: [apiDoc('MsgQSendFlags: bit 0 Message Push'), v1Msgq('GH_HYPERCALL_MSGQ_SEND_FLAGS_PUSH BIT(0)')],
    },
    reserved([
      apiDoc('msgqueue_send Inputs: X4 Reserved — Must be Zero'),
      v1Msgq('__gh_msgq_send(): arch_gh_hypercall(GH_HYPERCALL_MSGQ_SEND, 5, capid, size, buff, tx_flags, 0, …)'),
    ]),
  ],
  results: [
    error('send'),
    {
      name: 'not_full',
      meaning: 'true if the queue can take another message',
      example: 1n,
      exampleMeaning: 'true: the queue is not full',
      sources: [apiDoc('msgqueue_send Outputs: X1 NotFull Boolean')],
    },
  ],
  handles: "it copies the message to the tail of the queue and may raise the receiver's interrupt.",
  returnsOnSuccess: true,
  sources: [
    apiDoc('Message Queue Send, msgqueue_send: hvc 0x601B'),
    v1Msgq('__gh_msgq_send()'),
    hvcDef.msgqueue('define msgqueue_send hypercall { call_num 0x1b; … }'),
  ],
  notes: [],
};

const msgqRecv2022: Call = {
  id: 'gunyah-2022-msgq-recv',
  name: 'Gunyah msgqueue_receive (hvc #0x601C)',
  family: FAMILY_2022,
  summary: 'Take the message at the head of a message queue into a buffer in the caller.',
  number: immediate(0x601c, v1Msgq('arch/arm64/include/asm/gunyah/hypercall.h: GH_HYPERCALL_MSGQ_RECV 0x601C')),
  args: [
    {
      name: 'msgqueue',
      meaning: 'capability ID of the message queue (receive side)',
      example: MSGQ_RX_CAP,
      sources: [apiDoc('msgqueue_receive Inputs: X0 Message Queue CapID')],
    },
    {
      name: 'buffer',
      meaning: "address of the buffer in the caller's virtual address space",
      example: 0xffff800008a3d000n,
      sources: [apiDoc('msgqueue_receive Inputs: X1 Buffer VMAddr')],
    },
    { name: 'max_size', meaning: 'size of the buffer in bytes', example: 0x400n, sources: [apiDoc('msgqueue_receive Inputs: X2 MaximumSize Size')] },
    reserved([
      apiDoc('msgqueue_receive Inputs: X3 Reserved — Must be Zero'),
      v1Msgq('__gh_msgq_recv(): arch_gh_hypercall(GH_HYPERCALL_MSGQ_RECV, 4, capid, buff, size, 0, …)'),
    ]),
  ],
  results: [
    error('receive'),
    {
      name: 'size',
      meaning: 'bytes received',
      example: 0x40n,
      exampleMeaning: 'a 64-byte message',
      sources: [apiDoc('msgqueue_receive Outputs: X1 Size Size')],
    },
    {
      name: 'not_empty',
      meaning: 'true if more messages are waiting',
      example: 0n,
      exampleMeaning: 'false: the queue is now empty',
      sources: [apiDoc('msgqueue_receive Outputs: X2 NotEmpty Boolean')],
    },
  ],
  handles: 'it copies the message at the head of the queue into the buffer.',
  returnsOnSuccess: true,
  sources: [
    apiDoc('Message Queue Receive, msgqueue_receive: hvc 0x601C'),
    v1Msgq('__gh_msgq_recv()'),
    hvcDef.msgqueue('define msgqueue_receive hypercall { call_num 0x1c; … }'),
  ],
  notes: [],
};

/** Where each argument is written: the API doc's X register, and Linux's name for it. */
type ArgSource = (docWhere: string, linuxName: string) => Source;

const mapArgs = (src: ArgSource): ArgDef[] => [
  { name: 'addrspace', meaning: 'capability ID of the address space', example: ADDRSPACE_CAP, sources: [src('X0 Address Space CapID', 'capid')] },
  { name: 'memextent', meaning: 'capability ID of the memory extent to map', example: MEMEXTENT_CAP, sources: [src('X1 Memory Extent CapID', 'extent_capid')] },
  { name: 'vbase', meaning: 'base address in the address space', example: 0x80000000n, sources: [src('X2 Base VMAddr', 'vbase')] },
  {
    name: 'map_attrs',
    meaning: 'user access in bits 2:0, kernel access in bits 6:4, memory type in bits 23:16 (example: RW for both)',
    example: 0x66n,
    sources: [
      src('X3 Map Attributes: 2..0 User Access, 6..4 Kernel Access, 23:16 Memory Type', 'extent_attrs'),
      linuxHeader('GUNYAH_MEMEXTENT_MAPPING_USER_ACCESS GENMASK_ULL(2, 0), _KERNEL_ACCESS GENMASK_ULL(6, 4); GUNYAH_PAGETABLE_ACCESS_RW = 6'),
    ],
  },
  {
    name: 'map_flags',
    meaning: 'bit 0 = partial (map only offset/size), bit 31 = no sync',
    example: 0x1n,
    sources: [src('X4 Map Flags; Map Flags: 0 Partial, 31 NoSync', 'flags')],
  },
  { name: 'offset', meaning: 'offset into the memory extent (used when partial)', example: 0x0n, sources: [src('X5 Offset', 'offset')] },
  { name: 'size', meaning: 'bytes to map (used when partial)', example: 0x200000n, sources: [src('X6 Size', 'size')] },
];

const mapReservedNote: Note = {
  kind: 'disagreement',
  text:
    'The API doc (commit 36ca3a2a) lists seven inputs ending with Size and no reserved register after it. Linux\'s SMCCC-era wrapper passes an eighth, zero ("Gunyah requires 0, so be explicit"). ' +
    'An older addrspace.hvc (commit 4a4f0af1) had only four inputs, the fourth (X4) a reserved _res0, and no flags, offset or size.',
  sources: [
    apiDoc('addrspace_map Inputs: X0 … X6 Size'),
    linuxHypercall('gunyah_hypercall_addrspace_map(): .a8 = 0'),
    hvcDef.addrspace('define addrspace_map hypercall { call_num 0x2B; addrspace, memextent, vbase, map_attrs, _res0 }'),
  ],
};

const addrspaceMap2022: Call = {
  id: 'gunyah-2022-addrspace-map',
  name: 'Gunyah addrspace_map (hvc #0x602B)',
  family: FAMILY_2022,
  summary: "Map a memory extent, or part of it, into a VM's address space.",
  number: immediate(0x602b, apiDoc('addrspace_map: Call number hvc 0x602b')),
  args: mapArgs((w) => apiDoc(`addrspace_map Inputs: ${w}`)),
  results: [error('mapping')],
  handles: 'it maps the memory extent (or the part given by offset and size) at the base address with the given access rights.',
  returnsOnSuccess: true,
  sources: [apiDoc('Address Space Map, addrspace_map'), hvcDef.addrspace('addrspace_map call_num 0x2B')],
  notes: [laterDocNote('addrspace_map', hvcDef.addrspace('addrspace_map call_num 0x2B')), mapReservedNote],
};

const vcpuRunArgs = (src: ArgSource): ArgDef[] => [
  { name: 'vcpu', meaning: 'capability ID of the proxy-scheduled vCPU', example: VCPU_CAP, sources: [src('X0 VCPU CapID', '.a1 = capid')] },
  {
    name: 'resume_data_1',
    meaning: 'state-specific resume data (the value read, after an MMIO read exit)',
    example: 0n,
    sources: [src('X1 State-specific Resume Data 1', '.a2 = resume_data[0]')],
  },
  {
    name: 'resume_data_2',
    meaning: 'state-specific resume data 2, currently zero',
    example: 0n,
    sources: [src('X2 State-specific Resume Data 2; "currently unused and must be zero"', '.a3 = resume_data[1]')],
  },
  {
    name: 'resume_data_3',
    meaning: 'state-specific resume data 3, currently zero',
    example: 0n,
    sources: [src('X3 State-specific Resume Data 3', '.a4 = resume_data[2]')],
  },
];

const vcpuRunResults: ResultDef[] = [
  error('run'),
  {
    name: 'vcpu_state',
    meaning: 'why the vCPU stopped running: 0 READY, 1 EXPECTS_WAKEUP, 2 POWERED_OFF, 3 BLOCKED, 4/5 VMMIO read/write, …',
    example: 1n,
    exampleMeaning: 'EXPECTS_WAKEUP: the vCPU waits for an interrupt',
    sources: [apiDoc('vcpu_run Outputs: X1 VCPU Run State; 0x1 EXPECTS_WAKEUP'), linuxHeader('GUNYAH_VCPU_STATE_EXPECTS_WAKEUP = 1')],
  },
  {
    name: 'state_data_1',
    meaning: 'state-specific data 1',
    example: 0n,
    exampleMeaning: 'sleep type 0: a trapped WFI',
    sources: [apiDoc('vcpu_run Outputs: X2 State-specific Data 1; VCPU Sleep Type 0 = trapped WFI')],
  },
  {
    name: 'state_data_2',
    meaning: 'state-specific data 2',
    example: 0n,
    exampleMeaning: 'unused in this state',
    sources: [apiDoc('vcpu_run Outputs: X3 State-specific Data 2')],
  },
  {
    name: 'state_data_3',
    meaning: 'state-specific data 3',
    example: 0n,
    exampleMeaning: 'unused in this state',
    sources: [apiDoc('vcpu_run Outputs: X4 State-specific Data 3')],
  },
];

const vcpuRun2022: Call = {
  id: 'gunyah-2022-vcpu-run',
  name: 'Gunyah vcpu_run (hvc #0x6065)',
  family: FAMILY_2022,
  summary: 'Give CPU time to a proxy-scheduled vCPU of another VM; the call returns when the caller is preempted or the vCPU cannot go on.',
  number: immediate(0x6065, apiDoc('vcpu_run: Call number hvc 0x6065')),
  args: [
    ...vcpuRunArgs((w) => apiDoc(`vcpu_run Inputs: ${w}`)),
    reserved([apiDoc('vcpu_run Inputs: X4 Reserved — Must be Zero'), hvcDef.vcpuRun('res0 input uregister')]),
  ],
  results: vcpuRunResults,
  handles: 'it switches to the vCPU and returns when the caller is preempted or the vCPU stops, saying why in the run state.',
  returnsOnSuccess: true,
  sources: [
    apiDoc('Run a Proxy-Scheduled VCPU thread, vcpu_run'),
    hvcDef.vcpuRun('define vcpu_run hypercall { call_num 0x65; cap_id, resume_data_0..2, res0; error, vcpu_state, state_data_0..2 }'),
  ],
  notes: [laterDocNote('vcpu_run', hvcDef.vcpuRun('vcpu_run call_num 0x65 (file © 2022)'))],
};

// ---------------------------------------------------------------- the SMCCC ABI

const made = (wrapper: '1.1' | '1.2', why?: string): Note => ({
  kind: 'info',
  text:
    wrapper === '1.1'
      ? 'Linux makes this call with arm_smccc_1_1_hvc (results from x0–x3).'
      : `Linux makes this call with arm_smccc_1_2_hvc, which loads x0–x17 and stores x0–x17 back: ${why}`,
  sources: [linux12or11(wrapper)],
});

function linux12or11(wrapper: '1.1' | '1.2'): Source {
  return linuxHypercall(
    wrapper === '1.1' ? 'arm_smccc_1_1_hvc(GUNYAH_HYPERCALL_…, …, &res)' : 'struct arm_smccc_1_2_regs args, res; arm_smccc_1_2_hvc(&args, &res)',
  );
}

const identify: Call = {
  id: 'gunyah-hyp-identify',
  name: 'Gunyah HYP_IDENTIFY (SMCCC)',
  family: FAMILY_SMCCC,
  summary: 'Ask the hypervisor for its API version and the API groups it supports. Linux checks that the API version is 1.',
  number: hypercallId(0x8000, 0xc6008000n, 'GUNYAH_HYPERCALL_HYP_IDENTIFY'),
  args: [],
  results: identifyResults([linuxHypercall('gunyah_hypercall_hyp_identify(): api_info = res.a0; flags[0..2] = res.a1..a3')]),
  handles: 'it reports its API info word and three API flag words.',
  returnsOnSuccess: true,
  sources: [linuxHypercall('gunyah_hypercall_hyp_identify()'), hvcDef.identify('hypervisor_identify call_num 0x0')],
  notes: [made('1.1')],
};

const doorbellSend: Call = {
  id: 'gunyah-doorbell-send',
  name: 'Gunyah BELL_SEND (SMCCC)',
  family: FAMILY_SMCCC,
  summary: "Set flags in a doorbell, which can raise the receiving VM's virtual interrupt.",
  number: hypercallId(0x8012, 0xc6008012n, 'GUNYAH_HYPERCALL_BELL_SEND'),
  args: [
    {
      name: 'capid',
      meaning: 'capability ID of the doorbell',
      example: DOORBELL_CAP,
      sources: [linuxHypercall('gunyah_hypercall_bell_send(capid, new_flags, …)')],
    },
    { name: 'new_flags', meaning: 'flags to OR into the doorbell', example: 0x1n, sources: [linuxHypercall('@new_flags: bits to set on the doorbell')] },
    reserved([linuxHypercall('arm_smccc_1_1_hvc(GUNYAH_HYPERCALL_BELL_SEND, capid, new_flags, 0, &res)')]),
  ],
  results: [
    error('send'),
    {
      name: 'old_flags',
      meaning: "the doorbell's flags before this send",
      example: 0n,
      exampleMeaning: 'no flags were set',
      sources: [linuxHypercall('*old_flags = res.a1')],
    },
  ],
  handles: 'it ORs the new flags into the doorbell and asserts the bound virtual interrupt if an enabled flag is now set.',
  returnsOnSuccess: true,
  sources: [linuxHypercall('gunyah_hypercall_bell_send()'), apiDoc('doorbell_send')],
  notes: [made('1.1')],
};

const doorbellSetMask: Call = {
  id: 'gunyah-doorbell-set-mask',
  name: 'Gunyah BELL_SET_MASK (SMCCC)',
  family: FAMILY_SMCCC,
  summary: "Set which doorbell flags raise the receiver's interrupt, and which are cleared automatically when it is raised.",
  number: hypercallId(0x8015, 0xc6008015n, 'GUNYAH_HYPERCALL_BELL_SET_MASK'),
  args: [
    {
      name: 'capid',
      meaning: 'capability ID of the doorbell',
      example: DOORBELL_CAP,
      sources: [linuxHypercall('gunyah_hypercall_bell_set_mask(capid, enable_mask, ack_mask)')],
    },
    {
      name: 'enable_mask',
      meaning: 'flags that trigger the receiver interrupt',
      example: 0x1n,
      sources: [linuxHypercall('@enable_mask: which bits trigger the receiver interrupt')],
    },
    {
      name: 'ack_mask',
      meaning: "flags acknowledged automatically when the receiver interrupt is ack'd",
      example: 0x1n,
      sources: [linuxHypercall("@ack_mask: which bits are automatically acknowledged when the receiver interrupt is ack'd")],
    },
    reserved([linuxHypercall('arm_smccc_1_1_hvc(GUNYAH_HYPERCALL_BELL_SET_MASK, capid, enable_mask, ack_mask, 0, &res)')]),
  ],
  results: [error('mask update')],
  handles: "it sets the doorbell's enable and acknowledge masks.",
  returnsOnSuccess: true,
  sources: [linuxHypercall('gunyah_hypercall_bell_set_mask()'), apiDoc('doorbell_mask')],
  notes: [made('1.1')],
};

const msgqSend: Call = {
  id: 'gunyah-msgq-send',
  name: 'Gunyah MSGQ_SEND (SMCCC)',
  family: FAMILY_SMCCC,
  summary: 'Append a message to the tail of a message queue, copied from a buffer in the caller.',
  number: hypercallId(0x801b, 0xc600801bn, 'GUNYAH_HYPERCALL_MSGQ_SEND'),
  args: [
    {
      name: 'capid',
      meaning: 'capability ID of the message queue (send side)',
      example: MSGQ_TX_CAP,
      sources: [linuxHypercall('gunyah_hypercall_msgq_send(capid, size, buff, tx_flags, ready)')],
    },
    { name: 'size', meaning: 'size of the message in bytes', example: 0x40n, sources: [linuxHypercall('@size: Size of @buff')] },
    { name: 'buff', meaning: 'address of the message in the caller', example: 0xffff800008a3c000n, sources: [linuxHypercall('(uintptr_t)buff')] },
    {
      name: 'tx_flags',
      meaning: 'bit 0 = push: deliver to the receiver at once',
      example: 0x1n,
      sources: [linuxHeader('GUNYAH_HYPERCALL_MSGQ_TX_FLAGS_PUSH BIT(0) "Immediately raise RX vIRQ on receiver VM"')],
    },
    reserved([linuxHypercall('arm_smccc_1_1_hvc(GUNYAH_HYPERCALL_MSGQ_SEND, capid, size, (uintptr_t)buff, tx_flags, 0, &res)')]),
  ],
  results: [
    error('send'),
    {
      name: 'ready',
      meaning: 'true if more messages can be sent now',
      example: 1n,
      exampleMeaning: 'true: the queue is not full',
      sources: [linuxHypercall('*ready = !!res.a1')],
    },
  ],
  handles: "it copies the message to the tail of the queue and may raise the receiver's interrupt.",
  returnsOnSuccess: true,
  sources: [linuxHypercall('gunyah_hypercall_msgq_send()'), torvaldsCopy('gh_hypercall_msgq_send()'), apiDoc('msgqueue_send')],
  notes: [made('1.1')],
};

const msgqRecv: Call = {
  id: 'gunyah-msgq-recv',
  name: 'Gunyah MSGQ_RECV (SMCCC)',
  family: FAMILY_SMCCC,
  summary: 'Take the message at the head of a message queue into a buffer in the caller.',
  number: hypercallId(0x801c, 0xc600801cn, 'GUNYAH_HYPERCALL_MSGQ_RECV'),
  args: [
    {
      name: 'capid',
      meaning: 'capability ID of the message queue (receive side)',
      example: MSGQ_RX_CAP,
      sources: [linuxHypercall('gunyah_hypercall_msgq_recv(capid, buff, size, recv_size, ready)')],
    },
    {
      name: 'buff',
      meaning: 'address of the buffer in the caller',
      example: 0xffff800008a3d000n,
      sources: [linuxHypercall('@buff: Address of buffer to copy received data into')],
    },
    { name: 'size', meaning: 'size of the buffer in bytes', example: 0x400n, sources: [linuxHypercall('@size: Size of @buff')] },
    reserved([linuxHypercall('arm_smccc_1_1_hvc(GUNYAH_HYPERCALL_MSGQ_RECV, capid, (uintptr_t)buff, size, 0, &res)')]),
  ],
  results: [
    error('receive'),
    { name: 'recv_size', meaning: 'bytes received', example: 0x40n, exampleMeaning: 'a 64-byte message', sources: [linuxHypercall('*recv_size = res.a1')] },
    {
      name: 'ready',
      meaning: 'true if more messages are waiting',
      example: 0n,
      exampleMeaning: 'false: the queue is now empty',
      sources: [linuxHypercall('*ready = !!res.a2')],
    },
  ],
  handles: 'it copies the message at the head of the queue into the buffer.',
  returnsOnSuccess: true,
  sources: [linuxHypercall('gunyah_hypercall_msgq_recv()'), torvaldsCopy('gh_hypercall_msgq_recv()'), apiDoc('msgqueue_receive')],
  notes: [made('1.1')],
};

const addrspaceMap: Call = {
  id: 'gunyah-addrspace-map',
  name: 'Gunyah ADDRSPACE_MAP (SMCCC)',
  family: FAMILY_SMCCC,
  summary: "Map a memory extent, or part of it, into a VM's address space.",
  number: hypercallId(0x802b, 0xc600802bn, 'GUNYAH_HYPERCALL_ADDRSPACE_MAP'),
  args: [
    ...mapArgs((w, name) => linuxHypercall(`gunyah_hypercall_addrspace_map(): ${name} (API doc, shifted up one register: ${w})`)),
    reserved([linuxHypercall('.a8 = 0 "Gunyah requires 0, so be explicit"')]),
  ],
  results: [error('mapping')],
  handles: 'it maps the memory extent (or the part given by offset and size) at the base address with the given access rights.',
  returnsOnSuccess: true,
  sources: [linuxHypercall('gunyah_hypercall_addrspace_map()'), apiDoc('addrspace_map')],
  notes: [made('1.2', 'with the function ID it needs x0–x8, more than SMCCC 1.1 passes.'), mapReservedNote],
};

const vcpuRun: Call = {
  id: 'gunyah-vcpu-run',
  name: 'Gunyah VCPU_RUN (SMCCC)',
  family: FAMILY_SMCCC,
  summary: 'Give CPU time to a proxy-scheduled vCPU of another VM; the call returns when the caller is preempted or the vCPU cannot go on.',
  number: hypercallId(0x8065, 0xc6008065n, 'GUNYAH_HYPERCALL_VCPU_RUN'),
  args: [
    ...vcpuRunArgs((w, name) => linuxHypercall(`gunyah_hypercall_vcpu_run(): ${name} (API doc, shifted up one register: ${w})`)),
    reserved([linuxHypercall('.a5 = 0 "Gunyah requires 0, so be explicit"')]),
  ],
  results: vcpuRunResults.map((r, i) => ({
    ...r,
    sources: [...r.sources, linuxHypercall(i === 0 ? 'return res.a0' : i === 1 ? 'resp->sized_state = res.a1' : `resp->state_data[${i - 2}] = res.a${i}`)],
  })),
  handles: 'it switches to the vCPU and returns when the caller is preempted or the vCPU stops, saying why in the run state.',
  returnsOnSuccess: true,
  sources: [linuxHypercall('gunyah_hypercall_vcpu_run()'), hvcDef.vcpuRun('vcpu_run call_num 0x65')],
  notes: [made('1.2', 'the results fill x0–x4, one more than SMCCC 1.1 returns.')],
};

export const gunyahCalls2022: readonly Call[] = [identify2022, doorbellSend2022, doorbellMask2022, msgqSend2022, msgqRecv2022, addrspaceMap2022, vcpuRun2022];
export const gunyahSmcccCalls: readonly Call[] = [identify, doorbellSend, doorbellSetMask, msgqSend, msgqRecv, addrspaceMap, vcpuRun];
/** The SMCCC-ABI calls Linux makes with arm_smccc_1_2_hvc (their notes say why); the others use arm_smccc_1_1_hvc. */
export const madeWithSmccc12: readonly Call[] = [addrspaceMap, vcpuRun];
