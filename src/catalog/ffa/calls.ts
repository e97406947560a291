import type { ArgDef, Call, CallNumber, ResultDef } from '../../model/call';
import type { RunDef } from '../../model/pair';
import type { Note, Source } from '../../model/source';
import type { MemoryArg } from '../../model/memory';
import { callVal } from '../smccc/function-id';
import { FAMILY } from './conventions';
import { driver, hafnium, header, headerBefore618, src, tfaSvc } from './sources';
import { pathSrc, spmdPath, type DirectRequest } from './path';
import { PKVM, pkvmNote, pkvmVariant } from './pkvm';
import { EXAMPLE_DESCRIPTOR_LENGTH, memTransactionDescriptor, partitionDescriptors, RX_BUFFER, rxtxBuffers, sizes, TX_BUFFER } from './memory';

/**
 * The FF-A calls Linux's driver makes, as far as a single hop from the
 * normal-world kernel can show them truthfully. FFA_SUCCESS, FFA_ERROR and
 * the direct responses are not calls a kernel makes: they are what comes
 * back in x0, so they appear as results.
 */

type Width = 32 | 64;
const reg = (w: Width, n: number) => `${w === 64 ? 'x' : 'w'}${n}`;
const hex = (v: bigint) => `0x${v.toString(16).toUpperCase()}`;
const SMC32_BASE = 0x84000000n;
const SMC64_BASE = 0xc4000000n;

/**
 * FFA_SMC_32(n) or FFA_SMC_64(n). Hafnium writes most IDs as literals, which
 * the stated value is then typed from; the v1.2 IDs and some 64-bit forms are
 * not in the Hafnium copy we read, so for those the Linux macro is expanded by
 * hand and TF-A's function number cross-checks it.
 */
function fid(n: number, w: Width, linuxMacro: string, tfaMacro: string, hafniumLiteral?: readonly [string, bigint]): CallNumber {
  const built = callVal(1, w === 64 ? 1 : 0, 4, n);
  const ffaSmc = `FFA_SMC_${w}(${hex(BigInt(n))})`;
  if (hafniumLiteral) {
    const [name, value] = hafniumLiteral;
    return { ...built, stated: { value, how: 'literal', source: hafnium(`${name} ${hex(value)} (Linux ${linuxMacro} = ${ffaSmc}; TF-A ${tfaMacro})`) } };
  }
  return {
    ...built,
    stated: {
      value: (w === 64 ? SMC64_BASE : SMC32_BASE) + BigInt(n),
      how: 'expanded',
      source: header(`${linuxMacro} = ${ffaSmc} = ARM_SMCCC_CALL_VAL(FAST, SMC_${w}, OWNER_STANDARD 4, ${hex(BigInt(n))}), expanded by hand; TF-A ${tfaMacro}`),
    },
  };
}

// ---------------------------------------------------------------- notes every call carries

const firstHopOnly: Note = {
  kind: 'info',
  text:
    'A call for a secure partition goes on past EL3: NS-EL1 → EL3 (the SPMD) → S-EL2 (the SPMC, for example Hafnium) → the partition, and its reply comes back the same way. ' +
    'This call is drawn as far as the firmware that answers the kernel, the SPMD at EL3 (under pKVM through pKVM at EL2, or only to pKVM where its proxy answers); over hvc, to the hypervisor. Where the SPMD passes it on to the SPMC is not drawn.',
  sources: [src.spmd, src.spmcLevel],
};

// ---------------------------------------------------------------- results

function success(w: Width, meaning = 'FFA_SUCCESS, or FFA_ERROR with the error code in w2'): ResultDef {
  return {
    name: 'reply',
    meaning: `function ID of the reply: ${meaning}`,
    register: reg(w, 0),
    example: 0x84000061n,
    exampleMeaning: 'FFA_SUCCESS (its SMC32 ID)',
    sources: [src.success, src.hafSuccess, src.error],
  };
}

const word = (w: Width, n: number, name: string, meaning: string, example: bigint, exampleMeaning: string, sources: readonly Source[]): ResultDef => ({
  name,
  meaning,
  register: reg(w, n),
  example,
  exampleMeaning,
  sources,
});

const arg = (w: Width, n: number, name: string, meaning: string, example: bigint, sources: readonly Source[]): ArgDef => ({
  name,
  meaning,
  register: reg(w, n),
  example,
  sources,
});

const idsArg = (w: Width, where: string): ArgDef =>
  arg(w, 1, 'sender and receiver', 'endpoint IDs: sender in bits 31:16, receiver in bits 15:0 (bit 15 set: a secure-world endpoint)', 0x00018001n, [driver(where), src.ids, src.secureId]);

interface CallSpec {
  id: string;
  name: string;
  number: CallNumber;
  summary: string;
  handles: string;
  args: readonly ArgDef[];
  results: readonly ResultDef[];
  runs?: readonly RunDef[];
  sources: readonly Source[];
  notes?: readonly Note[];
  /** Set on the direct requests, which are drawn on to the partition (path.ts). */
  request?: DirectRequest;
  memory?: readonly MemoryArg[];
}

/** A 64-bit memory handle over two w registers, low half first, as PACK_HANDLE(lo, hi) and HANDLE_LOW/HIGH split it. */
const handleRun = (registers: readonly [string, string], direction: RunDef['direction']): RunDef => ({
  id: 'handle',
  name: 'handle',
  meaning: 'the 64-bit handle that names a memory transaction',
  registers,
  partBits: 32,
  order: 'low-first',
  direction,
  sources: [
    header('PACK_HANDLE(l, h) (FIELD_PREP(HANDLE_LOW_MASK, (l)) | FIELD_PREP(HANDLE_HIGH_MASK, (h))); HANDLE_LOW_MASK GENMASK_ULL(31, 0), HANDLE_HIGH_MASK GENMASK_ULL(63, 32)'),
    driver('ffa_mem_first_frag: *handle = PACK_HANDLE(ret.a2, ret.a3); ffa_memory_reclaim: .a1 = HANDLE_LOW(g_handle), .a2 = HANDLE_HIGH(g_handle)'),
  ],
});

/** A UUID as bytes in memory order over registers, each loaded little-endian (byte 0 lowest). */
const uuidRun = (registers: readonly string[], partBits: 32 | 64, how: Source): RunDef => ({
  id: 'uuid',
  name: 'UUID',
  meaning: 'the 16 bytes of a UUID in the order uuid_t keeps them',
  registers,
  partBits,
  order: 'bytes-le',
  direction: 'in',
  sources: [how],
});


const pathDrawn: Note = {
  kind: 'info',
  text:
    'Over smc this call is drawn past the first hop: NS-EL1 → EL3 (TF-A’s SPMD) → S-EL2 (Hafnium, the SPMC) → S-EL1 (the receiving partition) and back, with what each level hands to the next. ' +
    'Over hvc it is drawn to the hypervisor only, which decides for itself whether to pass it on.',
  sources: [src.spmd, src.spmcLevel, pathSrc.directReq, src.hypervisor],
};

function ffaCall({ request, ...c }: CallSpec): Call {
  return {
    ...c,
    family: FAMILY,
    returnsOnSuccess: true,
    ...(request ? { path: spmdPath(request) } : {}),
    variants: { [PKVM]: pkvmVariant(c.number.value, c.results, request) },
    notes: [...(c.notes ?? []), pkvmNote(c.number.value, c.name), request ? pathDrawn : firstHopOnly],
  };
}

// ---------------------------------------------------------------- setup and discovery

const version = ffaCall({
  id: 'ffa-version',
  name: 'FFA_VERSION',
  number: fid(0x63, 32, 'FFA_VERSION', 'FFA_VERSION = FFA_FID(SMC_32, FFA_FNUM_VERSION U(0x63))', ['FFA_VERSION_32', 0x84000063n]),
  summary: 'Tell the firmware which FF-A version the caller speaks and learn which one it implements: the driver’s first call.',
  handles: 'it answers with its own FF-A version, or NOT_SUPPORTED if it cannot work with the caller’s.',
  args: [
    arg(32, 1, 'input version', 'the caller’s FF-A version: major in bits 30:16, minor in bits 15:0; Linux passes FFA_DRIVER_VERSION', 0x10002n, [
      driver('ffa_version_check: .a0 = FFA_VERSION, .a1 = FFA_DRIVER_VERSION; FFA_DRIVER_VERSION FFA_VERSION_1_2'),
      header('FFA_MAJOR_VERSION_MASK GENMASK(30, 16), FFA_MINOR_VERSION_MASK GENMASK(15, 0), FFA_VERSION_1_2 = FFA_PACK_VERSION_INFO(1, 2)'),
    ]),
  ],
  results: [
    word(32, 0, 'version', 'the callee’s FF-A version in the same format, or NOT_SUPPORTED (-1); FFA_VERSION answers in w0 directly, not with FFA_SUCCESS', 0x10002n, 'FF-A v1.2 (an example)', [
      driver('ffa_version_check: if ((s32)ver.a0 == FFA_RET_NOT_SUPPORTED) …; FFA_MAJOR_VERSION(ver.a0)'),
      tfaSvc('MAKE_FFA_VERSION(major, minor): major & 0x7FFF << 16 | minor & 0xFFFF; FFA_VERSION_BIT31_MASK'),
    ]),
  ],
  sources: [header('FFA_VERSION FFA_SMC_32(0x63)'), driver('ffa_version_check')],
  notes: [
    {
      kind: 'info',
      text: 'If the firmware reports a newer minor version than the driver’s, Linux keeps using its own (ffa_compatible_version_find: "Firmware version higher than driver version, downgrading").',
      sources: [driver('ffa_compatible_version_find')],
    },
  ],
});

const idGet = ffaCall({
  id: 'ffa-id-get',
  name: 'FFA_ID_GET',
  number: fid(0x69, 32, 'FFA_ID_GET', 'FFA_ID_GET = FFA_FID(SMC_32, FFA_FNUM_ID_GET U(0x69))', ['FFA_ID_GET_32', 0x84000069n]),
  summary: 'Ask for the caller’s own FF-A endpoint ID, used afterwards as the sender in messages and memory transactions.',
  handles: 'it answers FFA_SUCCESS with the caller’s endpoint ID in w2.',
  args: [],
  results: [
    success(32),
    word(32, 2, 'endpoint ID', 'the caller’s ID in bits 15:0 (after FFA_ERROR: the error code)', 0x0n, 'FFA_NS_ENDPOINT_ID (0): what TF-A’s SPMD answers a normal-world caller', [driver('ffa_id_get: *vm_id = FIELD_GET(VM_ID_MASK GENMASK(15, 0), id.a2)'), src.spmdIdGet, src.nsEndpoint]),
  ],
  sources: [header('FFA_ID_GET FFA_SMC_32(0x69)'), driver('ffa_id_get')],
});

const features = ffaCall({
  id: 'ffa-features',
  name: 'FFA_FEATURES',
  number: fid(0x64, 32, 'FFA_FEATURES', 'FFA_FEATURES = FFA_FID(SMC_32, FFA_FNUM_FEATURES U(0x64))', ['FFA_FEATURES_32', 0x84000064n]),
  summary: 'Ask whether the callee implements an FF-A function (or a feature such as an interrupt ID), and with which properties.',
  handles: 'it answers FFA_SUCCESS with the interface properties in w2 and w3, or FFA_ERROR with NOT_SUPPORTED.',
  args: [
    arg(32, 1, 'function or feature ID', 'an FF-A function ID (bit 31 set) or a feature ID; Linux asks, for example, for FFA_MSG_SEND_DIRECT_REQ2', 0xc400008dn, [
      driver('ffa_features: .a0 = FFA_FEATURES, .a1 = func_feat_id, .a2 = input_props; ffa_drvinfo_flags_init: ffa_features(FFA_MSG_SEND_DIRECT_REQ2, 0, …)'),
      hafnium('FFA_FEATURES_FUNC_ID_MASK (UINT32_C(1) << 31), FFA_FEATURES_FEATURE_ID_MASK 0x7F'),
    ]),
    arg(32, 2, 'input properties', 'properties of the query; Linux refuses non-zero ones for a feature ID (bit 31 clear)', 0n, [
      driver('ffa_features: if (!ARM_SMCCC_IS_FAST_CALL(func_feat_id) && input_props) → FFA_RET_INVALID_PARAMETERS'),
    ]),
  ],
  results: [
    success(32),
    word(32, 2, 'interface properties 1', 'properties of the function or feature (after FFA_ERROR: the error code)', 0n, 'an example', [driver('ffa_features: *if_props_1 = id.a2')]),
    word(32, 3, 'interface properties 2', 'more properties', 0n, 'an example', [driver('ffa_features: *if_props_2 = id.a3')]),
  ],
  sources: [header('FFA_FEATURES FFA_SMC_32(0x64)'), driver('ffa_features')],
});

function rxtxMap(w: Width): Call {
  const macro = w === 64 ? 'FFA_FN64_RXTX_MAP' : 'FFA_RXTX_MAP';
  const where = 'ffa_rxtx_map: .a0 = FFA_FN_NATIVE(RXTX_MAP), .a1 = tx_buf, .a2 = rx_buf, .a3 = pg_cnt';
  return ffaCall({
    id: `ffa-rxtx-map-${w}`,
    name: `FFA_RXTX_MAP (SMC${w})`,
    number: fid(
      0x66,
      w,
      macro,
      `FFA_RXTX_MAP_SMC${w} = FFA_FID(SMC_${w}, FFA_FNUM_RXTX_MAP U(0x66))`,
      w === 64 ? ['FFA_RXTX_MAP_64', 0xc4000066n] : ['FFA_RXTX_MAP_32', 0x84000066n],
    ),
    summary: 'Register the caller’s pair of message buffers (TX for what it sends, RX for what it receives): later calls pass descriptors through them instead of registers.',
    handles: 'it maps the two buffers for its own use and answers FFA_SUCCESS.',
    memory: rxtxBuffers(w),
    args: [
      arg(w, 1, 'TX buffer', 'physical address of the caller’s transmit buffer', TX_BUFFER, [driver(where)]),
      arg(w, 2, 'RX buffer', 'physical address of the caller’s receive buffer', RX_BUFFER, [driver(where)]),
      arg(w, 3, 'page count', 'size of each buffer in 4 KiB pages (FFA_PAGE_SIZE, whatever the kernel’s page size)', 1n, [driver(where), header('FFA_PAGE_SIZE SZ_4K')]),
    ],
    results: [success(w)],
    sources: [header(`${macro} FFA_SMC_${w}(0x66)`), driver('ffa_rxtx_map')],
    notes: [
      {
        kind: 'info',
        text:
          w === 64
            ? 'Linux uses this SMC64 form on arm64 (FFA_FN_NATIVE picks FFA_FN64_* when CONFIG_64BIT).'
            : 'Linux on arm64 uses the SMC64 form (FFA_FN_NATIVE); this SMC32 form can only name buffers below 4 GiB.',
        sources: [header('FFA_FN_NATIVE(name): FFA_FN64_##name under CONFIG_64BIT, else FFA_##name')],
      },
    ],
  });
}

const partitionInfoGet = ffaCall({
  id: 'ffa-partition-info-get',
  name: 'FFA_PARTITION_INFO_GET',
  number: fid(0x68, 32, 'FFA_PARTITION_INFO_GET', 'FFA_PARTITION_INFO_GET = FFA_FID(SMC_32, FFA_FNUM_PARTITION_INFO_GET U(0x68))', [
    'FFA_PARTITION_INFO_GET_32',
    0x84000068n,
  ]),
  summary: 'Find the partitions with a given UUID: how many there are and, unless only the count is asked for, their descriptors in the caller’s RX buffer.',
  handles: 'it answers FFA_SUCCESS with the count in w2 and the descriptor size in w3, writing the descriptors into the caller’s RX buffer unless only the count was asked for.',
  memory: [partitionDescriptors],
  args: [
    ...[0, 1, 2, 3].map((i) =>
      ({
        ...arg(32, i + 1, `uuid${i}`, `word ${i} of the partition UUID, as export_uuid() lays it out in memory (the example is 0: no UUID is implied)`, 0n, [
          driver('__ffa_partition_info_get: .a1 = uuid0, .a2 = uuid1, .a3 = uuid2, .a4 = uuid3'),
          driver('ffa_partition_probe: export_uuid((u8 *)uuid0_4, uuid)'),
        ]),
        run: 'uuid',
      }),
    ),
    arg(32, 5, 'flags', 'bit 0: return the count only (Linux sets it first, for FF-A v1.1 and later); the example asks for the descriptors', 0n, [
      driver('__ffa_partition_info_get: .a5 = flags; PARTITION_INFO_GET_RETURN_COUNT_ONLY BIT(0)'),
      tfaSvc('FFA_PARTITION_INFO_GET_COUNT_FLAG_MASK U(1 << 0)'),
    ]),
  ],
  results: [
    success(32),
    word(32, 2, 'count', 'number of partitions found (after FFA_ERROR: the error code)', 2n, 'two partitions (an example)', [driver('__ffa_partition_info_get: count = partition_info.a2')]),
    word(32, 3, 'descriptor size', 'size in bytes of each partition information descriptor (FF-A v1.1 and later; v1.0 returns none and uses 8)', 24n, '24 bytes: ID, context count, properties and UUID (struct ffa_partition_info_v1_1)', [
      driver('__ffa_partition_info_get: buf_sz = sz = partition_info.a3 (v1.1 and later); "FFA_VERSION_1_0 lacks size in the response"'),
      tfaSvc('struct ffa_partition_info_v1_1 { uint16_t ep_id; uint16_t execution_ctx_count; uint32_t properties; uint32_t uuid[4]; }'),
    ]),
  ],
  runs: [uuidRun(['w1', 'w2', 'w3', 'w4'], 32, driver('ffa_partition_probe: u32 uuid0_4[4]; export_uuid((u8 *)uuid0_4, uuid): the bytes in memory order, read back as four u32 words'))],
  sources: [header('FFA_PARTITION_INFO_GET FFA_SMC_32(0x68)'), driver('__ffa_partition_info_get')],
  notes: [
    {
      kind: 'info',
      text:
        'The descriptors themselves are memory, not registers: the callee writes them into the caller’s RX buffer, and the caller gives the buffer back with FFA_RX_RELEASE. ' +
        'They are drawn beside the registers. FF-A v1.2 adds FFA_PARTITION_INFO_GET_REGS (SMC64, 0x8B), which returns the descriptors in x3–x17 instead; Linux prefers it when FFA_FEATURES says it exists.',
      sources: [driver('__ffa_partition_info_get: rx_buf = drv_info->rx_buffer + idx * sz; ffa_rx_release()'), driver('ffa_partition_probe: reg_mode when ffa_features(FFA_PARTITION_INFO_GET_REGS, …) succeeds'), header('FFA_PARTITION_INFO_GET_REGS FFA_SMC_64(0x8B)')],
    },
  ],
});

// ---------------------------------------------------------------- direct messages

function directReq(w: Width): Call {
  const macro = w === 64 ? 'FFA_FN64_MSG_SEND_DIRECT_REQ' : 'FFA_MSG_SEND_DIRECT_REQ';
  const resp = w === 64 ? 0xc4000070n : 0x84000070n;
  const send = 'ffa_msg_send_direct_req: .a0 = req_id, .a1 = src_dst_ids, .a2 = 0, .a3 = data->data0, … .a7 = data->data4';
  const back = 'ffa_msg_send_direct_req: if (ret.a0 == resp_id) { data->data0 = ret.a3; … data->data4 = ret.a7; }';
  return ffaCall({
    id: `ffa-msg-send-direct-req-${w}`,
    name: `FFA_MSG_SEND_DIRECT_REQ (SMC${w})`,
    number: fid(
      0x6f,
      w,
      macro,
      `FFA_MSG_SEND_DIRECT_REQ_SMC${w} = FFA_FID(SMC_${w}, FFA_FNUM_MSG_SEND_DIRECT_REQ U(0x6F))`,
      w === 64 ? ['FFA_MSG_SEND_DIRECT_REQ_64', 0xc400006fn] : ['FFA_MSG_SEND_DIRECT_REQ_32', 0x8400006fn],
    ),
    summary: 'Send a partition a message of five registers and wait for its answer of five registers: FF-A’s synchronous request, the reason SMCCC 1.2 returns results beyond x3.',
    handles: 'it delivers the five payload registers to the receiver and, when the receiver answers with FFA_MSG_SEND_DIRECT_RESP, hands its five payload registers back.',
    args: [
      idsArg(w, send),
      arg(w, 2, 'flags', 'message flags; Linux passes 0', 0n, [driver(send)]),
      ...[0, 1, 2, 3, 4].map((i) => arg(w, i + 3, `data${i}`, `payload word ${i}`, BigInt(0x1111 * (i + 1)), [driver(send), header(`struct ffa_send_direct_data: data${i} /* w${i + 3}/x${i + 3} */`)])),
    ],
    results: [
      word(w, 0, 'reply', 'function ID of the reply: FFA_MSG_SEND_DIRECT_RESP of the same width, or FFA_ERROR with the error code in w2', resp, `FFA_MSG_SEND_DIRECT_RESP (SMC${w})`, [
        driver('ffa_msg_send_direct_req: resp_id = FFA_FN_NATIVE(MSG_SEND_DIRECT_RESP) (FFA_MSG_SEND_DIRECT_RESP in 32-bit mode)'),
        header(`${w === 64 ? 'FFA_FN64_MSG_SEND_DIRECT_RESP FFA_SMC_64(0x70)' : 'FFA_MSG_SEND_DIRECT_RESP FFA_SMC_32(0x70)'}`),
        hafnium(`FFA_MSG_SEND_DIRECT_RESP_${w} ${hex(resp)}`),
      ]),
      ...[0, 1, 2, 3, 4].map((i) => word(w, i + 3, `data${i}`, `answer word ${i}`, BigInt(0xaaaa * (i + 1)), 'an example', [driver(back)])),
    ],
    sources: [header(`${macro} FFA_SMC_${w}(0x6F)`), driver('ffa_msg_send_direct_req')],
    request: w === 32 ? 'req32' : 'req64',
    notes: [
      {
        kind: 'info',
        text:
          'FFA_MSG_SEND_DIRECT_RESP is not a call the kernel makes: it is the receiver’s answer, and what the kernel finds in x0. ' +
          'If the answer is FFA_INTERRUPT or FFA_YIELD instead, Linux resumes the receiver with FFA_RUN until the response comes (ffa_msg_send_wait_for_completion).',
        sources: [driver('ffa_msg_send_wait_for_completion: while (ret->a0 == FFA_INTERRUPT || ret->a0 == FFA_YIELD) invoke FFA_RUN with .a1 = ret->a1')],
      },
    ],
  });
}

const directReq2 = ffaCall({
  id: 'ffa-msg-send-direct-req2',
  name: 'FFA_MSG_SEND_DIRECT_REQ2',
  number: fid(0x8d, 64, 'FFA_MSG_SEND_DIRECT_REQ2', 'FFA_MSG_SEND_DIRECT_REQ2_SMC64 = FFA_FID(SMC_64, FFA_FNUM_MSG_SEND_DIRECT_REQ2 U(0x8D))'),
  summary: 'FF-A v1.2’s direct request: a service named by UUID in x2–x3 and a payload of fourteen registers, x4–x17, answered the same way.',
  handles: 'it delivers x4–x17 to the receiver’s service named by the UUID and, when it answers with FFA_MSG_SEND_DIRECT_RESP2, hands x4–x17 of the answer back.',
  args: [
    idsArg(64, 'ffa_msg_send_direct_req2: .a1 = src_dst_ids'),
    { ...arg(64, 2, 'UUID, first half', 'bytes 0–7 of the service’s UUID, as one little-endian 64-bit word', 0x1122334455667788n, [driver('ffa_msg_send_direct_req2: .a2 = le64_to_cpu(uuid_regs.regs[0])')]), run: 'uuid' },
    { ...arg(64, 3, 'UUID, second half', 'bytes 8–15 of the UUID, likewise', 0x99aabbccddeeff00n, [driver('ffa_msg_send_direct_req2: .a3 = le64_to_cpu(uuid_regs.regs[1])')]), run: 'uuid' },
    ...Array.from({ length: 14 }, (_, i) =>
      arg(64, i + 4, `data[${i}]`, `payload word ${i}`, BigInt(0x1111 * (i + 1)), [
        header('struct ffa_send_direct_data2 { unsigned long data[14]; /* x4-x17 */ }'),
        driver('ffa_msg_send_direct_req2: memcpy((void *)&args + offsetof(ffa_value_t, a4), data, sizeof(*data))'),
      ]),
    ),
  ],
  results: [
    word(64, 0, 'reply', 'function ID of the reply: FFA_MSG_SEND_DIRECT_RESP2, or FFA_ERROR with the error code in w2', 0xc400008en, 'FFA_MSG_SEND_DIRECT_RESP2', [
      driver('ffa_msg_send_direct_req2: if (ret.a0 == FFA_MSG_SEND_DIRECT_RESP2)'),
      header('FFA_MSG_SEND_DIRECT_RESP2 FFA_SMC_64(0x8E)'),
      tfaSvc('FFA_FNUM_MSG_SEND_DIRECT_RESP2 U(0x8E)'),
    ]),
    ...Array.from({ length: 14 }, (_, i) =>
      word(64, i + 4, `data[${i}]`, `answer word ${i}`, BigInt(0xaaaa * (i + 1)), 'an example', [
        driver('ffa_msg_send_direct_req2: memcpy(data, (void *)&ret + offsetof(ffa_value_t, a4), sizeof(*data))'),
      ]),
    ),
  ],
  runs: [uuidRun(['x2', 'x3'], 64, driver('ffa_msg_send_direct_req2: union { uuid_t uuid; __le64 regs[2]; } uuid_regs = { .uuid = *uuid }; .a2 = le64_to_cpu(uuid_regs.regs[0]), .a3 = le64_to_cpu(uuid_regs.regs[1])'))],
  sources: [header('FFA_MSG_SEND_DIRECT_REQ2 FFA_SMC_64(0x8D)'), driver('ffa_msg_send_direct_req2'), tfaSvc('FFA_FNUM_MSG_SEND_DIRECT_REQ2 U(0x8D) (under "FF-A v1.2")')],
  request: 'req2',
  notes: [
    {
      kind: 'info',
      text: 'SMC64 only, and Linux uses it only when FFA_FEATURES reports both REQ2 and RESP2 and the partition says it can receive it (FFA_PARTITION_DIRECT_REQ2_RECV, not in 32-bit mode).',
      sources: [driver('ffa_drvinfo_flags_init: msg_direct_req2_supp; ffa_sync_send_receive2'), header('ffa_partition_supports_direct_req2_recv(dev): FFA_PARTITION_DIRECT_REQ2_RECV && !dev->mode_32bit')],
    },
    {
      kind: 'unconfirmed',
      text: 'The Hafnium header we read predates FF-A v1.2 and has no REQ2: its ID is checked against Linux’s macro, expanded by hand, and TF-A’s function number.',
      sources: [hafnium('FFA_CONSOLE_LOG_64 0xC400008A is its highest ID')],
    },
  ],
});

// ---------------------------------------------------------------- memory

const descriptorNote: Note = {
  kind: 'info',
  text:
    'The memory transaction descriptor is memory, not registers: Linux writes it into its TX buffer (mapped with FFA_RXTX_MAP) as a struct ffa_mem_region, one struct ffa_mem_region_attributes per receiver ' +
    'and a struct ffa_composite_mem_region with the address ranges; w1 and w2 only give its lengths. It is drawn beside the registers. ' +
    `The example is one receiver and one range in the FF-A v1.1 layout: ${sizes.memRegion} + ${sizes.attributes} + ${sizes.composite} + ${sizes.range} = ${EXAMPLE_DESCRIPTOR_LENGTH} bytes, offsets computed from the structs.`,
  sources: [
    driver('ffa_setup_and_transmit: mem_region = buffer; ep_mem_access = buffer + ffa_mem_desc_offset(…); composite = buffer + composite_offset; constituents'),
    headerBefore618('struct ffa_mem_region, struct ffa_mem_region_attributes, struct ffa_composite_mem_region, struct ffa_mem_region_addr_range'),
  ],
};

const descriptorIn618: Note = {
  kind: 'history',
  text:
    'The layout drawn is arm_ffa.h’s before Linux 6.18. In 6.18 struct ffa_mem_region_attributes gains impdef_val[16] after composite_off: with FF-A v1.2 or later negotiated each endpoint memory access descriptor is 32 bytes rather than 16, ' +
    'which moves the composite region and everything after it; ffa_mem_desc_offset() sizes the descriptors with ffa_emad_size_get().',
  sources: [
    header(
      'struct ffa_mem_region_attributes { u16 receiver; u8 attrs; u8 flag; u32 composite_off; u8 impdef_val[16]; u64 reserved; }; FFA_EMAD_HAS_IMPDEF_FIELD(version) ((version) >= FFA_VERSION_1_2); ffa_emad_size_get(): sizeof(*ep_mem_access), less sizeof(ep_mem_access->impdef_val) before v1.2',
    ),
  ],
};

function memTransaction(op: 'SHARE' | 'LEND', n: number, w: Width): Call {
  const macro = w === 64 ? `FFA_FN64_MEM_${op}` : `FFA_MEM_${op}`;
  const first = 'ffa_mem_first_frag: .a0 = func_id, .a1 = len, .a2 = frag_len, .a3 = buf, .a4 = buf_sz';
  const lower = op.toLowerCase();
  const hafniumLiteral = w === 32 ? ([`FFA_MEM_${op}_32`, SMC32_BASE + BigInt(n)] as const) : undefined;
  return ffaCall({
    id: `ffa-mem-${lower}-${w}`,
    name: `FFA_MEM_${op} (SMC${w})`,
    number: fid(n, w, macro, `FFA_MEM_${op}_SMC${w} = FFA_FID(SMC_${w}, FFA_FNUM_MEM_${op} U(${hex(BigInt(n))}))`, hafniumLiteral),
    summary:
      op === 'SHARE'
        ? 'Share memory with other endpoints, keeping access to it: the pages are described in the TX buffer, and the answer is a handle naming the transaction.'
        : 'Lend memory to other endpoints, giving up access to it until it is reclaimed: described in the TX buffer, answered with a handle.',
    handles: 'it reads the descriptor from the caller’s TX buffer, sets up the transaction and answers FFA_SUCCESS with a 64-bit handle split over w2 and w3.',
    memory: [memTransactionDescriptor],
    args: [
      arg(w, 1, 'total length', 'length in bytes of the whole transaction descriptor', BigInt(EXAMPLE_DESCRIPTOR_LENGTH), [driver(first)]),
      arg(w, 2, 'fragment length', 'length of the part in this call (all of it when it fits in one buffer)', BigInt(EXAMPLE_DESCRIPTOR_LENGTH), [driver(first)]),
      arg(w, 3, 'buffer address', '0: the descriptor is in the TX buffer; otherwise the address of another buffer', 0n, [driver(first), driver('ffa_setup_and_transmit: addr = 0, buf_sz = 0 unless !args->use_txbuf')]),
      arg(w, 4, 'page count', 'size of that other buffer in 4 KiB pages; 0 with the TX buffer', 0n, [driver(first)]),
    ],
    results: [
      success(w, 'FFA_SUCCESS when the whole descriptor was received, FFA_MEM_FRAG_RX when the next fragment is wanted, or FFA_ERROR'),
      {
        ...word(w, 2, 'handle, low half', 'bits 31:0 of the transaction handle (after FFA_ERROR: the error code)', 0x1n, 'an example handle', [
          driver('ffa_mem_first_frag: if (ret.a0 == FFA_SUCCESS) *handle = PACK_HANDLE(ret.a2, ret.a3)'),
          hafnium('ffa_mem_success_handle(): ffa_assemble_handle(args.arg2, args.arg3)'),
        ]),
        run: 'handle',
      },
      {
        ...word(w, 3, 'handle, high half', 'bits 63:32 of the handle', 0x0n, 'an example handle', [driver('ffa_mem_first_frag: PACK_HANDLE(ret.a2, ret.a3)'), header('HANDLE_LOW_MASK GENMASK_ULL(31, 0), HANDLE_HIGH_MASK GENMASK_ULL(63, 32)')]),
        run: 'handle',
      },
    ],
    runs: [handleRun([reg(w, 2), reg(w, 3)], 'out')],
    sources: [header(`${macro} FFA_SMC_${w}(${hex(BigInt(n))})`), driver(`ffa_memory_${lower}: ffa_memory_ops(FFA_FN_NATIVE(MEM_${op}) when mem_ops_native, else FFA_MEM_${op})`)],
    notes: [
      descriptorNote,
      descriptorIn618,
      {
        kind: 'info',
        text:
          'Linux compares the reply with FFA_SUCCESS, the SMC32 ID, for both widths; it uses the SMC64 form only when FFA_FEATURES reports it (mem_ops_native). ' +
          'While the answer is FFA_MEM_OP_PAUSE it resumes with FFA_MEM_OP_RESUME.',
        sources: [driver('ffa_mem_first_frag: while (ret.a0 == FFA_MEM_OP_PAUSE) …; if (ret.a0 == FFA_SUCCESS)'), driver('ffa_drvinfo_flags_init: mem_ops_native')],
      },
      ...(w === 64
        ? [
            {
              kind: 'unconfirmed' as const,
              text: 'The Hafnium header we read has no SMC64 form of this call: its ID is checked against Linux’s macro, expanded by hand, and TF-A’s.',
              sources: [hafnium(`FFA_MEM_${op}_32 only`)],
            },
          ]
        : []),
    ],
  });
}

const reclaim = ffaCall({
  id: 'ffa-mem-reclaim',
  name: 'FFA_MEM_RECLAIM',
  number: fid(0x77, 32, 'FFA_MEM_RECLAIM', 'FFA_MEM_RECLAIM = FFA_FID(SMC_32, FFA_FNUM_MEM_RECLAIM U(0x77))', ['FFA_MEM_RECLAIM_32', 0x84000077n]),
  summary: 'Take back memory shared or lent earlier, named by the handle that FFA_MEM_SHARE or FFA_MEM_LEND returned.',
  handles: 'it ends the transaction, once every receiver has relinquished the memory, and answers FFA_SUCCESS.',
  args: [
    { ...arg(32, 1, 'handle, low half', 'bits 31:0 of the transaction handle', 0x1n, [driver('ffa_memory_reclaim: .a1 = HANDLE_LOW(g_handle), .a2 = HANDLE_HIGH(g_handle), .a3 = flags')]), run: 'handle' },
    { ...arg(32, 2, 'handle, high half', 'bits 63:32 of the handle', 0x0n, [driver('ffa_memory_reclaim: .a2 = HANDLE_HIGH(g_handle)')]), run: 'handle' },
    arg(32, 3, 'flags', 'bit 0: clear the memory before giving it back', 0n, [driver('ffa_memory_reclaim: .a3 = flags'), hafnium('FFA_MEM_RECLAIM_CLEAR 0x1')]),
  ],
  results: [success(32)],
  runs: [handleRun(['w1', 'w2'], 'in')],
  sources: [header('FFA_MEM_RECLAIM FFA_SMC_32(0x77)'), driver('ffa_memory_reclaim')],
  notes: [
    {
      kind: 'unconfirmed',
      text: 'That reclaim waits for every receiver to relinquish (FFA_MEM_RELINQUISH) is how the FF-A memory model is usually described; we did not read it in a source, only the registers.',
      sources: [header('FFA_MEM_RELINQUISH FFA_SMC_32(0x76)')],
    },
  ],
});

// ---------------------------------------------------------------- CPU cycles

const run = ffaCall({
  id: 'ffa-run',
  name: 'FFA_RUN',
  number: fid(0x6d, 32, 'FFA_RUN', 'FFA_MSG_RUN = FFA_FID(SMC_32, FFA_FNUM_MSG_RUN U(0x6D))', ['FFA_RUN_32', 0x8400006dn]),
  summary: 'Give a partition’s vCPU time to run, for example to finish work it was interrupted in.',
  handles: 'it runs the target vCPU until it stops, and answers with how it stopped.',
  args: [
    arg(32, 1, 'target', 'partition ID in bits 31:16, vCPU index in bits 15:0', 0x80010000n, [
      driver('ffa_run: u32 target = dev->vm_id << 16 | vcpu; .a1 = target'),
      hafnium('ffa_vm_id(): (args.arg1 >> 16) & 0xffff; ffa_vcpu_index(): args.arg1 & 0xffff'),
    ]),
  ],
  results: [
    word(32, 0, 'reply', 'how the vCPU stopped: Linux calls FFA_RUN again while it is FFA_INTERRUPT, fails on FFA_ERROR, and takes anything else as done', 0x84000062n, 'FFA_INTERRUPT (an example)', [
      driver('ffa_run: while (ret.a0 == FFA_INTERRUPT) invoke FFA_RUN with .a1 = ret.a1; if (ret.a0 == FFA_ERROR) …'),
      header('FFA_INTERRUPT FFA_SMC_32(0x62)'),
      hafnium('FFA_INTERRUPT_32 0x84000062'),
    ]),
    word(32, 1, 'target', 'with FFA_INTERRUPT: the target to run again', 0x80010000n, 'the same vCPU', [driver('ffa_run: invoke_ffa_fn((ffa_value_t){ .a0 = FFA_RUN, .a1 = ret.a1, }, &ret)')]),
  ],
  sources: [header('FFA_RUN FFA_SMC_32(0x6D)'), driver('ffa_run')],
  notes: [
    {
      kind: 'disagreement',
      text: 'Linux and Hafnium call 0x6D FFA_RUN (and 0x6C FFA_YIELD); TF-A names them FFA_MSG_RUN and FFA_MSG_YIELD (FFA_FNUM_MSG_RUN, FFA_FNUM_MSG_YIELD). The numbers agree.',
      sources: [header('FFA_YIELD FFA_SMC_32(0x6C), FFA_RUN FFA_SMC_32(0x6D)'), tfaSvc('FFA_FNUM_MSG_YIELD U(0x6C), FFA_FNUM_MSG_RUN U(0x6D)'), hafnium('FFA_YIELD_32 0x8400006C, FFA_RUN_32 0x8400006D')],
    },
  ],
});

export const ffaCalls: readonly Call[] = [
  version,
  idGet,
  features,
  rxtxMap(32),
  rxtxMap(64),
  partitionInfoGet,
  directReq(32),
  directReq(64),
  directReq2,
  memTransaction('SHARE', 0x73, 32),
  memTransaction('SHARE', 0x73, 64),
  memTransaction('LEND', 0x72, 32),
  memTransaction('LEND', 0x72, 64),
  reclaim,
  run,
];
